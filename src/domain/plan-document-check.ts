import { type Diagnostic, type MessageCatalog, makeDiagnostic, placeOf } from "./diagnostic.ts";
import { isValidIsoDate } from "./era.ts";
import {
  GRADE_CODE_MAX_LENGTH,
  GRADE_LABEL_MAX_LENGTH,
  GRADE_SCALE_MAX_LEVELS,
  GRADE_SCALE_MIN_LEVELS,
  gradeScaleOf,
  gradeScaleProblems,
  isGradeOf,
} from "./grade.ts";
import {
  INITIATIVE_NUMBER_TEXT_MAX,
  initiativeNumberKey,
  initiativeNumberLabel,
  withNumberSign,
} from "./initiative-number.ts";
import { localGovernmentCodeProblem } from "./local-government-code.ts";
import { type Initiative, type Kpi, PLAN_DOCUMENT_FORMAT, type PlanDocument } from "./plan-document.ts";

/**
 * What a plan document must be to be stored: one rule, used by every importer (so that `import FILE
 * --json OUT` refuses what a database import refuses), by the store before it writes (so that SQLite
 * and PostgreSQL refuse the same documents with the same words, instead of one storing what the other
 * throws at) and, through the bounds below, by the routes' parameters (a stored fiscal year or
 * initiative number is always one a URL can name).
 */

/** Fiscal years a plan, a round and a URL may name (西暦 start year). */
export const FISCAL_YEAR_MIN = 1900;
export const FISCAL_YEAR_MAX = 2999;
/** Initiative numbers (No.) a plan and a URL may name. */
export const INITIATIVE_NUMBER_MAX = 1_000_000;
/** The largest count a database integer column holds (PostgreSQL's integer). */
export const COUNT_MAX = 2_147_483_647;

/** At most this many findings about characters are listed; one is enough to refuse. */
const MAX_TEXT_FINDINGS = 10;

export type DocumentCheckCode =
  | "document.format"
  | "document.has-errors"
  | "document.fiscal-year-range"
  | "document.plan-period"
  | "document.round-outside-period"
  | "document.as-of"
  | "document.local-government-code"
  | "document.initiative-number"
  | "document.duplicate-initiative"
  | "document.number-text"
  | "document.duplicate-number-text"
  | "document.grade"
  | "document.grade-scale"
  | "document.not-assessed-graded"
  | "document.duplicate-kpi-key"
  | "document.kpi-key"
  | "document.unknown-relist"
  | "document.relist-cycle"
  | "document.relist-same-initiative"
  | "document.count-range"
  | "document.number-not-finite"
  | "document.text-character";

type Params = Record<string, string | number>;

