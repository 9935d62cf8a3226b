import type { z } from "zod";

/**
 * zod's findings in Japanese (and English), each with the JSON path it concerns
 * ("policies[0].initiatives[2].grade"), for the plan-document JSON importer and the mapping file.
 */
export interface JsonFinding {
  /** "policies[0].initiatives[2].grade"; "ファイル全体" for the whole document. */
  path: string;
  ja: string;
  en: string;
  /** For an unknown field: the names allowed where it was found. */
  allowed?: string[];
}

type Issue = z.core.$ZodIssue;
type PathKey = PropertyKey;

export const ROOT_PATH = "ファイル全体";

/** ["policies", 0, "title"] → "policies[0].title"; keys that are not identifiers in brackets: gradeScale["◎"]. */
export function formatJsonPath(path: readonly PathKey[]): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else if (typeof key === "string" && /^[A-Za-z_$][\w$]*$/.test(key)) out += out === "" ? key : `.${key}`;
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out === "" ? ROOT_PATH : out;
}

const TYPE_NAMES: Record<string, { ja: string; en: string }> = {
  string: { ja: "文字列", en: "a string" },
  number: { ja: "数値", en: "a number" },
  int: { ja: "整数", en: "an integer" },
  boolean: { ja: "真偽値（true / false）", en: "a boolean" },
  object: { ja: "オブジェクト（{ … }）", en: "an object" },
  array: { ja: "配列（[ … ]）", en: "an array" },
  null: { ja: "null", en: "null" },
  undefined: { ja: "未指定", en: "missing" },
};

function typeName(type: string): { ja: string; en: string } {
  return TYPE_NAMES[type] ?? { ja: type, en: type };
}

function valueAt(input: unknown, path: readonly PathKey[]): unknown {
  let value: unknown = input;
  for (const key of path) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<PropertyKey, unknown>)[key as string];
  }
  return value;
}

/** The JSON type of the value found at `path` in the input. */
function receivedType(input: unknown, path: readonly PathKey[]): string {
  const value = valueAt(input, path);
  if (value === undefined) return "undefined";
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number" && !Number.isInteger(value)) return "number";
  return typeof value;
}

function quoteValues(values: readonly unknown[]): string {
  return values.map((v) => JSON.stringify(v)).join(" / ");
}

function sizeUnit(origin: string | undefined): { ja: string; en: string } {
  if (origin === "string") return { ja: "文字", en: "characters" };
  if (origin === "array" || origin === "set") return { ja: "個", en: "items" };
  return { ja: "", en: "" };
}

/**
 * The names an object takes where a misspelt one was found (「つづり」 findings list them). zod's
 * issue does not say, so the schema is walked along the issue's path; undefined where it cannot
 * tell (a union of objects, a record).
 */
export function allowedKeysAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] | undefined {
  let node: unknown = schema;
  const step = (at: unknown): unknown => {
    const def = (at as { _zod?: { def?: Record<string, unknown> } })._zod?.def;
    if (!def) return undefined;
    if (
      def.type === "optional" ||
      def.type === "nullable" ||
      def.type === "default" ||
      def.type === "readonly"
    )
      return step(def.innerType);
    if (def.type === "pipe") return step(def.in);
    return at;
  };
  for (const key of path) {
    node = step(node);
    const def = (node as { _zod?: { def?: Record<string, unknown> } } | undefined)?._zod?.def;
    if (def?.type === "object" && typeof key === "string") node = (def.shape as Record<string, unknown>)[key];
    else if (def?.type === "array" && typeof key === "number") node = def.element;
    else return undefined;
  }
  const def = (step(node) as { _zod?: { def?: Record<string, unknown> } } | undefined)?._zod?.def;
  return def?.type === "object" ? Object.keys(def.shape as Record<string, unknown>) : undefined;
}

/** An unknown-key issue with the names allowed where it was found (see allowedKeysAt). */
export type IssueWithAllowed = Issue & { allowed?: string[] };

/** The issues of schema.safeParse, each unknown-key issue told the names allowed at its place. */
export function withAllowedKeys(
  issues: readonly Issue[],
  schema: z.ZodType,
  base: readonly PropertyKey[] = [],
): Issue[] {
  return issues.map((issue) => {
    if (issue.code !== "unrecognized_keys") return issue;
    const allowed = allowedKeysAt(schema, issue.path.slice(base.length));
    return allowed ? ({ ...issue, allowed } as IssueWithAllowed) : issue;
  });
}

