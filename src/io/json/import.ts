import { type Diagnostic, type MessageCatalog, makeDiagnostic } from "../../domain/diagnostic.ts";
import { gradeScaleOf, gradeSummariesEqual, summarizeGrades } from "../../domain/grade.ts";
import { checkDeclaredSummary, formatGradeSummary } from "../../domain/grade-summary.ts";
import {
  initiativeNumberKey,
  initiativeNumberLabel,
  withNumberSign,
} from "../../domain/initiative-number.ts";
import { kpiParseContext } from "../../domain/kpi-context.ts";
import { parseKpiValue } from "../../domain/kpi-parse.ts";
import type { KpiValue } from "../../domain/kpi-value.ts";
import {
  PLAN_DOCUMENT_FORMAT,
  PLAN_DOCUMENT_FORMAT_V1,
  type PlanDocument,
} from "../../domain/plan-document.ts";
import type { ImportResult } from "../import-result.ts";
import { DEFAULT_LIMITS, type ImportLimits, limitExceeded } from "../limits.ts";
import { jsonLineFinder, jsonSyntaxProblem } from "./json-lines.ts";
import type { ParsedPlanDocument } from "./schema.ts";
import { jsonDepth, validatePlanDocument } from "./validate.ts";
import { zodFindings } from "./zod-messages.ts";

type JsonCode =
  | "json.empty"
  | "json.syntax"
  | "json.format"
  | "json.invalid"
  | "json.unknown-field"
  | "json.plan-period"
  | "json.duplicate-number"
  | "json.duplicate-kpi-key"
  | "json.relist-missing"
  | "json.grade-summary-recounted";

type Params = Record<string, string | number>;

export const JSON_IMPORT_MESSAGES: MessageCatalog<JsonCode> = {
  "json.empty": { severity: "error", ja: () => "ファイルが空です", en: () => "The file is empty" },
  "json.syntax": {
    severity: "error",
    ja: (p) => String(p.ja),
    en: (p) => String(p.en),
  },
  "json.format": {
    severity: "error",
    ja: (p) =>
      `項目「format」が「${PLAN_DOCUMENT_FORMAT}」でも「${PLAN_DOCUMENT_FORMAT_V1}」でもありません（${p.found}）。Shinchoku が書き出した計画データ（JSON形式）ではないか、対応していない版です。Shinchoku から書き出し直したファイルを指定してください`,
    en: (p) =>
      `"format" is not "${PLAN_DOCUMENT_FORMAT}" (or "${PLAN_DOCUMENT_FORMAT_V1}") (${p.found}): not a Shinchoku plan document, or an unsupported version`,
  },
  "json.invalid": {
    severity: "error",
    ja: (p) => `項目「${p.path}」：${p.reason}`,
    en: (p) => `"${p.path}": ${p.reasonEn}`,
  },
  "json.unknown-field": {
    severity: "warning",
    ja: (p) =>
      `項目「${p.path}」は計画データにないため読み飛ばしました。つづりを確かめてください${p.allowed ? `（使える項目：${p.allowed}）` : ""}`,
    en: (p) =>
      `"${p.path}": not a field of the plan document; ignored (check the spelling)${p.allowedEn ? ` (allowed: ${p.allowedEn})` : ""}`,
  },
  "json.plan-period": {
    severity: "error",
    ja: (p) => `計画の最終年度（${p.end}）が開始年度（${p.start}）より前です`,
    en: (p) => `The plan's last fiscal year (${p.end}) is before its first (${p.start})`,
  },
  "json.duplicate-number": {
    severity: "error",
    ja: (p) =>
      `取組項目 ${withNumberSign(p.number)} が重複しています${p.first}。どちらかの番号を直してください`,
    en: (p) => `Initiative ${withNumberSign(p.number, " ")} appears twice (first at ${p.firstEn})`,
  },
  "json.duplicate-kpi-key": {
    severity: "error",
    ja: (p) => `数値目標のキー「${p.key}」が重複しています${p.first}。別のキーにしてください`,
    en: (p) => `The KPI key "${p.key}" appears twice (first at ${p.firstEn})`,
  },
  "json.relist-missing": {
    severity: "warning",
    ja: (p) => `再掲元の数値目標「${p.key}」がこの計画データにありません`,
    en: (p) => `The relisted KPI's original "${p.key}" is not in this document`,
  },
  "json.grade-summary-recounted": {
    severity: "warning",
    ja: (p) =>
      `本部会評価の件数（${p.stored}）が各取組項目の進捗状況を数えた件数（${p.counted}）と違うため、数え直しました`,
    en: (p) =>
      `gradeSummary (${p.storedEn}) differs from the grades of the initiatives (${p.countedEn}); recounted`,
  },
};