export const DOCUMENT_CHECK_MESSAGES: MessageCatalog<DocumentCheckCode> = {
  "document.format": {
    severity: "error",
    ja: (p) =>
      `計画データの形式「${p.format}」には対応していません。Shinchoku が書き出した計画データ（JSON形式）を指定してください。`,
    en: (p) => `The document format "${p.format}" is not supported.`,
  },
  "document.has-errors": {
    severity: "error",
    ja: (p) =>
      `計画データにエラーが${p.count}件あります。1件目は${p.first}。エラーを直してから取り込んでください。`,
    en: (p) => `The document carries ${p.count} error(s) (first: ${p.first}); fix them before importing.`,
  },
  "document.fiscal-year-range": {
    severity: "error",
    ja: (p) =>
      `${p.name}（${p.value}）は西暦の年度で、${FISCAL_YEAR_MIN}～${FISCAL_YEAR_MAX}の整数で書いてください。`,
    en: (p) => `${p.nameEn} (${p.value}) must be a whole year from ${FISCAL_YEAR_MIN} to ${FISCAL_YEAR_MAX}.`,
  },
  "document.plan-period": {
    severity: "error",
    ja: (p) => `計画の最終年度（${p.end}年度）が開始年度（${p.start}年度）より前です。`,
    en: (p) => `The plan's last fiscal year (${p.end}) is before its first (${p.start}).`,
  },
  "document.round-outside-period": {
    severity: "error",
    ja: (p) => `報告の年度（${p.fiscalYear}年度）が計画期間（${p.start}～${p.end}年度）の外にあります。`,
    en: (p) => `The reported fiscal year (${p.fiscalYear}) is outside the plan period (${p.start}–${p.end}).`,
  },
  "document.local-government-code": {
    severity: "error",
    ja: (p) => String(p.ja),
    en: (p) => String(p.en),
  },
  "document.as-of": {
    severity: "error",
    ja: (p) =>
      `基準日「${p.value}」は日付として読み取れません。実在する日付を「2020-03-31」の形（西暦の年-月-日）で書いてください。`,
    en: (p) => `The as-of date "${p.value}" must be an existing date written yyyy-mm-dd.`,
  },
  "document.initiative-number": {
    severity: "error",
    ja: (p) => `取組項目の番号（No.）「${p.number}」は1～${INITIATIVE_NUMBER_MAX}の整数で書いてください。`,
    en: (p) => `Initiative number ${p.number} must be a whole number from 1 to ${INITIATIVE_NUMBER_MAX}.`,
  },
  "document.duplicate-initiative": {
    severity: "error",
    ja: (p) => `取組項目の番号 No.${p.number} が重複しています。`,
    en: (p) => `Initiative number ${p.number} appears twice.`,
  },
  "document.number-text": {
    severity: "error",
    ja: (p) =>
      `取組項目 No.${p.number} の番号の書き方「${p.text}」は、前後に空白のない${INITIATIVE_NUMBER_TEXT_MAX}文字以内の文字列でなければなりません。`,
    en: (p) =>
      `The written number "${p.text}" of initiative No. ${p.number} must be text of at most ${INITIATIVE_NUMBER_TEXT_MAX} characters without spaces around it.`,
  },
  "document.duplicate-number-text": {
    severity: "error",
    ja: (p) => `取組項目の番号 ${p.label} が重複しています（最初は${p.first}番目の取組項目）。`,
    en: (p) => `Initiative number ${p.label} appears twice (first as initiative ${p.first} of the document).`,
  },
  "document.grade": {
    severity: "error",
    ja: (p) =>
      `取組項目 No.${p.number} の進捗状況「${p.grade}」は評価の段階にありません。${p.codes}のいずれかに直してください。`,
    en: (p) => `The grade "${p.grade}" of initiative No. ${p.number} is not one of ${p.codesEn}.`,
  },
  "document.grade-scale": {
    severity: "error",
    ja: (p) =>
      `評価段階は${GRADE_SCALE_MIN_LEVELS}～${GRADE_SCALE_MAX_LEVELS}段階で、記号は${GRADE_CODE_MAX_LENGTH}文字以内・重複なし、名称は${GRADE_LABEL_MAX_LENGTH}文字以内でなければなりません（${p.levels}段階）。`,
    en: (p) =>
      `A grade scale has ${GRADE_SCALE_MIN_LEVELS} to ${GRADE_SCALE_MAX_LEVELS} levels with distinct codes of at most ${GRADE_CODE_MAX_LENGTH} characters and labels of at most ${GRADE_LABEL_MAX_LENGTH} (this one: ${p.levels} levels).`,
  },
  "document.not-assessed-graded": {
    severity: "error",
    ja: (p) =>
      `取組項目 No.${p.number} は対象外なのに進捗状況「${p.grade}」があります。進捗状況を空にするか、対象外を外してください。`,
    en: (p) => `Initiative No. ${p.number} is marked not assessed (対象外) but has the grade "${p.grade}".`,
  },
  "document.duplicate-kpi-key": {
    severity: "error",
    ja: (p) => `数値目標のキー「${p.key}」が重複しています。`,
    en: (p) => `The KPI key "${p.key}" appears twice.`,
  },
  "document.kpi-key": {
    severity: "error",
    ja: (p) => `取組項目 No.${p.number} の数値目標にキーがありません。`,
    en: (p) => `A KPI of initiative No. ${p.number} has no key.`,
  },
  "document.unknown-relist": {
    severity: "error",
    ja: (p) => `数値目標「${p.key}」の再掲元「${p.relistOf}」がこの計画データにありません。`,
    en: (p) => `The original "${p.relistOf}" of the relisted KPI "${p.key}" is not in the document.`,
  },
  "document.relist-cycle": {
    severity: "error",
    ja: (p) => `数値目標「${p.key}」の再掲元をたどると元に戻ってしまいます。`,
    en: (p) => `Following the originals of the relisted KPI "${p.key}" leads back to it.`,
  },
  "document.relist-same-initiative": {
    severity: "error",
    ja: (p) => `数値目標「${p.key}」は同じ取組項目の数値目標を再掲しています。`,
    en: (p) => `The KPI "${p.key}" relists a KPI of its own initiative.`,
  },
  "document.count-range": {
    severity: "error",
    ja: (p) => `${p.name}の件数（${p.value}）は 0～${COUNT_MAX} の整数でなければなりません。`,
    en: (p) => `The count ${p.nameEn} (${p.value}) must be a whole number from 0 to ${COUNT_MAX}.`,
  },
  "document.number-not-finite": {
    severity: "error",
    ja: () => "数値が大きすぎて扱えません（有限の数でなければなりません）。",
    en: () => "A number is too large to store (it must be finite).",
  },
  "document.text-character": {
    severity: "error",
    ja: (p) =>
      `文字列に保存できない文字（${p.character}）が含まれています。ファイルが壊れていないか確かめてください。`,
    en: (p) => `The text contains a character that cannot be stored (${p.character}); check the file.`,
  },
};

