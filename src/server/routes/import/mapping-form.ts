import type { EraContext } from "../../../domain/era.ts";
import {
  DEFAULT_GRADE_SCALE,
  type GradeScale,
  gradeLegend,
  gradeWithLabel,
  isDefaultGradeScale,
} from "../../../domain/grade.ts";
import { kpiParseContext } from "../../../domain/kpi-context.ts";
import { FIELD_LABELS, MAPPING_FIELDS, type MappingField } from "../../../io/mapping/fields.ts";
import { normalizeScaleKey, readFiscalYear, scaleWords } from "../../../io/mapping/read-rows.ts";
import { type ColumnMapping, NOT_ASSESSED_TARGET, parseMapping } from "../../../io/mapping/schema.ts";
import type { SheetRow } from "../../../io/mapping/sheet.ts";
import { columnLetter, columnNumber } from "../../../io/xlsx/layout.ts";
import type { Ui } from "../../i18n.ts";
import type { FieldError } from "../../views/form/errors.ts";
import { imt } from "./text.ts";

/**
 * The column-mapping builder's form and the mapping file (`--mapping`, docs/MAPPING.md) it makes:
 * each field's column is chosen by letter from the file's header row, the progress column's words
 * are each given a grade, and the plan and round the file does not state are typed in. The form is
 * read into the same JSON object a mapping file holds and validated by the same parser
 * (parseMapping), so what the builder saves is exactly what the command line reads.
 */
export interface MappingFormValues {
  sheet: string;
  headerRows: string;
  columns: Partial<Record<MappingField, string>>;
  /** 現状値 in one column per year (the select's "each year" choice), and the letters of those columns. */
  currentEachYear: boolean;
  currentYears: string[];
  departmentSeparator: string;
  /** Word of the progress column → grade code ("" = read as written). */
  grades: Record<string, string>;
  plan: { title: string; start: string; end: string; baseline: string };
  round: { fiscalYear: string; asOf: string };
}

/**
 * The grades the progress column's words are mapped to: the scale of the plan the table is imported
 * into (found by its title and period, as the import finds it) with 対象外 where that plan allows it;
 * for a new plan the default A–D and 対象外.
 */
export interface GradeTarget {
  /** The plan imported into, when it exists. */
  plan?: { id: number; title: string };
  scale: GradeScale;
  notAssessedAllowed: boolean;
}

/** A new plan's: the default scale, 対象外 allowed (as the plan editor starts). */
export const NEW_PLAN_GRADES: GradeTarget = { scale: DEFAULT_GRADE_SCALE, notAssessedAllowed: true };

/** Input ids of the form's fields, which the error summary links to. */
export const fieldId = {
  column: (field: MappingField) => `col-${field}`,
  /** The checkboxes of 現状値's year columns (the first box has this id). */
  currentYears: "current-years",
  /** The 現状値 select's choice "one column per year" (a value, not a column letter). */
  eachYear: "each-year",
  grade: (index: number) => `grade-${index}`,
};

const PATH_IDS: Record<string, string> = {
  headerRows: "headerRows",
  sheet: "sheet",
  departmentSeparator: "departmentSeparator",
  "plan.title": "plan-title",
  "plan.startFiscalYear": "plan-start",
  "plan.endFiscalYear": "plan-end",
  "plan.baselineFiscalYear": "plan-baseline",
  plan: "plan-title",
  "round.fiscalYear": "round-fiscalYear",
  "round.asOf": "round-asOf",
  round: "round-asOf",
};

/** The builder's first guess: the row among the first ten with the most filled cells is the header. */
export function guessHeaderRows(rows: readonly SheetRow[]): number {
  let best = 0;
  let bestCount = 0;
  for (const row of rows.slice(0, 10)) {
    const count = row.cells.filter((c) => c !== "").length;
    if (count > bestCount) {
      best = row.number;
      bestCount = count;
    }
  }
  return best;
}

