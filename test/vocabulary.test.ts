import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { API_TEXT_EN } from "../src/server/routes/api-docs/english.ts";

/**
 * Every message catalogue at once (pages, CLI, importers' findings, store, API texts): the string
 * literals, template literals and JSX text of src/ (tests aside) that contain Japanese, held to the
 * writing rules of docs/GLOSSARY.md's 「Words on every surface」. The word list is read from that doc,
 * so the doc and this test cannot disagree.
 */

const root = new URL("..", import.meta.url).pathname;
const JAPANESE = /[\u3040-\u30ff\u3400-\u9fff\uff01-\uff5e]/;
const KANA_KANJI = "\\u3040-\\u30ff\\u3400-\\u9fff";
const PLACEHOLDER = "\u0000";

interface Literal {
  readonly where: string;
  readonly text: string;
}

function sourceFiles(directory: string, out: string[] = []): string[] {
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) sourceFiles(path, out);
    else if (/\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) && !entry.name.endsWith(".d.ts"))
      out.push(path);
  }
  return out;
}

/** A JSX text right after an expression keeps its leading space: 「{count} 件」 is a spacing fault. */
function jsxText(node: ts.JsxText): string {
  const parent = node.parent;
  const siblings = ts.isJsxElement(parent) || ts.isJsxFragment(parent) ? parent.children : undefined;
  const index = siblings ? siblings.indexOf(node) : -1;
  const afterExpression =
    index > 0 && siblings !== undefined && ts.isJsxExpression(siblings[index - 1] as ts.Node);
  const text = node.text.replace(/\s*\n\s*/g, " ");
  return afterExpression ? PLACEHOLDER + text.trimEnd() : text.trim();
}

