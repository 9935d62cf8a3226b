import { z } from "zod";
import type { Diagnostic } from "../../domain/diagnostic.ts";
import { isValidIsoDate, parseJapaneseDate } from "../../domain/era.ts";
import {
  GRADE_CODE_MAX_LENGTH,
  GRADE_LABEL_MAX_LENGTH,
  GRADE_SCALE_MAX_LEVELS,
  GRADE_SCALE_MIN_LEVELS,
  GRADES,
} from "../../domain/grade.ts";
import { jsonLineFinder, jsonSyntaxProblem } from "../json/json-lines.ts";
import { formatJsonPath, withAllowedKeys, zodFindings } from "../json/zod-messages.ts";
import { MAPPING_FIELDS, type MappingField } from "./fields.ts";
import { sheetDiagnostic } from "./messages.ts";
import { readFiscalYear } from "./read-rows.ts";

/**
 * A column mapping: how to read another city's Excel or CSV, written as a small JSON file.
 *
 * ```json
 * {
 *   "sheet": "進捗管理表",
 *   "headerRows": 2,
 *   "columns": { "policy": "A", "number": "B", "title": "取組名", "kpiName": "指標", "grade": "F" },
 *   "gradeScale": { "◎": "A", "○": "B", "△": "C", "×": "D" },
 *   "plan": { "title": "第3次行政改革実施計画", "startFiscalYear": "令和2年度", "endFiscalYear": 2024 },
 *   "round": { "fiscalYear": "令和4年度", "asOf": "2023-03-31" }
 * }
 * ```
 *
 * A column is named by its letter ("B": one to three capital letters) or by its header text as
 * written in one of the `headerRows` rows above the data ("取組名"), or explicitly as
 * `{ "letter": "B" }` / `{ "header": "NO" }`. One row holds one KPI; a row whose No. cell is empty
 * belongs to the initiative above it (its further KPIs).
 *
 * A `unit` column completes the bare numbers of 当初, 目標 and 現状値 (42 + 件 → 42件). The years the
 * headers of those columns name (基準値（H27）, 目標値（R3）) give the values their time, and 現状値 may
 * be one column per year, `{ "eachYear": ["H29実績", "H30実績", "R1実績"] }`, of which the round's
 * year is read (./apply.ts, ./header-years.ts). Files written before these keys read as they did.
 */
/**
 * Where a mapping was made: a mapping file given to the command line (`--mapping`, the default), or
 * the browser's column-mapping builder. The mapping is the same either way; findings about it say
 * what to change where it was made (a JSON key, or a field of the builder's page).
 */
export type MappingOrigin = "file" | "builder";

const columnRef = z.union([
  z.string().trim().min(1),
  z.strictObject({ letter: z.string().regex(/^[A-Za-z]{1,3}$/) }),
  z.strictObject({ header: z.string().trim().min(1) }),
]);

export type ColumnRef = z.infer<typeof columnRef>;

/**
 * 現状値 in one column per fiscal year (H29実績, H30実績, R1実績): each column's header names its
 * year, and the import takes the column of the round's year.
 */
const eachYearRef = z.strictObject({ eachYear: z.array(columnRef).min(1) });

export type EachYearRef = z.infer<typeof eachYearRef>;

/** 現状値: one column, or one column per year. */
const currentRef = z.union([...columnRef.options, eachYearRef]);

const columnsShape = Object.fromEntries(
  MAPPING_FIELDS.map((f) => [
    f,
    f === "number" || f === "title"
      ? columnRef
      : f === "current"
        ? currentRef.optional()
        : columnRef.optional(),
  ]),
) as Record<Exclude<MappingField, "current">, typeof columnRef | z.ZodOptional<typeof columnRef>> & {
  current: z.ZodOptional<typeof currentRef>;
};

const fiscalYear = z
  .union([z.number().int().min(1927).max(9998), z.string().min(1)])
  .transform((value, ctx) => {
    const fy = typeof value === "number" ? value : readFiscalYear(value);
    if (fy === undefined) {
      ctx.addIssue({
        code: "custom",
        message: `年度「${value}」を読み取れません（例：2019、"令和元年度"、"R1"）`,
        params: { en: `cannot read the fiscal year "${value}" (e.g. 2019, "令和元年度", "R1")` },
      });
      return z.NEVER;
    }
    return fy;
  });

const isoDate = z.string().transform((value, ctx) => {
  const iso = isValidIsoDate(value) ? value : parseJapaneseDate(value);
  if (iso === undefined) {
    ctx.addIssue({
      code: "custom",
      message: `日付「${value}」を読み取れません（例："2020-03-31"、"令和2年3月31日"）`,
      params: { en: `cannot read the date "${value}" (e.g. "2020-03-31", "令和2年3月31日")` },
    });
    return z.NEVER;
  }
  return iso;
});