function finding(code: DocumentCheckCode, params: Params = {}, field?: string): Diagnostic {
  return makeDiagnostic(DOCUMENT_CHECK_MESSAGES, code, params, field ? { field } : {});
}

function isWholeIn(value: unknown, min: number, max: number): boolean {
  return typeof value === "number" && Number.isInteger(value) && value >= min && value <= max;
}

/**
 * A character no database can store as text: NUL (PostgreSQL refuses it in text and JSON), and half
 * of a UTF-16 surrogate pair (it has no UTF-8 form; PostgreSQL's JSON refuses its escape).
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is what is looked for
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/u;

function describeCharacter(text: string): string {
  const match = UNSTORABLE.exec(text);
  const c = match?.[0] ?? "";
  return c === "\u0000" ? "NUL U+0000" : `U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}`;
}

/** Every string and number of the document (but its diagnostics, which are not stored), with its path. */
function walk(
  value: unknown,
  path: string,
  visit: (value: string | number, path: string) => boolean,
): boolean {
  if (typeof value === "string" || typeof value === "number") return visit(value, path);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) if (!walk(value[i], `${path}[${i}]`, visit)) return false;
    return true;
  }
  if (value !== null && typeof value === "object") {
    for (const [key, child] of Object.entries(value)) {
      if (path === "" && key === "diagnostics") continue;
      if (!walk(child, path === "" ? key : `${path}.${key}`, visit)) return false;
    }
  }
  return true;
}

function checkValues(doc: PlanDocument, found: Diagnostic[]): void {
  let textFindings = 0;
  let numberFound = false;
  walk(doc, "", (value, path) => {
    if (typeof value === "number") {
      if (!Number.isFinite(value) && !numberFound) {
        numberFound = true;
        found.push(finding("document.number-not-finite", {}, path));
      }
    } else if (UNSTORABLE.test(value)) {
      found.push(finding("document.text-character", { character: describeCharacter(value) }, path));
      textFindings++;
    }
    return textFindings < MAX_TEXT_FINDINGS;
  });
}

