import type { Diagnostic } from "../../domain/diagnostic.ts";
import { fiscalYearOfDate, formatFiscalYear, parseFiscalYear, parseJapaneseDate } from "../../domain/era.ts";
import {
  DEFAULT_GRADE_SCALE,
  type Grade,
  type GradeScale,
  type GradeSummary,
  isDefaultGradeScale,
  summarizeGrades,
} from "../../domain/grade.ts";
import { checkDeclaredSummary } from "../../domain/grade-summary.ts";
import type { SourcePlace } from "../../domain/import-departments.ts";
import {
  assignInitiativeNumbers,
  type InitiativeNumberReading,
  initiativeNumberKey,
  readInitiativeNumber,
} from "../../domain/initiative-number.ts";
import { kpiParseContext } from "../../domain/kpi-context.ts";
import { formatKpiLabel, parseKpiLabel } from "../../domain/kpi-label.ts";
import { parseKpiValue } from "../../domain/kpi-parse.ts";
import type { KpiParseContext, KpiValue } from "../../domain/kpi-value.ts";
import {
  type Initiative,
  type Kpi,
  PLAN_DOCUMENT_FORMAT,
  type PlanDocument,
  type Policy,
} from "../../domain/plan-document.ts";
import { toHalfWidth } from "../../domain/text-width.ts";
import type { ImportResult } from "../import-result.ts";
import { parseFooter } from "../table-text/footer.ts";
import { linkRelistedKpis } from "../table-text/relist.ts";
import {
  type ColumnIndexes,
  FIELD_LABELS,
  INITIATIVE_TEXT_FIELDS,
  KPI_FIELDS,
  type KpiValueField,
  MAPPING_FIELDS,
  type MappingField,
} from "./fields.ts";
import { withUnit, type YearColumn } from "./header-years.ts";
import { excerpt, type SheetLocation, sheetDiagnostic } from "./messages.ts";
import type { MappingOrigin } from "./schema.ts";
import { cellAt, cellLocation, cellName, type SheetRow, type SheetSource } from "./sheet.ts";

/** One data row as the mapping read it, for previews. */
export interface MappedRow {
  /** "進行管理集計表!7" / "7" — where the row is. */
  location: string;
  /** 1-based row number as a spreadsheet shows it. */
  number: number;
  line?: number;
  /** A row with a No. starts an initiative; a row without one continues it with a further KPI. */
  kind: "initiative" | "continuation";
  values: Partial<Record<MappingField, string>>;
}

/** What the spreadsheet importers return: the common import result plus the rows as read. */
export interface SheetImportResult extends ImportResult {
  rows: MappedRow[];
}

export interface RowReadOptions {
  columns: ColumnIndexes;
  /** Index into `source.rows` of the first data row. */
  dataStart: number;
  plan?: PlanDocument["plan"];
  round?: Partial<PlanDocument["round"]>;
  organizationName?: string;
  /** Cell text (normalized with normalizeScaleKey) → grade. Default: A–D and their labels. */
  gradeScale?: ReadonlyMap<string, Grade>;
  /** The plan's grade scale (default A–D): the summary's grades and their order. */
  grades?: GradeScale;
  /** Splits 関係課; default: white space, 、 and commas. */
  departmentSeparator?: string;
  /** Header texts of the mapped columns: a data row repeating them (a printed page's header) is skipped. */
  headerTexts?: Partial<Record<MappingField, string>>;
  /**
   * The years the headers of the 当初, 目標 and 現状値 columns name (基準値（H27）, 目標値（R3）): a value
   * whose cell gives no time of its own is of that year (see buildKpi).
   */
  headerYears?: Partial<Record<KpiValueField, YearColumn>>;
  /** 現状値 in one column per year (H29実績, H30実績…): the column of the round's year is read. */
  currentByYear?: readonly YearColumn[];
  /** Where the mapping was made: findings about it say what to change there. */
  mappingOrigin?: MappingOrigin;
  /** Diagnostics found before the rows (mapping, title): they come first in the result. */
  diagnostics?: Diagnostic[];
  /**
   * The layout ends with a 本部会評価 block (the exporter always writes one, then the as-of line):
   * a table without it, or with rows after it, is not whole — an error, or a warning when
   * `allowPartial` says the partial table is meant.
   */
  expectSummary?: boolean;
  allowPartial?: boolean;
}