/** Column choices: each column of the header row (the last header row), "C：取組名". */
export function columnChoices(
  rows: readonly SheetRow[],
  headerRows: number,
): { value: string; label: string }[] {
  const width = Math.max(0, ...rows.slice(0, 50).map((r) => r.cells.length));
  const header = rows.find((r) => r.number === headerRows);
  const above = rows.filter((r) => r.number < headerRows);
  return Array.from({ length: width }, (_, i) => {
    const letter = columnLetter(i + 1);
    // A header merged over two rows reads in the row above; the nearest filled one names the column.
    const text = header?.cells[i] || [...above].reverse().find((r) => r.cells[i])?.cells[i] || "";
    return { value: letter, label: text ? `${letter}：${text.replace(/\s+/g, " ").slice(0, 40)}` : letter };
  });
}

/** The distinct words of the progress column below the header, in the order met. */
export function gradeWords(
  rows: readonly SheetRow[],
  headerRows: number,
  letter: string | undefined,
): string[] {
  if (!letter) return [];
  const index = (columnNumber(letter) ?? 0) - 1;
  if (index < 0) return [];
  const words: string[] = [];
  for (const row of rows) {
    if (row.number <= headerRows) continue;
    const word = (row.cells[index] ?? "").trim();
    if (word !== "" && !words.includes(word) && words.length < 30) words.push(word);
  }
  return words;
}

/** The words a grade cell says 対象外 with (the file says so itself). */
const NOT_ASSESSED_WORDS = ["対象外", "評価対象外", "未評価"];

/** Whether a word says 対象外 as written (「対象外」「評価対象外」「未評価」), with no mapping. */
export function saysNotAssessed(word: string): boolean {
  return NOT_ASSESSED_WORDS.includes(normalizeScaleKey(word));
}

/**
 * Whether a word reads as a grade of the scale without a mapping (its codes and labels: A–D, 順調…
 * on the default scale), or as 対象外 (the file says so itself) where the target plan allows it;
 * where it does not, a word saying 対象外 must be given a grade.
 */
export function readsAsIs(
  word: string,
  scale: GradeScale = DEFAULT_GRADE_SCALE,
  notAssessedAllowed = true,
): boolean {
  return scaleWords(scale).has(normalizeScaleKey(word)) || (notAssessedAllowed && saysNotAssessed(word));
}

/**
 * The eras the headers are read in, as the import reads them (kpiParseContext of the plan): from the
 * plan period the form gives, so that an era-less 30年度実績 or 元年度実績 is offered as a year column.
 * Undefined until both ends of the period read as fiscal years.
 */
export function headerEraContext(values: MappingFormValues): EraContext | undefined {
  const startFiscalYear = readFiscalYear(values.plan.start);
  const endFiscalYear = readFiscalYear(values.plan.end);
  if (startFiscalYear === undefined || endFiscalYear === undefined || endFiscalYear < startFiscalYear)
    return undefined;
  const baselineFiscalYear = readFiscalYear(values.plan.baseline);
  return kpiParseContext({
    startFiscalYear,
    endFiscalYear,
    ...(baselineFiscalYear === undefined ? {} : { baselineFiscalYear }),
  });
}

export function emptyFormValues(): MappingFormValues {
  return {
    sheet: "",
    headerRows: "",
    columns: {},
    currentEachYear: false,
    currentYears: [],
    departmentSeparator: "",
    grades: {},
    plan: { title: "", start: "", end: "", baseline: "" },
    round: { fiscalYear: "", asOf: "" },
  };
}