function checkYears(doc: PlanDocument, found: Diagnostic[]): void {
  const { plan, round } = doc;
  const years: [unknown, string, string, string][] = [
    [plan.startFiscalYear, "計画の開始年度", "The plan's first fiscal year", "plan.startFiscalYear"],
    [plan.endFiscalYear, "計画の最終年度", "The plan's last fiscal year", "plan.endFiscalYear"],
    [round.fiscalYear, "報告の年度", "The reported fiscal year", "round.fiscalYear"],
  ];
  if (plan.baselineFiscalYear !== undefined)
    years.push([
      plan.baselineFiscalYear,
      "当初の年度",
      "The baseline's fiscal year",
      "plan.baselineFiscalYear",
    ]);
  let valid = true;
  for (const [value, name, nameEn, field] of years) {
    if (!isWholeIn(value, FISCAL_YEAR_MIN, FISCAL_YEAR_MAX)) {
      valid = false;
      found.push(finding("document.fiscal-year-range", { name, nameEn, value: String(value) }, field));
    }
  }
  if (!valid) return;
  if (plan.endFiscalYear < plan.startFiscalYear) {
    found.push(
      finding("document.plan-period", { start: plan.startFiscalYear, end: plan.endFiscalYear }, "plan"),
    );
  } else if (round.fiscalYear < plan.startFiscalYear || round.fiscalYear > plan.endFiscalYear) {
    found.push(
      finding(
        "document.round-outside-period",
        { fiscalYear: round.fiscalYear, start: plan.startFiscalYear, end: plan.endFiscalYear },
        "round.fiscalYear",
      ),
    );
  }
}

function checkCounts(doc: PlanDocument, found: Diagnostic[]): void {
  const summaries: [PlanDocument["gradeSummary"] | undefined, string, string, string][] = [
    [doc.gradeSummary, "進捗状況の集計", "of the grade summary", "gradeSummary"],
    [doc.declaredGradeSummary, "本部会評価", "of the declared grade summary", "declaredGradeSummary"],
  ];
  for (const [summary, name, nameEn, field] of summaries) {
    if (!summary) continue;
    for (const [grade, value] of Object.entries(summary)) {
      if (!isWholeIn(value, 0, COUNT_MAX))
        found.push(
          finding(
            "document.count-range",
            { name: `${name} ${grade} `, nameEn: `${grade} ${nameEn}`, value: String(value) },
            `${field}.${grade}`,
          ),
        );
    }
  }
}

/** Numbers, grades, KPI keys and 再掲 links: what the store's rows and keys need. */
function checkStructure(doc: PlanDocument, found: Diagnostic[]): void {
  const scale = gradeScaleOf(doc.plan);
  if (doc.plan.gradeScale !== undefined && gradeScaleProblems(doc.plan.gradeScale).length > 0)
    found.push(finding("document.grade-scale", { levels: doc.plan.gradeScale.length }, "plan.gradeScale"));
  const numbers = new Set<number>();
  const written = new Map<string, number>();
  let ordinal = 0;
  const byKey = new Map<string, { kpi: Kpi; initiative: number }>();
  doc.policies.forEach((policy, p) => {
    policy.initiatives.forEach((initiative, i) => {
      const field = `policies[${p}].initiatives[${i}]`;
      const { number } = initiative;
      ordinal++;
      if (!isWholeIn(number, 1, INITIATIVE_NUMBER_MAX))
        found.push(finding("document.initiative-number", { number: String(number) }, `${field}.number`));
      else if (numbers.has(number))
        found.push(finding("document.duplicate-initiative", { number }, `${field}.number`));
      else checkNumberText(initiative, field, ordinal, written, found);
      numbers.add(number);
      if (initiative.grade !== null && !isGradeOf(scale, String(initiative.grade)))
        found.push(
          finding(
            "document.grade",
            {
              number,
              grade: String(initiative.grade),
              codes: scale.map((l) => l.code).join("・"),
              codesEn: scale.map((l) => l.code).join(", "),
            },
            `${field}.grade`,
          ),
        );
      if (initiative.notAssessed === true && initiative.grade !== null)
        found.push(
          finding(
            "document.not-assessed-graded",
            { number, grade: String(initiative.grade) },
            `${field}.grade`,
          ),
        );
      initiative.kpis.forEach((kpi, k) => {
        const kpiField = `${field}.kpis[${k}]`;
        if (typeof kpi.key !== "string" || kpi.key === "")
          found.push(finding("document.kpi-key", { number }, `${kpiField}.key`));
        else if (byKey.has(kpi.key))
          found.push(finding("document.duplicate-kpi-key", { key: kpi.key }, `${kpiField}.key`));
        else byKey.set(kpi.key, { kpi, initiative: number });
      });
    });
  });

  // 再掲: each relisted KPI leads, through its originals, to a KPI of another initiative.
  doc.policies.forEach((policy, p) => {
    policy.initiatives.forEach((initiative, i) => {
      const owners = new Set<string>();
      initiative.kpis.forEach((kpi, k) => {
        const field = `policies[${p}].initiatives[${i}].kpis[${k}]`;
        const seen = new Set<string>();
        let current = kpi;
        let problem: Diagnostic | undefined;
        while (current.relisted && current.relistOf !== undefined) {
          if (seen.has(current.key)) {
            problem = finding("document.relist-cycle", { key: kpi.key }, `${field}.relistOf`);
            break;
          }
          seen.add(current.key);
          const original = byKey.get(current.relistOf);
          if (!original) {
            problem = finding(
              "document.unknown-relist",
              { key: current.key, relistOf: current.relistOf },
              `${field}.relistOf`,
            );
            break;
          }
          current = original.kpi;
        }
        if (problem) {
          found.push(problem);
          return;
        }
        // One initiative links a KPI once; listing it twice under the same initiative has no meaning.
        if (owners.has(current.key))
          found.push(finding("document.relist-same-initiative", { key: kpi.key }, `${field}.relistOf`));
        owners.add(current.key);
      });
    });
  });
}