/**
 * Marks an IME offers side by side for まる and ばつ, which look alike in a cell and in a message:
 * 〇 (kanji zero), ◯ (large circle) → ○; ✕ ✖ → ×. A scale written with one reads the others.
 */
const LOOK_ALIKE_CIRCLES = /[\u3007\u25ef]/g;
const LOOK_ALIKE_CROSSES = /[\u2715\u2716]/g;

/** Folds full-width forms and look-alike marks and removes white space: how grade cells and headers are compared. */
export function normalizeScaleKey(text: string): string {
  return toHalfWidth(text)
    .replace(/\s+/g, "")
    .replace(LOOK_ALIKE_CIRCLES, "\u25cb")
    .replace(LOOK_ALIKE_CROSSES, "\u00d7");
}

export function defaultGradeScale(): Map<string, Grade> {
  return scaleWords(DEFAULT_GRADE_SCALE);
}

/** The words that read as each grade of a scale: its code, its label, and both ("A 順調"). */
export function scaleWords(grades: GradeScale): Map<string, Grade> {
  const scale = new Map<string, Grade>();
  for (const { code, label } of grades) {
    scale.set(normalizeScaleKey(code), code);
    if (label === "") continue;
    if (!scale.has(normalizeScaleKey(label))) scale.set(normalizeScaleKey(label), code);
    scale.set(normalizeScaleKey(`${code} ${label}`), code);
  }
  return scale;
}

const NOT_RELISTED = new Set(["", "-", "×", "無", "なし", "いいえ", "false", "0", "no"]);
const SUMMARY_LABEL = "本部会評価";
/** Grade cells of an initiative not graded this year (対象外). */
const NOT_ASSESSED_WORDS = new Set(["対象外", "評価対象外", "未評価"]);

/**
 * What a mapping's word → 対象外 becomes in the reader's scale map (`gradeScale`): not a grade, so
 * it can never be a level's code.
 */
export const NOT_ASSESSED_MARK = "\u0000対象外";

/**
 * Whether a grade cell says the initiative is not graded this year: a word mapped to 対象外, or
 * 「対象外」… unless the mapping gives that word a grade (a plan without 対象外 maps it to one).
 */
function saysNotAssessed(scale: ReadonlyMap<string, Grade>, text: string): boolean {
  const key = normalizeScaleKey(text);
  const mapped = scale.get(key);
  return mapped !== undefined ? mapped === NOT_ASSESSED_MARK : NOT_ASSESSED_WORDS.has(key);
}

interface KpiDraft {
  texts: Record<(typeof KPI_FIELDS)[number], string>;
  row: SheetRow;
}

interface InitiativeDraft {
  initiative: Initiative;
  /** The No. cell as read; the key is assigned once every row is read (assignInitiativeNumbers). */
  reading: InitiativeNumberReading;
  row: SheetRow;
  kpis: KpiDraft[];
  field: string;
  texts: Partial<Record<MappingField, string>>;
}

class RowReader {
  readonly diagnostics: Diagnostic[] = [];
  /** Where each initiative's 関係課 and 進捗状況 were read (ImportResult.places). */
  readonly places: Record<string, SourcePlace> = {};
  readonly rows: MappedRow[] = [];
  private readonly policies: Policy[] = [];
  private policy: Policy | undefined;
  private policyText = "";
  private current: InitiativeDraft | undefined;
  private skipping = false;
  private readonly drafts: InitiativeDraft[] = [];
  /** The cell of each written number (by initiativeNumberKey), to refuse a second one. */
  private readonly numbers = new Map<string, string>();
  private declared: GradeSummary | undefined;
  private summaryRow: SheetRow | undefined;
  private summarySeen = false;
  private fiscalYearCell: { text: string; row: SheetRow } | undefined;
  private asOfCell: { text: string; row: SheetRow } | undefined;
  private readonly scale: ReadonlyMap<string, Grade>;
  /** 現状値 per year: the year cells of each row (by row number), until the round's year is known. */
  private readonly yearCells = new Map<number, Map<number, string>>();
  /** The column 現状値 was read from, when it is one column per year. */
  private currentColumn: number | undefined;