function literalsOf(path: string): Literal[] {
  const source = readFileSync(path, "utf8");
  const kind = path.endsWith("x") ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const file = ts.createSourceFile(path, source, ts.ScriptTarget.Latest, true, kind);
  const found: Literal[] = [];
  const visit = (node: ts.Node): void => {
    let text: string | undefined;
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) text = node.text;
    else if (ts.isTemplateExpression(node))
      text = node.head.text + node.templateSpans.map((span) => PLACEHOLDER + span.literal.text).join("");
    else if (ts.isJsxText(node)) text = jsxText(node);
    // A catalogue's own placeholders (「{count}件」) stand for values, like a template's.
    if (text !== undefined) text = text.replace(/\{\w+\}/g, PLACEHOLDER);
    if (text !== undefined && JAPANESE.test(text)) {
      const { line } = file.getLineAndCharacterOfPosition(node.getStart());
      found.push({ where: `${relative(root, path)}:${line + 1}`, text });
    }
    if (ts.isTemplateExpression(node)) for (const span of node.templateSpans) visit(span.expression);
    else ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

const literals = sourceFiles(join(root, "src")).flatMap(literalsOf);

/** The table of 「Words on every surface」: chosen terms and the variants not to use, all in 「」. */
function glossaryWords(): { chosen: string[]; variants: string[] } {
  const doc = readFileSync(join(root, "docs/GLOSSARY.md"), "utf8");
  const section = doc.slice(doc.indexOf("## Words on every surface"));
  const rows = section.split("\n").filter((line) => line.startsWith("| ") && !line.startsWith("| concept"));
  const quoted = (cell: string | undefined) =>
    [...(cell ?? "").matchAll(/「([^」]+)」/g)].map((m) => m[1] as string);
  const cells = rows.map((row) => row.split("|").map((cell) => cell.trim()));
  return {
    chosen: cells.flatMap((cell) => quoted(cell[2])),
    variants: cells.flatMap((cell) => quoted(cell[3])),
  };
}

function show(faults: string[]): string {
  return faults.length === 0 ? "" : `\n${faults.join("\n")}`;
}

describe("Shinchoku's own Japanese (docs/GLOSSARY.md, issue 13)", () => {
  it("scans the catalogues: every surface has Japanese literals", () => {
    const files = new Set(literals.map((literal) => literal.where.split(":")[0]));
    for (const expected of [
      "src/server/errors.ts",
      "src/cli/import.ts",
      "src/io/table-text/messages.ts",
      "src/io/mapping/messages.ts",
      "src/store/messages.ts",
      "src/server/views/layout.tsx",
    ])
      expect(files).toContain(expected);
  });

  it("reads the word list from the glossary", () => {
    const { chosen, variants } = glossaryWords();
    expect(chosen).toContain("計画番号");
    expect(variants).toContain("計画ID");
    expect(variants).toContain("読めません");
  });

  it("uses the glossary's word, never a variant it lists as not to use", () => {
    const { chosen, variants } = glossaryWords();
    const byLength = [...chosen].sort((a, b) => b.length - a.length);
    const faults: string[] = [];
    for (const { where, text } of literals) {
      let rest = text;
      for (const term of byLength) rest = rest.split(term).join(PLACEHOLDER);
      for (const variant of variants)
        if (rest.includes(variant)) faults.push(`${where}\t「${variant}」 in ${text}`);
    }
    expect(show(faults)).toBe("");
  });

  it("writes no space between a number and the Japanese after it (「1件」「12行目」「1以上」)", () => {
    const digitSpace = new RegExp(`(?<![A-Za-z0-9_.\\-])[0-9][0-9,.]*[ \\u00a0\\u3000]+[${KANA_KANJI}]`);
    const counters =
      "件|行|列|文字|個|桁|年|人|版|日|時間|分|秒|ページ|以上|以下|未満|つ|回|か所|箇所|ポイント|番目|項目|段階";
    const placeholderSpace = new RegExp(`${PLACEHOLDER}[ \\u00a0\\u3000]+(${counters})`);
    const faults = literals
      .filter(({ text }) => digitSpace.test(text) || placeholderSpace.test(text))
      .map(({ where, text }) => `${where}\t${text.replaceAll(PLACEHOLDER, "{…}")}`);
    expect(show(faults)).toBe("");
  });

  it("nests no full-width brackets (「（令和元年度（2019年度））」)", () => {
    const faults: string[] = [];
    for (const { where, text } of literals) {
      let depth = 0;
      // A quoted text is someone else's (a city's title), quoted as written.
      for (const character of text.replace(/「[^」]*」/g, "「」")) {
        if (character === "（") depth += 1;
        else if (character === "）") depth = Math.max(0, depth - 1);
        if (depth > 1) {
          faults.push(`${where}\t${text}`);
          break;
        }
      }
    }
    expect(show(faults)).toBe("");
  });

  it("writes the colon of Japanese text full-width, with no space after it (「例：2019」)", () => {
    const faults: string[] = [];
    for (const { where, text } of literals) {
      // The OpenAPI descriptions keep their own style, and API_TEXT_EN is keyed by them as written.
      if (API_DESCRIPTION_FILES.has(where.split(":")[0] as string) || API_TEXTS.has(text)) continue;
      if (/：[ \u00a0\u3000]/.test(text))
        faults.push(`${where}\t「： 」 in ${text.replaceAll(PLACEHOLDER, "{…}")}`);
      for (const part of japaneseParts(text))
        if (!namesJapaneseInEnglish(part) && asciiColons(part) > 0) faults.push(`${where}\t${part}`);
    }
    expect(show(faults)).toBe("");
  });

  it("tells an ASCII colon used as Japanese punctuation from one in a time, a header or a pattern", () => {
    for (const fault of [
      "例: 2019",
      "データベースが見つかりません:  ",
      "指定値: ",
      "  : 強制終了します",
      "Shinchoku:  で起動しました",
      "エラー（3行目）:進捗状況",
    ])
      expect(asciiColons(fault), fault).toBe(1);
    for (const fine of [
      "例：2019",
      "12:30に締め切ります",
      "Authorization: Bearer で送ってください",
      "(?:年度)?末",
      "：；:;？",
    ])
      expect(asciiColons(fine), fine).toBe(0);
    expect(japaneseParts(`は ${PLACEHOLDER}://ホスト/データベース の形で書きます`).map(asciiColons)).toEqual([
      0,
    ]);
    expect(namesJapaneseInEnglish("Japanese or Western: 令和3年3月31日, 2021-03-31")).toBe(true);
    expect(namesJapaneseInEnglish("PostgreSQL: 既定は10")).toBe(false);
  });

  it("names no code beside Japanese words (a field is said in words; commands, options and formats may be named)", () => {
    const name = "[A-Za-z][A-Za-z0-9_]*(?:-[A-Za-z0-9_]+)*";
    const japaneseBeside = new RegExp(
      `[${KANA_KANJI}] *(${name})(?![\\w\\-/.@])|(?<![\\w\\-/.@])(${name})(?= *[${KANA_KANJI}：])`,
      "g",
    );
    const faults: string[] = [];
    for (const { where, text } of literals) {
      if (API_DESCRIPTION_FILES.has(where.split(":")[0] as string)) continue;
      for (const sentence of japaneseParts(text)) {
        const names = [...sentence.matchAll(japaneseBeside)]
          .map((match) => (match[1] ?? match[2]) as string)
          .filter((found) => !allowedName(found));
        if (names.length > 0) faults.push(`${where}\t${names.join(", ")} in ${sentence}`);
      }
    }
    expect(show(faults)).toBe("");
  });
});

/**
 * The Japanese parts of a literal, without what a reader types as written: a bilingual
 * 「日本語 / English」 message is judged by its Japanese half, an English sentence quoting a Japanese
 * word (「before 昭和」) not at all; quoted names (「round」), commands, options, paths, URLs and e-mail
 * addresses are left out.
 */
function japaneseParts(text: string): string[] {
  return text
    .replaceAll(PLACEHOLDER, " ")
    .split(/ \/ |\n/)
    .filter((part) => JAPANESE.test(part) && !isEnglish(part))
    .map((part) =>
      part
        .replace(/「[^」]*」/g, "「」")
        .replace(/"[^"]*"/g, '""')
        .replace(/(?:npx )?shinchoku(?: [a-z][\w-]*)*/g, " ")
        .replace(/(?<!\S)--?[a-z][\w-]*/g, " ")
        .replace(/\S+@\S+|[a-z]*:\/\/\S*|yyyy-mm-dd/gi, " ")
        .replace(/[\w.-]*\/[\w./{}-]*/g, " ")
        .replace(/\b[\w-]+\.(?:md|json|csv|xlsx|pdf|txt|db)\b/g, " "),
    );
}

/**
 * The ASCII colons of a Japanese part used as its punctuation: one followed by a space, the end or a
 * Japanese character. One between two ASCII words or numbers (「12:30」, 「Authorization: Bearer」) is
 * what a reader types, and 「(?:」 is a pattern's.
 */
function asciiColons(part: string): number {
  let count = 0;
  for (const match of part.matchAll(/:/g)) {
    const index = match.index;
    const before = part.slice(0, index).trimEnd();
    const after = part.slice(index + 1);
    if (before.endsWith("(?")) continue;
    if (!new RegExp(`^(?:\\s|$|[${KANA_KANJI}\\uff01-\\uff5e])`).test(after)) continue;
    if (/[A-Za-z0-9]$/.test(before) && /^\s*[A-Za-z0-9]/.test(after)) continue;
    count += 1;
  }
  return count;
}

/** An English sentence naming Japanese words (「Japanese or Western: 令和3年3月31日」): no kana of Japanese grammar. */
function namesJapaneseInEnglish(part: string): boolean {
  return !/[\u3040-\u309f]/.test(part) && (part.match(/\b[A-Za-z]{2,}\b/g)?.length ?? 0) >= 2;
}

function isEnglish(part: string): boolean {
  const words = part.match(/\b[A-Za-z]{2,}\b/g)?.length ?? 0;
  const japanese = part.match(new RegExp(`[${KANA_KANJI}]`, "g"))?.length ?? 0;
  return words >= japanese;
}

/**
 * Where the JSON field names are the reader's own words: the OpenAPI descriptions, read by whoever
 * programs against the API (「percent は null」).
 */
const API_DESCRIPTION_FILES = new Set([
  "src/server/api-schema.ts",
  "src/server/routes/api-docs/english.ts",
  "src/server/routes/plans/api-schema.ts",
  "src/server/routes/plans/api.ts",
  "src/server/routes/plans/export.ts",
  "src/server/routes/reports/api.ts",
]);

/** The same descriptions wherever a route writes them: the texts the API's English catalogue translates. */
const API_TEXTS = new Set(Object.keys(API_TEXT_EN));

/** Acronyms and environment variables (PORT, DATABASE_URL), one letter (A–D), and names a reader types. */
function allowedName(name: string): boolean {
  if (/^[A-Z][A-Z0-9_]*$/.test(name)) return true;
  if (/^[A-Za-z][0-9]?$/.test(name)) return true;
  return ALLOWED_NAMES.has(name);
}

const ALLOWED_NAMES = new Set([
  "No",
  "OpenAPI",
  "Shinchoku",
  "Excel",
  "LibreOffice",
  "xlsx",
  "csv",
  "json",
  "pdf",
  "utf",
  "shift_jis",
  "Shift_JIS",
  "utf-8",
  "UTF-8",
  "UTF-16",
  "Cookie",
  "Bearer",
  "SQLite",
  "PostgreSQL",
  "JavaScript",
  "TypeScript",
  "Node",
  "Redocly",
  "Word",
  "Ctrl",
  "Authorization",
  "openapi-typescript",
  "openapi-fetch",
  "http",
  "https",
  "smtp",
  "smtps",
  // the commands of shinchoku, listed alone in its help and named in its messages
  "serve",
  "import",
  "export",
  "migrate",
  "remove",
  "round",
  "plan",
  "organization",
  "user",
  "add",
  "list",
  "disable",
  "enable",
  "reset",
  // the roles given with --role
  "secretariat",
  "editor",
  "committee",
  "viewer",
  // the sample organization's address name, the example every CLI text gives
  "sakado",
]);