function diag(code: JsonCode, params: Params = {}, field?: string): Diagnostic {
  return makeDiagnostic(JSON_IMPORT_MESSAGES, code, params, field ? { field } : {});
}

function failure(diagnostics: Diagnostic[]): ImportResult {
  return { document: null, diagnostics };
}

/**
 * Reads a plan document written as JSON (what `exportJson` writes, or a file written by hand).
 * Validation errors name the JSON path ("policies[0].initiatives[2].grade") in Japanese. KPI values
 * written as plain strings are parsed as table cells. Never throws.
 */
export function importPlanDocumentJson(
  input: string | Uint8Array,
  options: { limits?: ImportLimits } = {},
): ImportResult {
  try {
    return importUnsafe(input, options.limits ?? DEFAULT_LIMITS);
  } catch (error) {
    // A bug must not take down an upload: report it as a finding about this input.
    const message = error instanceof Error ? error.message : String(error);
    return failure([
      {
        severity: "error",
        code: "internal",
        message: `取り込み中に予期しないエラーが起きました：${message}`,
        messageEn: `Unexpected error while importing: ${message}`,
      },
    ]);
  }
}

function importUnsafe(input: string | Uint8Array, limits: ImportLimits): ImportResult {
  if (typeof input !== "string" && input.length > limits.fileBytes)
    return failure([limitExceeded("fileBytes", limits.fileBytes, input.length)]);
  const text = (typeof input === "string" ? input : new TextDecoder("utf-8").decode(input)).replace(
    /^\uFEFF/,
    "",
  );
  if (text.trim() === "") return failure([diag("json.empty")]);
  // Bounded before parsing: JSON.parse and the validator recurse once per level.
  const depth = jsonDepth(text, limits.jsonDepth);
  if (depth > limits.jsonDepth) return failure([limitExceeded("jsonDepth", limits.jsonDepth, undefined)]);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    const problem = jsonSyntaxProblem(text);
    const finding = diag("json.syntax", { ja: problem.ja, en: problem.en });
    return failure([problem.line === undefined ? finding : { ...finding, line: problem.line }]);
  }
  const format = (data as { format?: unknown } | null)?.format;
  if (format === PLAN_DOCUMENT_FORMAT_V1) data = upgradeV1(data as Record<string, unknown>);
  else if (format !== PLAN_DOCUMENT_FORMAT) {
    const found = format === undefined ? "項目がありません" : `「${String(format)}」`;
    return failure([diag("json.format", { found }, "format")]);
  }

  const lineOf = jsonLineFinder(text);
  const at = (d: Diagnostic): Diagnostic => {
    const line = d.field === undefined ? undefined : lineOf(d.field);
    return line === undefined ? d : { ...d, line };
  };
  const warnings: Diagnostic[] = [];
  let parsed = validatePlanDocument(data, true, limits);
  if (!parsed.success && "issues" in parsed && parsed.issues.every((i) => i.code === "unrecognized_keys")) {
    for (const f of zodFindings(parsed.issues, data))
      warnings.push(
        at(
          diag(
            "json.unknown-field",
            {
              path: shortPath(f.path, lineOf),
              ...(f.allowed ? { allowed: f.allowed.join("、"), allowedEn: f.allowed.join(", ") } : {}),
            },
            f.path,
          ),
        ),
      );
    parsed = validatePlanDocument(data, false, limits);
  }
  if (!parsed.success && "limit" in parsed) return failure([parsed.limit]);
  if (!parsed.success) {
    const findings = zodFindings(
      parsed.issues.filter((i) => i.code !== "unrecognized_keys"),
      data,
    );
    return failure(
      findings.map((f) =>
        at(diag("json.invalid", { path: shortPath(f.path, lineOf), reason: f.ja, reasonEn: f.en }, f.path)),
      ),
    );
  }
  const document = toDocument(parsed.data);
  const findings = [...warnings, ...check(document, lineOf).map(at)];
  document.diagnostics = [...document.diagnostics, ...findings];
  // The lines of each initiative's 関係課 and 進捗状況, for findings made against the store.
  const places: Record<string, { line: number }> = {};
  document.policies.forEach((policy, p) => {
    policy.initiatives.forEach((_, i) => {
      for (const name of ["departments", "grade"]) {
        const field = `policies[${p}].initiatives[${i}].${name}`;
        const line = lineOf(field);
        if (line !== undefined) places[field] = { line };
      }
    });
  });
  return { document, diagnostics: findings, places };
}

/**
 * v1 named the round's heading `report`, which v2 calls `round` (報告 is one initiative's report).
 * Nothing else differs, so a v1 document is read as the v2 document it names.
 */
function upgradeV1(data: Record<string, unknown>): Record<string, unknown> {
  const { report, ...rest } = data;
  return { ...rest, format: PLAN_DOCUMENT_FORMAT, ...(report !== undefined ? { round: report } : {}) };
}