  constructor(
    private readonly source: SheetSource,
    private readonly options: RowReadOptions,
  ) {
    this.scale = options.gradeScale ?? defaultGradeScale();
  }

  private at(row: SheetRow, field: MappingField): string {
    return cellAt(row, this.options.columns[field]);
  }

  private where(row: SheetRow, field?: MappingField, documentField?: string): SheetLocation {
    const column =
      field === undefined
        ? this.options.columns.number
        : field === "current" && this.currentColumn !== undefined
          ? this.currentColumn
          : this.options.columns[field];
    const location: SheetLocation = cellLocation(this.source, row, column);
    if (documentField) location.field = documentField;
    return location;
  }

  read(): void {
    const { rows } = this.source;
    for (let i = this.options.dataStart; i < rows.length; i++) {
      const row = rows[i] as SheetRow;
      if (this.isSummaryRow(row)) {
        this.readSummary(row, rows[i + 1]);
        this.findTrailingRows(i + 2);
        break;
      }
      const values: Partial<Record<MappingField, string>> = {};
      let any = false;
      for (const field of MAPPING_FIELDS) {
        const text = this.at(row, field);
        if (text !== "") {
          values[field] = text;
          any = true;
        }
      }
      if (this.readYearCells(row)) any = true;
      if (!any || this.isRepeatedHeader(values)) continue;
      this.readReportCells(row, values);
      const numberText = values.number ?? "";
      // A No. repeated on every KPI row (filled down, or the flat rows of the open-data CSV) continues.
      if (numberText !== "" && !this.isCurrentNumber(numberText))
        this.startInitiative(row, numberText, values);
      else this.continueInitiative(row, values);
    }
  }

  /** The row's 現状値 cells per year, kept until the round's year is known; whether any was filled. */
  private readYearCells(row: SheetRow): boolean {
    const cells = new Map<number, string>();
    for (const year of this.options.currentByYear ?? []) {
      const text = cellAt(row, year.column);
      if (text !== "") cells.set(year.fiscalYear, text);
    }
    if (cells.size === 0) return false;
    this.yearCells.set(row.number, cells);
    return true;
  }

  /** Rows after the 本部会評価 block other than the as-of line (令和2年3月31日現在). */
  trailing: { row: SheetRow; text: string; count: number } | undefined;

  private findTrailingRows(from: number): void {
    const { rows } = this.source;
    for (let i = from; i < rows.length; i++) {
      const row = rows[i] as SheetRow;
      const filled = row.cells.filter((c) => c !== "");
      if (filled.length === 0) continue;
      const first = filled[0] as string;
      if (filled.length === 1 && first.endsWith("現在") && parseJapaneseDate(first.slice(0, -2))) continue;
      if (this.trailing) this.trailing.count++;
      else this.trailing = { row, text: excerpt(filled.join(" "), 40), count: 1 };
    }
  }

  private isCurrentNumber(text: string): boolean {
    const reading = readInitiativeNumber(text);
    return (
      this.current !== undefined &&
      reading !== undefined &&
      initiativeNumberKey(reading.text) === initiativeNumberKey(this.current.reading.text)
    );
  }

  private isSummaryRow(row: SheetRow): boolean {
    const first = row.cells.find((c) => c !== "");
    return first !== undefined && normalizeScaleKey(first).startsWith(SUMMARY_LABEL);
  }