/** 「使える項目: title、startFiscalYear」, or nothing when the names are not known. */
export function allowedKeysText(allowed: readonly string[] | undefined): { ja: string; en: string } {
  if (!allowed || allowed.length === 0) return { ja: "", en: "" };
  return { ja: `（使える項目：${allowed.join("、")}）`, en: ` (allowed: ${allowed.join(", ")})` };
}

/** One finding per zod issue; a union's alternatives are summarized by the one that got furthest. */
export function zodFindings(issues: readonly Issue[], input: unknown): JsonFinding[] {
  return issues.flatMap((issue) => findingsOf(issue, issue.path, input));
}

function findingsOf(issue: Issue, path: readonly PathKey[], input: unknown): JsonFinding[] {
  const at = formatJsonPath(path);
  switch (issue.code) {
    case "invalid_type": {
      const received = receivedType(input, path);
      if (received === "undefined") {
        return [{ path: at, ja: "必須の項目がありません", en: "required, but missing" }];
      }
      const expected = typeName(issue.expected);
      const got = typeName(received);
      return [
        {
          path: at,
          ja: `${expected.ja}でなければなりません（${got.ja}が書かれています）`,
          en: `must be ${expected.en} (found ${got.en})`,
        },
      ];
    }
    case "invalid_value": {
      // The value written and the fix: 「「E」は使えません。A・B・C・Dのいずれかに直してください」.
      const written = valueAt(input, path);
      const shown =
        typeof written === "string" || typeof written === "number" ? `「${written}」は使えません。` : "";
      return [
        {
          path: at,
          ja: `${shown}${issue.values.map((v) => (typeof v === "string" ? v : JSON.stringify(v))).join("・")}のいずれかに直してください`,
          en: `must be one of ${quoteValues(issue.values)}`,
        },
      ];
    }
    case "too_small": {
      const unit = sizeUnit(issue.origin);
      const min = Number(issue.minimum);
      if (issue.origin === "string" && min === 1)
        return [{ path: at, ja: "空にできません", en: "must not be empty" }];
      return [
        {
          path: at,
          ja: `${min}${unit.ja}${issue.inclusive === false ? "より大きく" : "以上に"}してください`,
          en: `must be ${issue.inclusive === false ? "more than" : "at least"} ${min} ${unit.en}`.trim(),
        },
      ];
    }
    case "too_big": {
      const unit = sizeUnit(issue.origin);
      const max = Number(issue.maximum);
      return [
        {
          path: at,
          ja: `${max}${unit.ja}${issue.inclusive === false ? "未満に" : "以下に"}してください`,
          en: `must be ${issue.inclusive === false ? "less than" : "at most"} ${max} ${unit.en}`.trim(),
        },
      ];
    }
    case "invalid_format":
      return [
        {
          path: at,
          ja: `書式が正しくありません（${formatName(issue.format).ja}）`,
          en: `has the wrong format (${formatName(issue.format).en})`,
        },
      ];
    case "unrecognized_keys":
      return issue.keys.map((key) => {
        const allowed = allowedKeysText((issue as IssueWithAllowed).allowed);
        return {
          path: formatJsonPath([...path, key]),
          ja: `この項目は使えません。つづりを確かめてください${allowed.ja}`,
          en: `unknown field (check the spelling)${allowed.en}`,
          ...((issue as IssueWithAllowed).allowed ? { allowed: (issue as IssueWithAllowed).allowed } : {}),
        };
      });
    case "invalid_union": {
      // The alternative with the fewest issues is the one the author most likely meant.
      const best = [...issue.errors].sort((a, b) => a.length - b.length)[0];
      if (!best || best.length === 0) return [{ path: at, ja: "値が正しくありません", en: "invalid value" }];
      return best.flatMap((inner) => findingsOf(inner, [...path, ...inner.path], input));
    }
    case "custom":
      return [{ path: at, ja: issue.message, en: String(issue.params?.en ?? issue.message) }];
    default:
      return [{ path: at, ja: "値が正しくありません", en: issue.message }];
  }
}

function formatName(format: string): { ja: string; en: string } {
  if (format === "regex") return { ja: "決められた形", en: "the expected pattern" };
  if (format === "date") return { ja: "「2020-03-31」の形の日付", en: "a yyyy-mm-dd date" };
  return { ja: format, en: format };
}