/** A saved mapping (one the builder wrote, or a file) as the form's values. */
export function formValuesOf(mapping: ColumnMapping): MappingFormValues {
  const values = emptyFormValues();
  values.sheet = mapping.sheet === undefined ? "" : String(mapping.sheet);
  values.headerRows = String(mapping.headerRows);
  for (const field of MAPPING_FIELDS) {
    const ref = mapping.columns[field];
    if (typeof ref === "string" && /^[A-Z]{1,3}$/.test(ref)) values.columns[field] = ref;
    else if (ref && typeof ref === "object" && "letter" in ref)
      values.columns[field] = ref.letter.toUpperCase();
  }
  const current = mapping.columns.current;
  if (current && typeof current === "object" && "eachYear" in current) {
    values.currentEachYear = true;
    values.currentYears = current.eachYear.flatMap((ref) =>
      typeof ref === "string" && /^[A-Z]{1,3}$/.test(ref)
        ? [ref]
        : typeof ref === "object" && "letter" in ref
          ? [ref.letter.toUpperCase()]
          : [],
    );
  }
  values.departmentSeparator = mapping.departmentSeparator ?? "";
  for (const [word, grade] of Object.entries(mapping.gradeScale ?? {})) values.grades[word] = grade;
  if (mapping.plan) {
    values.plan = {
      title: mapping.plan.title,
      start: String(mapping.plan.startFiscalYear),
      end: String(mapping.plan.endFiscalYear),
      baseline: mapping.plan.baselineFiscalYear === undefined ? "" : String(mapping.plan.baselineFiscalYear),
    };
  }
  if (mapping.round) {
    values.round = {
      fiscalYear: mapping.round.fiscalYear === undefined ? "" : String(mapping.round.fiscalYear),
      asOf: mapping.round.asOf,
    };
  }
  return values;
}

/** The posted form as values (answers kept for a refusal). */
export function readMappingForm(
  text: (name: string) => string,
  list: (name: string) => string[] = () => [],
): MappingFormValues {
  const values = emptyFormValues();
  values.sheet = text("sheet").trim();
  values.headerRows = text("headerRows").trim();
  for (const field of MAPPING_FIELDS) {
    const letter = text(fieldId.column(field)).trim().toUpperCase();
    if (/^[A-Z]{1,3}$/.test(letter)) values.columns[field] = letter;
  }
  values.currentEachYear = text(fieldId.column("current")) === fieldId.eachYear;
  values.currentYears = list(fieldId.currentYears)
    .map((letter) => letter.trim().toUpperCase())
    .filter((letter) => /^[A-Z]{1,3}$/.test(letter));
  values.departmentSeparator = text("departmentSeparator");
  for (let i = 0; i < 30; i++) {
    const word = text(`gradeWord-${i}`);
    if (word === "") break;
    values.grades[word] = text(fieldId.grade(i)).trim();
  }
  values.plan = {
    title: text("plan-title").trim(),
    start: text("plan-start").trim(),
    end: text("plan-end").trim(),
    baseline: text("plan-baseline").trim(),
  };
  values.round = { fiscalYear: text("round-fiscalYear").trim(), asOf: text("round-asOf").trim() };
  return values;
}

const yearValue = (text: string): string | number => (/^\d{4}$/.test(text) ? Number(text) : text);

/** The values as the mapping file's JSON object (before validation). */
export function mappingObject(
  values: MappingFormValues,
  format: "csv" | "xlsx",
  target: GradeTarget = NEW_PLAN_GRADES,
): Record<string, unknown> {
  const columns: Record<string, string> = {};
  for (const field of MAPPING_FIELDS) {
    const letter = values.columns[field];
    if (letter) columns[field] = letter;
  }
  const object: Record<string, unknown> = {
    headerRows: /^\d+$/.test(values.headerRows) ? Number(values.headerRows) : values.headerRows,
    // 現状値 per year: the ticked columns, whose headers name their years.
    columns: values.currentEachYear ? { ...columns, current: { eachYear: values.currentYears } } : columns,
  };
  if (format === "xlsx" && values.sheet !== "") object.sheet = values.sheet;
  if (values.departmentSeparator !== "") object.departmentSeparator = values.departmentSeparator;
  // A plan's own scale is named, so its codes are kept as they are (S stays S).
  if (!isDefaultGradeScale(target.scale))
    object.grades = target.scale.map((level) => ({ code: level.code, label: level.label }));
  const scale = Object.entries(values.grades).filter(([, grade]) => grade !== "");
  if (scale.length > 0) object.gradeScale = Object.fromEntries(scale);
  const { plan, round } = values;
  if (plan.title !== "" || plan.start !== "" || plan.end !== "") {
    object.plan = {
      title: plan.title,
      startFiscalYear: yearValue(plan.start),
      endFiscalYear: yearValue(plan.end),
      ...(plan.baseline !== "" ? { baselineFiscalYear: yearValue(plan.baseline) } : {}),
    };
  }
  if (round.asOf !== "" || round.fiscalYear !== "") {
    object.round = {
      ...(round.fiscalYear !== "" ? { fiscalYear: yearValue(round.fiscalYear) } : {}),
      asOf: round.asOf,
    };
  }
  return object;
}