  /**
   * 本部会評価: the counts in the same row ("本部会評価 8 10 5 1", what the seed prints), or under
   * labels A…D in the next row (the layout the xlsx exporter writes).
   */
  private readSummary(row: SheetRow, next: SheetRow | undefined): void {
    this.summarySeen = true;
    const grades = this.options.grades ?? DEFAULT_GRADE_SCALE;
    const labelColumns = new Map<Grade, number>();
    row.cells.forEach((cell, column) => {
      const key = normalizeScaleKey(cell);
      if (key.startsWith(SUMMARY_LABEL)) return;
      // "A順調" (the exporter's label) or the code alone; the longest code that fits wins.
      const level = [...grades]
        .sort((x, y) => y.code.length - x.code.length)
        .find((l) => key === normalizeScaleKey(l.code) || key === normalizeScaleKey(`${l.code} ${l.label}`));
      const legacy = grades === DEFAULT_GRADE_SCALE ? /^([A-D])/.exec(key)?.[1] : undefined;
      const code = level?.code ?? legacy;
      if (code !== undefined && !labelColumns.has(code)) labelColumns.set(code, column);
    });
    let summary: GradeSummary | undefined;
    if (labelColumns.size === grades.length && next) {
      const counts = grades.map((g) => toHalfWidth(cellAt(next, labelColumns.get(g.code))).trim());
      if (counts.every((c) => /^\d{1,6}$/.test(c))) {
        summary = {};
        grades.forEach((g, i) => {
          (summary as GradeSummary)[g.code] = Number(counts[i]);
        });
      }
    } else {
      summary = parseFooter(row.cells);
    }
    if (summary) this.declared = summary;
    else {
      const text = excerpt([...row.cells, ...(next?.cells ?? [])].filter((c) => c !== "").join(" "), 60);
      this.diagnostics.push(
        sheetDiagnostic("footer.unreadable", { text }, cellLocation(this.source, row, 0)),
      );
    }
    this.summaryRow = row;
  }

  private isRepeatedHeader(values: Partial<Record<MappingField, string>>): boolean {
    const headers = this.options.headerTexts;
    if (!headers?.number || values.number === undefined) return false;
    return normalizeScaleKey(values.number) === normalizeScaleKey(headers.number);
  }

  private readReportCells(row: SheetRow, values: Partial<Record<MappingField, string>>): void {
    if (values.fiscalYear !== undefined && !this.fiscalYearCell)
      this.fiscalYearCell = { text: values.fiscalYear, row };
    if (values.asOf !== undefined && !this.asOfCell) this.asOfCell = { text: values.asOf, row };
  }

  private record(
    row: SheetRow,
    kind: MappedRow["kind"],
    values: Partial<Record<MappingField, string>>,
  ): void {
    const location =
      this.source.sheet === undefined ? String(row.number) : `${this.source.sheet}!${row.number}`;
    const mapped: MappedRow = { location, number: row.number, kind, values };
    if (row.line !== undefined) mapped.line = row.line;
    this.rows.push(mapped);
  }