function buildMappingSchema<G extends z.ZodType<string>>(gradeValue: G) {
  return z.strictObject({
    /** Sheet name or 1-based position; default the first sheet. Ignored for CSV. */
    sheet: z.union([z.string().min(1), z.number().int().min(1)]).optional(),
    /** Rows above the data (header rows); header names are looked up in them. */
    headerRows: z.number().int().min(0).max(100),
    columns: z.strictObject(columnsShape),
    /** Splits 関係課; default white space, 、 and commas. */
    departmentSeparator: z.string().min(1).optional(),
    /**
     * The plan's own grade scale, best first (3–6 levels), e.g. [{ "code": "S", "label": "達成" }, …];
     * absent: the default A 順調 / B ほぼ順調 / C やや遅れ / D 停滞.
     */
    grades: z
      .array(
        z.strictObject({
          code: z.string().trim().min(1).max(GRADE_CODE_MAX_LENGTH),
          label: z.string().trim().max(GRADE_LABEL_MAX_LENGTH).default(""),
        }),
      )
      .min(GRADE_SCALE_MIN_LEVELS)
      .max(GRADE_SCALE_MAX_LEVELS)
      .optional(),
    /**
     * Cell text → grade (a code of `grades`, or A–D without it), or "対象外" (not graded this year),
     * e.g. { "◎": "A", "○": "B", "△": "C", "×": "D", "－": "対象外" }. With `grades` the codes and
     * labels are read without it.
     */
    gradeScale: z.record(z.string().min(1), gradeValue).optional(),
    plan: z
      .strictObject({
        title: z.string().trim().min(1),
        startFiscalYear: fiscalYear,
        endFiscalYear: fiscalYear,
        baselineFiscalYear: fiscalYear.optional(),
      })
      .optional(),
    round: z
      .strictObject({ fiscalYear: fiscalYear.optional(), asOf: isoDate, title: z.string().optional() })
      .optional(),
    organization: z.strictObject({ name: z.string().trim().min(1) }).optional(),
    /** CSV only: "auto" (default) tells UTF-8 (with or without BOM) from Shift_JIS. */
    encoding: z.enum(["auto", "utf-8", "shift_jis"]).optional(),
    /** CSV only: the field delimiter, default ",". */
    delimiter: z.string().length(1).optional(),
  });
}

/** A word's target that is not a grade: the initiative is not graded this year (対象外). */
export const NOT_ASSESSED_TARGET = "対象外";

/** A mapping without `grades`: its words map to A–D, or to 対象外. */
export const mappingSchema = buildMappingSchema(z.enum([...GRADES, NOT_ASSESSED_TARGET]));

/** A mapping with the city's own `grades`: its words map to those codes. */
const ownScaleMappingSchema = buildMappingSchema(z.string().min(1).max(GRADE_CODE_MAX_LENGTH)).superRefine(
  (mapping, ctx) => {
    const codes = (mapping.grades ?? []).map((g) => g.code);
    for (const [text, grade] of Object.entries(mapping.gradeScale ?? {}))
      if (!codes.includes(grade) && grade !== NOT_ASSESSED_TARGET)
        ctx.addIssue({
          code: "invalid_value",
          values: [...codes, NOT_ASSESSED_TARGET],
          input: grade,
          path: ["gradeScale", text],
        });
  },
);

export type ColumnMapping = z.infer<typeof ownScaleMappingSchema>;

export type MappingParseResult =
  | { mapping: ColumnMapping; diagnostics: [] }
  | { mapping: null; diagnostics: Diagnostic[] };

function invalid(path: string, reason: string, reasonEn: string): Diagnostic {
  return sheetDiagnostic("mapping.invalid", { path, reason, reasonEn }, { field: path });
}

/**
 * Mapping files written before the plan document's v2 name the round `report`; they still read.
 * A file that names both keeps both, and validation refuses the unknown one.
 */
function renameReport(data: unknown): unknown {
  if (typeof data !== "object" || data === null || Array.isArray(data)) return data;
  const { report, ...rest } = data as Record<string, unknown>;
  if (report === undefined || "round" in rest) return data;
  return { ...rest, round: report };
}

/**
 * Reads and validates a mapping file (its text, or an already parsed object). Every problem is
 * reported with its JSON path, in Japanese; nothing throws.
 */
export function parseMapping(input: string | unknown): MappingParseResult {
  let data: unknown = input;
  if (typeof input === "string") {
    try {
      data = JSON.parse(input.replace(/^\uFEFF/, ""));
    } catch {
      const problem = jsonSyntaxProblem(input);
      const finding = invalid(formatJsonPath([]), problem.ja, problem.en);
      return { mapping: null, diagnostics: [{ ...finding, line: problem.line }] };
    }
  }
  const lineOf = typeof input === "string" ? jsonLineFinder(input.replace(/^\uFEFF/, "")) : () => undefined;
  const at = (d: Diagnostic): Diagnostic => {
    const line = d.field === undefined ? undefined : lineOf(d.field);
    return line === undefined ? d : { ...d, line };
  };
  const renamed = renameReport(data);
  const ownScale = typeof renamed === "object" && renamed !== null && "grades" in renamed;
  const parsed = (ownScale ? ownScaleMappingSchema : mappingSchema).safeParse(renamed);
  if (!parsed.success) {
    // Problems are named as the file writes them: `report.asOf` in a file that says report.
    const asWritten = (path: string) => (renamed !== data ? path.replace(/^round\b/, "report") : path);
    return {
      mapping: null,
      diagnostics: zodFindings(
        withAllowedKeys(parsed.error.issues, ownScale ? ownScaleMappingSchema : mappingSchema),
        renamed,
      ).map((f) => at(invalid(asWritten(f.path), f.ja, f.en))),
    };
  }
  const mapping = parsed.data;
  const problems: Diagnostic[] = [];
  if (mapping.plan && mapping.plan.endFiscalYear < mapping.plan.startFiscalYear) {
    problems.push(
      invalid(
        "plan.endFiscalYear",
        "計画の最終年度が開始年度より前です",
        "the plan's last fiscal year is before its first",
      ),
    );
  }
  const codes: readonly string[] = mapping.grades ? mapping.grades.map((g) => g.code) : GRADES;
  if (mapping.grades && new Set(codes).size !== codes.length)
    problems.push(invalid("grades", "評価の記号が重複しています", "a grade code appears twice"));
  if (problems.length > 0) return { mapping: null, diagnostics: problems };
  return { mapping, diagnostics: [] };
}