/**
 * The mapping the form describes, or the problems with it, each tied to its field: the required
 * columns, every word of the progress column that does not read as a grade, and whatever the mapping
 * parser refuses (a fiscal year it cannot read, a plan without its period…).
 */
export function mappingFromForm(
  ui: Ui,
  values: MappingFormValues,
  format: "csv" | "xlsx",
  words: readonly string[],
  target: GradeTarget = NEW_PLAN_GRADES,
): { mapping: ColumnMapping; errors: [] } | { mapping: undefined; errors: FieldError[] } {
  const errors: FieldError[] = [];
  if (!/^\d+$/.test(values.headerRows))
    errors.push({
      field: "headerRows",
      message: imt(ui, "mappingRequired", { field: imt(ui, "headerRows") }),
    });
  if (values.currentEachYear && values.currentYears.length === 0)
    errors.push({ field: fieldId.currentYears, message: imt(ui, "currentYearsRequired") });
  for (const field of ["number", "title"] as const)
    if (!values.columns[field])
      errors.push({
        field: fieldId.column(field),
        message: imt(ui, "mappingRequired", { field: FIELD_LABELS[field][ui.lang === "en" ? "en" : "ja"] }),
      });
  const legend = gradeLegend(target.scale, ui.lang, "、");
  const offered = new Set(gradeOptions(target, ui).map((o) => o.value));
  words.forEach((word, i) => {
    const grade = values.grades[word] ?? "";
    const field = fieldId.grade(i);
    if (grade === "") {
      if (readsAsIs(word, target.scale, target.notAssessedAllowed)) return;
      // 対象外 as written, on a plan that does not allow it: a grade must be chosen for it.
      if (!target.notAssessedAllowed && saysNotAssessed(word))
        errors.push({ field, message: imt(ui, "gradeNotAssessedRefused", { word, legend }) });
      else errors.push({ field, message: imt(ui, "gradeUnmapped", { word }) });
    } else if (grade === NOT_ASSESSED_TARGET && !target.notAssessedAllowed)
      errors.push({ field, message: imt(ui, "gradeNotAssessedRefused", { word, legend }) });
    else if (!offered.has(grade))
      errors.push({ field, message: imt(ui, "gradeNotOnTarget", { word, grade, legend }) });
  });
  if (errors.length > 0) return { mapping: undefined, errors };
  const parsed = parseMapping(mappingObject(values, format, target));
  if (parsed.mapping) return { mapping: parsed.mapping, errors: [] };
  return {
    mapping: undefined,
    errors: parsed.diagnostics.map((d) => {
      const path = d.field ?? "";
      const id = PATH_IDS[path] ?? PATH_IDS[path.split(".").slice(0, 2).join(".")] ?? "headerRows";
      return { field: id, message: ui.lang === "en" ? (d.messageEn ?? d.message) : d.message };
    }),
  };
}

/** The grades a word may be given: the target plan's levels with their labels, then 対象外 where allowed. */
export function gradeOptions(target: GradeTarget, ui: Ui): { value: string; label: string }[] {
  return [
    ...target.scale.map((level) => ({
      value: level.code,
      label: gradeWithLabel(target.scale, level.code, ui.lang),
    })),
    ...(target.notAssessedAllowed
      ? [{ value: NOT_ASSESSED_TARGET, label: imt(ui, "gradeNotAssessed") }]
      : []),
  ];
}