  private startInitiative(
    row: SheetRow,
    numberText: string,
    values: Partial<Record<MappingField, string>>,
  ): void {
    this.record(row, "initiative", values);
    const reading = readInitiativeNumber(numberText);
    if (reading === undefined) {
      this.diagnostics.push(
        sheetDiagnostic(
          "initiative.number-invalid",
          { text: excerpt(numberText) },
          this.where(row, "number"),
        ),
      );
      this.current = undefined;
      this.skipping = true;
      return;
    }
    // Messages name the number as written; the key is not known before the last row.
    const number = reading.text;
    const key = initiativeNumberKey(number);
    const first = this.numbers.get(key);
    if (first !== undefined) {
      this.diagnostics.push(
        sheetDiagnostic("initiative.duplicate-number", { number, first }, this.where(row, "number")),
      );
      this.current = undefined;
      this.skipping = true;
      return;
    }
    this.numbers.set(key, cellName(this.source, row, this.options.columns.number ?? 0));
    this.skipping = false;

    const policy = this.policyFor(row, values.policy ?? "", number);
    const p = this.policies.indexOf(policy);
    const field = `policies[${p}].initiatives[${policy.initiatives.length}]`;
    const { line, sheet, cell } = this.where(row, "departments");
    this.places[`${field}.departments`] = {
      ...(line !== undefined ? { line } : {}),
      ...(sheet !== undefined ? { sheet } : {}),
      ...(cell !== undefined ? { cell } : {}),
    };
    const gradeAt = this.where(row, "grade");
    this.places[`${field}.grade`] = {
      ...(gradeAt.line !== undefined ? { line: gradeAt.line } : {}),
      ...(gradeAt.sheet !== undefined ? { sheet: gradeAt.sheet } : {}),
      ...(gradeAt.cell !== undefined ? { cell: gradeAt.cell } : {}),
    };
    const initiative: Initiative = {
      number: reading.number ?? 0,
      ...(reading.number === undefined ? { numberText: reading.text } : {}),
      title: values.title ?? "",
      departments: this.splitDepartments(values.departments ?? ""),
      description: values.description ?? "",
      activities: values.activities ?? "",
      grade: this.grade(row, values.grade ?? "", number, field),
      committeeOpinion: values.committeeOpinion ?? "",
      nextYearGoal: values.nextYearGoal ?? "",
      kpis: [],
    };
    // 対象外: a grade cell saying the initiative is not graded this year.
    if (saysNotAssessed(this.scale, values.grade ?? "")) initiative.notAssessed = true;
    if (initiative.title === "") {
      this.diagnostics.push(
        sheetDiagnostic("initiative.title-empty", { number }, this.where(row, "title", `${field}.title`)),
      );
    }
    policy.initiatives.push(initiative);
    const draft: InitiativeDraft = { initiative, reading, row, kpis: [], field, texts: values };
    this.drafts.push(draft);
    this.current = draft;
    this.addKpi(draft, row, values);
  }

  private policyFor(row: SheetRow, text: string, number: string): Policy {
    if (text !== "" && text !== this.policyText) {
      this.policyText = text;
      this.policy = { ...splitPolicy(text), initiatives: [] };
      this.policies.push(this.policy);
      return this.policy;
    }
    if (this.policy) return this.policy;
    if (this.options.columns.policy !== undefined) {
      this.diagnostics.push(sheetDiagnostic("policy.missing", { number }, this.where(row, "policy")));
    }
    this.policy = { code: "", title: "", initiatives: [] };
    this.policies.push(this.policy);
    return this.policy;
  }

  private continueInitiative(row: SheetRow, values: Partial<Record<MappingField, string>>): void {
    this.record(row, "continuation", values);
    if (this.skipping) return;
    const draft = this.current;
    if (!draft) {
      const text = excerpt(
        Object.values(values)
          .filter((v) => v !== undefined)
          .join(" "),
      );
      this.diagnostics.push(sheetDiagnostic("row.unplaced", { text }, this.where(row)));
      return;
    }
    // A sheet with filled-down cells repeats the initiative's texts on every row: same text is fine.
    for (const field of [...INITIATIVE_TEXT_FIELDS, "policy"] as const) {
      const text = values[field];
      const own = field === "policy" ? this.policyText : (draft.texts[field] ?? "");
      if (text === undefined || text === own) continue;
      this.diagnostics.push(
        sheetDiagnostic(
          "row.conflicting-text",
          {
            field: FIELD_LABELS[field].ja,
            fieldEn: FIELD_LABELS[field].en,
            text: excerpt(text),
            number: draft.reading.text,
          },
          this.where(row, field),
        ),
      );
    }
    this.addKpi(draft, row, values);
  }

  private addKpi(draft: InitiativeDraft, row: SheetRow, values: Partial<Record<MappingField, string>>): void {
    const hasValue = KPI_FIELDS.some((f) => values[f] !== undefined && f !== "relisted" && f !== "unit");
    if (!hasValue && !this.yearCells.has(row.number)) return;
    draft.kpis.push({
      row,
      texts: {
        kpiName: values.kpiName ?? "",
        unit: values.unit ?? "",
        relisted: values.relisted ?? "",
        baseline: values.baseline ?? "",
        target: values.target ?? "",
        current: values.current ?? "",
      },
    });
  }

  private splitDepartments(text: string): string[] {
    const separator = this.options.departmentSeparator;
    const parts = separator === undefined ? text.split(/[\s、,，]+/) : text.split(separator);
    return parts.map((d) => d.trim()).filter((d) => d !== "");
  }