/** Strings written in place of KPI values are parsed like table cells of the same plan. */
function toDocument(data: ParsedPlanDocument): PlanDocument {
  const ctx = kpiParseContext(data.plan);
  const value = (v: string | KpiValue): KpiValue => (typeof v === "string" ? parseKpiValue(v, ctx) : v);
  return {
    ...data,
    policies: data.policies.map((policy) => ({
      ...policy,
      initiatives: policy.initiatives.map((initiative) => ({
        ...initiative,
        kpis: initiative.kpis.map((kpi) => ({
          ...kpi,
          baseline: value(kpi.baseline as string | KpiValue),
          target: value(kpi.target as string | KpiValue),
          current: value(kpi.current as string | KpiValue),
        })),
      })),
    })),
  } as PlanDocument;
}

/**
 * A field as the finding names it: with its line known (「エラー（116行目）」) its own name is enough
 * (「grade」), the rest of the path (policies[0].initiatives[1]) is what the line already says.
 */
function shortPath(path: string, lineOf: (field: string) => number | undefined): string {
  if (lineOf(path) === undefined) return path;
  return /(?:^|\.)([^.]+)$/.exec(path)?.[1] ?? path;
}

/** Where the first of two equal numbers or keys is: its line when known, else its place in the document. */
function firstPlace(
  field: string,
  lineOf: (field: string) => number | undefined,
): { ja: string; en: string } {
  const line = lineOf(field);
  return line === undefined ? { ja: "", en: field } : { ja: `（最初は${line}行目）`, en: `line ${line}` };
}

function check(doc: PlanDocument, lineOf: (field: string) => number | undefined): Diagnostic[] {
  const found: Diagnostic[] = [];
  if (doc.plan.endFiscalYear < doc.plan.startFiscalYear) {
    found.push(
      diag("json.plan-period", { start: doc.plan.startFiscalYear, end: doc.plan.endFiscalYear }, "plan"),
    );
  }
  const numbers = new Map<number, string>();
  const written = new Map<string, string>();
  const keys = new Map<string, string>();
  const relists: { key: string; field: string }[] = [];
  doc.policies.forEach((policy, p) => {
    policy.initiatives.forEach((initiative, i) => {
      const field = `policies[${p}].initiatives[${i}]`;
      const first = numbers.get(initiative.number);
      // Two initiatives written alike ("1-2" and "１－２") are the same number twice.
      const label = initiativeNumberLabel(initiative);
      const writtenKey = initiativeNumberKey(label);
      const firstWritten = written.get(writtenKey);
      const duplicate = (number: number | string, firstField: string, place: string) => {
        const at = firstPlace(firstField, lineOf);
        found.push(diag("json.duplicate-number", { number, first: at.ja, firstEn: at.en }, place));
      };
      if (first) duplicate(initiative.number, `${first}.number`, `${field}.number`);
      else if (firstWritten)
        duplicate(
          label,
          `${firstWritten}.number`,
          `${field}.${initiative.numberText === undefined ? "number" : "numberText"}`,
        );
      if (!first) numbers.set(initiative.number, field);
      if (!firstWritten) written.set(writtenKey, field);
      initiative.kpis.forEach((kpi, k) => {
        const kpiField = `${field}.kpis[${k}]`;
        const firstKey = keys.get(kpi.key);
        if (firstKey) {
          const place = firstPlace(`${firstKey}.key`, lineOf);
          found.push(
            diag(
              "json.duplicate-kpi-key",
              { key: kpi.key, first: place.ja, firstEn: place.en },
              `${kpiField}.key`,
            ),
          );
        } else keys.set(kpi.key, kpiField);
        if (kpi.relistOf !== undefined) relists.push({ key: kpi.relistOf, field: `${kpiField}.relistOf` });
      });
    });
  });
  for (const r of relists)
    if (!keys.has(r.key)) found.push(diag("json.relist-missing", { key: r.key }, r.field));

  const scale = gradeScaleOf(doc.plan);
  const counted = summarizeGrades(
    doc.policies.flatMap((p) => p.initiatives.map((i) => i.grade)),
    scale,
  );
  if (!gradeSummariesEqual(counted, doc.gradeSummary)) {
    found.push(
      diag(
        "json.grade-summary-recounted",
        {
          stored: formatGradeSummary(doc.gradeSummary, "ja", scale),
          counted: formatGradeSummary(counted, "ja", scale),
          storedEn: formatGradeSummary(doc.gradeSummary, "en", scale),
          countedEn: formatGradeSummary(counted, "en", scale),
        },
        "gradeSummary",
      ),
    );
    doc.gradeSummary = counted;
  }
  if (doc.declaredGradeSummary) {
    const mismatch = checkDeclaredSummary(doc.declaredGradeSummary, counted, scale);
    if (mismatch) found.push(mismatch);
  }
  return found;
}