/** The No. as written: text a table cell holds, and no two initiatives written alike ("1-2", "１－２"). */
function checkNumberText(
  initiative: Initiative,
  field: string,
  ordinal: number,
  written: Map<string, number>,
  found: Diagnostic[],
): void {
  const text: unknown = initiative.numberText;
  if (text !== undefined) {
    const valid =
      typeof text === "string" &&
      text !== "" &&
      text === text.trim() &&
      text.length <= INITIATIVE_NUMBER_TEXT_MAX;
    if (!valid) {
      found.push(
        finding(
          "document.number-text",
          { number: initiative.number, text: String(text) },
          `${field}.numberText`,
        ),
      );
      return;
    }
  }
  const label = initiativeNumberLabel(initiative);
  const key = initiativeNumberKey(label);
  const first = written.get(key);
  if (first !== undefined)
    found.push(
      finding(
        "document.duplicate-number-text",
        { label: withNumberSign(label), first },
        `${field}.${text === undefined ? "number" : "numberText"}`,
      ),
    );
  else written.set(key, ordinal);
}

/**
 * Every reason the document cannot be stored, as error diagnostics (empty: it can be). Pure; never
 * throws on any document shape the type allows.
 */
export function checkPlanDocument(doc: PlanDocument): Diagnostic[] {
  if (doc.format !== PLAN_DOCUMENT_FORMAT)
    return [finding("document.format", { format: String(doc.format) }, "format")];
  const found: Diagnostic[] = [];
  const errors = doc.diagnostics.filter((d) => d.severity === "error");
  const first = errors[0];
  if (first)
    found.push(finding("document.has-errors", { count: errors.length, first: firstErrorText(first) }));
  checkYears(doc, found);
  if (!isValidIsoDate(doc.round.asOf))
    found.push(finding("document.as-of", { value: String(doc.round.asOf) }, "round.asOf"));
  const code = doc.organization?.localGovernmentCode;
  const codeProblem = code === undefined ? undefined : localGovernmentCodeProblem(String(code));
  if (codeProblem)
    found.push(finding("document.local-government-code", codeProblem, "organization.localGovernmentCode"));
  checkStructure(doc, found);
  checkCounts(doc, found);
  checkValues(doc, found);
  return found;
}

/** 「12行目の「見出し行が見つかりません」」: the first error as a clause, without nested brackets. */
function firstErrorText(d: Diagnostic): string {
  const where = placeOf(d);
  const message = d.message.replace(/。$/, "");
  return where ? `${where}の「${message}」` : `「${message}」`;
}