  private grade(row: SheetRow, text: string, number: string, field: string): Grade | null {
    if (saysNotAssessed(this.scale, text)) return null;
    if (text === "") {
      if (this.options.columns.grade !== undefined)
        this.diagnostics.push(
          sheetDiagnostic("grade.missing", { number }, this.where(row, "grade", `${field}.grade`)),
        );
      return null;
    }
    const grade = this.scale.get(normalizeScaleKey(text));
    if (grade) return grade;
    const scale = [
      ...new Set(
        [...this.scale.entries()]
          .filter(([k, g]) => k.length <= 2 && g !== NOT_ASSESSED_MARK)
          .map(([k]) => k),
      ),
    ].join("・");
    this.diagnostics.push(
      sheetDiagnostic(
        "grade.invalid",
        { number, grade: excerpt(text), scale },
        this.where(row, "grade", `${field}.grade`),
      ),
    );
    return null;
  }

  finish(): PlanDocument | null {
    const d = this.diagnostics;
    const plan = this.options.plan;
    const round = this.resolveRound();
    if (!plan) d.push(sheetDiagnostic("mapping.plan-missing"));
    if (!round) d.push(sheetDiagnostic("mapping.report-missing"));
    if (this.drafts.length === 0) d.push(sheetDiagnostic("initiative.none"));
    if (!plan || !round || this.drafts.length === 0) return null;
    this.takeCurrentOfYear(round.fiscalYear);

    const numbers = assignInitiativeNumbers(this.drafts.map((draft) => draft.reading));
    this.drafts.forEach((draft, i) => {
      draft.initiative.number = numbers[i] as number;
    });
    const ctx = kpiParseContext(plan);
    const locations = new Map<string, SheetLocation>();
    for (const draft of this.drafts) {
      draft.initiative.kpis = draft.kpis.map((k, i) => {
        const field = `${draft.field}.kpis[${i}]`;
        locations.set(field, this.where(k.row, "kpiName"));
        return this.buildKpi(draft, k, i, ctx);
      });
    }
    for (const found of linkRelistedKpis(this.policies, () => undefined)) {
      const kpiField = /^policies\[\d+\]\.initiatives\[\d+\]\.kpis\[\d+\]/.exec(found.field ?? "")?.[0];
      const location = kpiField ? locations.get(kpiField) : undefined;
      const { line: _line, ...rest } = found;
      d.push({ ...rest, ...location, ...(found.field ? { field: found.field } : {}) });
    }

    const grades = this.options.grades ?? DEFAULT_GRADE_SCALE;
    const gradeSummary = summarizeGrades(
      this.drafts.map((draft) => draft.initiative.grade),
      grades,
    );
    const document: PlanDocument = {
      format: PLAN_DOCUMENT_FORMAT,
      ...(this.options.organizationName ? { organization: { name: this.options.organizationName } } : {}),
      plan: isDefaultGradeScale(grades) ? plan : { ...plan, gradeScale: [...grades] },
      round,
      policies: this.policies,
      gradeSummary,
      diagnostics: [],
    };
    if (this.declared) {
      document.declaredGradeSummary = this.declared;
      const mismatch = checkDeclaredSummary(this.declared, gradeSummary, grades);
      const where = this.summaryRow ? cellLocation(this.source, this.summaryRow, 0) : {};
      if (mismatch) d.push({ ...mismatch, ...where });
    }
    return document;
  }

