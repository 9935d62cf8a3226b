import {
  findNodeAtLocation,
  type Node,
  type ParseError,
  parse,
  parseTree,
  printParseErrorCode,
} from "jsonc-parser";
import { ROOT_PATH } from "./zod-messages.ts";

/**
 * Where a JSON path is written in the file, as a line number a person can find in an editor.
 * jsonc-parser (the parser VS Code uses) keeps every value's offset, which JSON.parse throws away.
 */
export function jsonLineFinder(text: string): (path: string) => number | undefined {
  let tree: Node | undefined;
  let lineStarts: number[] | undefined;
  return (path) => {
    if (path === ROOT_PATH) return undefined;
    tree ??= parseTree(text) ?? undefined;
    if (!tree) return undefined;
    const segments = parseJsonPath(path);
    // A missing field is reported on the object that lacks it.
    let node: Node | undefined;
    for (let n = segments.length; n >= 0 && !node; n--) node = findNodeAtLocation(tree, segments.slice(0, n));
    if (!node) return undefined;
    // The key's line, not the value's: `"grade":` is what the reader looks for.
    const offset = node.parent?.type === "property" ? node.parent.offset : node.offset;
    lineStarts ??= lineStartsOf(text);
    return lineOf(lineStarts, offset);
  };
}

/** "policies[0].initiatives[2].grade" and gradeScale["◎"] back to the segments formatJsonPath joined. */
export function parseJsonPath(path: string): (string | number)[] {
  const segments: (string | number)[] = [];
  const pattern = /([A-Za-z_$][\w$]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]|\./g;
  for (const match of path.matchAll(pattern)) {
    if (match[1] !== undefined) segments.push(match[1]);
    else if (match[2] !== undefined) segments.push(Number(match[2]));
    else if (match[3] !== undefined) segments.push(JSON.parse(match[3]) as string);
  }
  return segments;
}

function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

function lineOf(starts: number[], offset: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if ((starts[mid] ?? 0) <= offset) low = mid;
    else high = mid - 1;
  }
  return low + 1;
}

const SYNTAX_WORDS: Partial<Record<ReturnType<typeof printParseErrorCode>, { ja: string; en: string }>> = {
  InvalidSymbol: {
    ja: "JSON に使えない文字があります",
    en: "a character JSON does not allow",
  },
  InvalidNumberFormat: { ja: "数値の書き方が正しくありません", en: "a malformed number" },
  PropertyNameExpected: {
    ja: '「"」で囲んだ項目名が必要です',
    en: "a property name in double quotes is expected",
  },
  ValueExpected: { ja: "値が必要です", en: "a value is expected" },
  ColonExpected: { ja: "「:」が必要です", en: '":" is expected' },
  CommaExpected: { ja: "「,」が必要です", en: '"," is expected' },
  CloseBraceExpected: { ja: "「}」が足りません", en: '"}" is missing' },
  CloseBracketExpected: { ja: "「]」が足りません", en: '"]" is missing' },
  EndOfFileExpected: {
    ja: "JSON の終わりのあとに余分な文字があります",
    en: "there is more text after the end of the JSON",
  },
  InvalidCommentToken: { ja: "コメントは書けません", en: "comments are not allowed" },
  UnexpectedEndOfComment: { ja: "コメントは書けません", en: "comments are not allowed" },
  UnexpectedEndOfString: {
    ja: '文字列の「"」が閉じていません',
    en: 'a string is not closed with "',
  },
  UnexpectedEndOfNumber: { ja: "数値が途中で終わっています", en: "a number ends too early" },
  InvalidUnicode: {
    ja: "\\u の後の文字コードが正しくありません",
    en: "an invalid \\u escape",
  },
  InvalidEscapeCharacter: {
    ja: "「\\」の後の文字が正しくありません",
    en: "an invalid escape after \\",
  },
  InvalidCharacter: {
    ja: "文字列の中に改行などの制御文字があります",
    en: "a control character inside a string",
  },
};

/**
 * Why a text is not JSON, in the reader's words, and the line where the reader should look (to be
 * given as the finding's place), for a text JSON.parse refused
 * (its own message is English and names an offset: "Unexpected end of JSON input").
 */
export function jsonSyntaxProblem(text: string): { line?: number; ja: string; en: string } {
  const errors: ParseError[] = [];
  parse(text, errors, { allowTrailingComma: false, disallowComments: true });
  const first = errors[0];
  const fix = { ja: "括弧・引用符・カンマを確かめてください", en: "check the brackets, quotes and commas" };
  if (!first) return { ja: `JSON として読み取れません。${fix.ja}`, en: `Not valid JSON: ${fix.en}` };
  const words = SYNTAX_WORDS[printParseErrorCode(first.error)] ?? {
    ja: "書き方が正しくありません",
    en: "malformed",
  };
  const line = lineOf(lineStartsOf(text), first.offset);
  return {
    line,
    ja: `JSON として読み取れません。${words.ja}。${fix.ja}`,
    en: `Not valid JSON: ${words.en}; ${fix.en}`,
  };
}