  /**
   * 現状値 of the round's year: from its column when there is one column per year (an error when none
   * is the round's year), else a warning when the one column's header names another year.
   */
  private takeCurrentOfYear(fiscalYear: number): void {
    const byYear = this.options.currentByYear;
    if (!byYear) {
      const year = this.options.headerYears?.current;
      if (year && year.fiscalYear !== fiscalYear)
        this.diagnostics.push(
          sheetDiagnostic(
            "report.header-year-mismatch",
            {
              header: year.header,
              headerFy: formatFiscalYear(year.fiscalYear),
              headerFyEn: `FY${year.fiscalYear}`,
              fy: formatFiscalYear(fiscalYear),
              fyEn: `FY${fiscalYear}`,
            },
            { field: "columns.current" },
          ),
        );
      return;
    }
    const column = byYear.find((y) => y.fiscalYear === fiscalYear);
    if (!column) {
      this.diagnostics.push(
        sheetDiagnostic(
          "mapping.year-column-missing",
          {
            fy: formatFiscalYear(fiscalYear),
            fyEn: `FY${fiscalYear}`,
            years: byYear.map((y) => `${y.header}＝${formatFiscalYear(y.fiscalYear)}`).join("、"),
            yearsEn: byYear.map((y) => `${y.header} = FY${y.fiscalYear}`).join(", "),
            ...(this.options.mappingOrigin === "builder" ? { origin: "builder" } : {}),
          },
          { field: "columns.current.eachYear" },
        ),
      );
      return;
    }
    this.currentColumn = column.column;
    for (const draft of this.drafts)
      for (const kpi of draft.kpis)
        kpi.texts.current = this.yearCells.get(kpi.row.number)?.get(fiscalYear) ?? "";
    for (const row of this.rows) {
      const text = this.yearCells.get(row.number)?.get(fiscalYear);
      if (text !== undefined) row.values.current = text;
    }
  }

  /** Whether a summary row was present at all (own layout: its absence is worth a warning). */
  get hasSummary(): boolean {
    return this.summarySeen;
  }

  private resolveRound(): PlanDocument["round"] | undefined {
    const given = this.options.round ?? {};
    let fiscalYear = given.fiscalYear;
    let asOf = given.asOf;
    if (asOf === undefined && this.asOfCell) {
      asOf = parseJapaneseDate(this.asOfCell.text);
      if (asOf === undefined) this.reportCellInvalid("asOf", this.asOfCell, "2020-03-31、令和2年3月31日");
    }
    if (fiscalYear === undefined && this.fiscalYearCell) {
      fiscalYear = readFiscalYear(this.fiscalYearCell.text);
      if (fiscalYear === undefined)
        this.reportCellInvalid("fiscalYear", this.fiscalYearCell, "令和元年度、2019");
    }
    if (fiscalYear === undefined && asOf !== undefined) fiscalYear = fiscalYearOfDate(asOf);
    if (fiscalYear === undefined || asOf === undefined) return undefined;
    const round: PlanDocument["round"] = { fiscalYear, asOf };
    if (given.title !== undefined) round.title = given.title;
    return round;
  }

  private reportCellInvalid(
    field: "asOf" | "fiscalYear",
    cell: { text: string; row: SheetRow },
    example: string,
  ) {
    this.diagnostics.push(
      sheetDiagnostic(
        "report.value-invalid",
        { field: FIELD_LABELS[field].ja, fieldEn: FIELD_LABELS[field].en, text: excerpt(cell.text), example },
        this.where(cell.row, field),
      ),
    );
  }

  /**
   * The time of a 当初 or 目標 value whose cell gives none: the year its column's header names, when
   * that is not the time the plan gives every such value already (当初: the plan's baseline year;
   * 目標: its last year), as 1億円(R2年度) is due before the plan's end. 現状値 is of the round's year.
   */
  private dueYear(column: KpiValueField): number | undefined {
    const plan = this.options.plan;
    if (!plan || column === "current") return undefined;
    const year = this.options.headerYears?.[column]?.fiscalYear;
    const implied =
      column === "baseline" ? (plan.baselineFiscalYear ?? plan.startFiscalYear - 1) : plan.endFiscalYear;
    return year === implied ? undefined : year;
  }

  private buildKpi(draft: InitiativeDraft, k: KpiDraft, index: number, ctx: KpiParseContext): Kpi {
    const { texts, row } = k;
    const field = `${draft.field}.kpis[${index}]`;
    const parsedLabel = parseKpiLabel(texts.kpiName);
    const relistedColumn = this.options.columns.relisted !== undefined;
    const relisted =
      parsedLabel.relisted ||
      (relistedColumn && !NOT_RELISTED.has(normalizeScaleKey(texts.relisted).toLowerCase()));
    // The 再掲 column of the flat rows holds the marker apart from the name; the label keeps it, as printed.
    const label = relisted && !parsedLabel.relisted ? formatKpiLabel(parsedLabel.name, true) : texts.kpiName;
    if (texts.kpiName === "") {
      const values = [texts.baseline, texts.target, texts.current].join(" / ");
      this.diagnostics.push(
        sheetDiagnostic(
          "kpi.label-empty",
          { number: draft.reading.text, values },
          this.where(row, "kpiName", `${field}.label`),
        ),
      );
    }
    const value = (column: KpiValueField): KpiValue => {
      // 42 and a unit column 件 → 42件.
      const text = withUnit(texts[column], texts.unit);
      const parsed = parseKpiValue(text, ctx);
      if (parsed.kind === "text") {
        this.diagnostics.push(
          sheetDiagnostic(
            "kpi.unreadable",
            {
              label: excerpt(texts.kpiName),
              column: FIELD_LABELS[column].ja,
              columnEn: FIELD_LABELS[column].en,
              text: excerpt(text),
              reason: parsed.diagnostic ?? "",
            },
            this.where(row, column, `${field}.${column}`),
          ),
        );
      }
      const due = this.dueYear(column);
      const timed =
        parsed.fiscalYear !== undefined || parsed.asOf !== undefined || parsed.period !== undefined;
      if (due !== undefined && !timed && parsed.kind !== "none" && parsed.kind !== "text")
        parsed.fiscalYear = due;
      return parsed;
    };
    return {
      key: `${draft.initiative.number}-${index + 1}`,
      name: parsedLabel.name,
      label,
      relisted,
      baseline: value("baseline"),
      target: value("target"),
      current: value("current"),
    };
  }
}

/** "(ア) 市民と行政との協働体制の確立" → code "(ア)", title "市民と行政との協働体制の確立". */
export function splitPolicy(text: string): { code: string; title: string } {
  const m = /^([(（][^()（）\s]{1,6}[)）])\s*([\s\S]*)$/.exec(text.trim());
  if (!m) return { code: "", title: text.trim() };
  return { code: m[1] as string, title: (m[2] as string).trim() };
}

/** "令和元年度", "R1", "2019年度", "FY2019" or a bare "2019". */
export function readFiscalYear(text: string): number | undefined {
  const t = toHalfWidth(text).trim();
  if (/^\d{4}$/.test(t)) return Number(t);
  return parseFiscalYear(t);
}

/** Document-wide findings first, then in row order (stable within a row). */
function byPosition(a: Diagnostic, b: Diagnostic): number {
  return rowOf(a) - rowOf(b);
}

function rowOf(d: Diagnostic): number {
  const m = /\d+$/.exec(d.cell ?? "");
  return m ? Number(m[0]) : 0;
}

/**
 * Reads a plan document from the data rows of a sheet. Never throws; the document is null when the
 * rows do not make one (no plan or round known, no initiative) and the diagnostics say why.
 */
export function readPlanRows(source: SheetSource, options: RowReadOptions): SheetImportResult {
  const reader = new RowReader(source, options);
  reader.read();
  const document = reader.finish();
  const found = reader.diagnostics.sort(byPosition);
  if (options.expectSummary) {
    const partial = (d: Diagnostic): Diagnostic => (options.allowPartial ? { ...d, severity: "warning" } : d);
    if (!reader.hasSummary) found.unshift(partial(sheetDiagnostic("footer.missing")));
    const { trailing } = reader;
    if (trailing) {
      found.push(
        partial(
          sheetDiagnostic(
            "footer.trailing",
            { count: trailing.count, text: trailing.text },
            cellLocation(source, trailing.row, 0),
          ),
        ),
      );
    }
  }
  const diagnostics = [...(options.diagnostics ?? []), ...found];
  if (document) document.diagnostics = [...diagnostics];
  return { document, diagnostics, rows: reader.rows, places: reader.places };
}
