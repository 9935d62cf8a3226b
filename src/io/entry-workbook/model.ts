import type { Grade, GradeScale } from "../../domain/grade.ts";

/**
 * The entry workbook (入力票): one department's reports of one round as an Excel file, for the staff
 * who still answer the yearly 照会 in a spreadsheet. Shinchoku writes it (write.ts), the department
 * fills the unlocked cells and uploads it back, and Shinchoku reads it (read.ts) and, after a preview,
 * applies it as the department's entry (src/workflow/entry-workbook.ts).
 *
 * The workbook identifies what it was made from in a hidden sheet (organization, plan, fiscal year,
 * round, department, and each report's and 現状値's version), so that an upload can be refused when it
 * belongs elsewhere or when a report changed since it was made.
 */

export const ENTRY_WORKBOOK_FORMAT = "shinchoku.entry-workbook/1";

/** What one input cell holds. */
export type EntryFieldKind = "activities" | "kpi" | "selfGrade" | "selfGradeReason" | "nextYearGoal";

export const ENTRY_FIELD_LABELS: Record<Exclude<EntryFieldKind, "kpi">, string> = {
  activities: "(D) 取組内容",
  selfGrade: "所管課の自己評価",
  selfGradeReason: "自己評価の理由",
  nextYearGoal: "(H) 次年度の目標",
};

/** The own view's row label, listing the codes of the plan's scale: 「所管課の自己評価（S・A・B・C）」. */
export function selfGradeRowLabel(scale: GradeScale): string {
  return `${ENTRY_FIELD_LABELS.selfGrade}（${scale.map((level) => level.code).join("・")}）`;
}

/** What the workbook is for: written into its hidden sheet and checked on upload. */
export interface EntryWorkbookIdentity {
  organizationId: number;
  organizationName: string;
  planId: number;
  planTitle: string;
  fiscalYear: number;
  roundId: number;
  departmentId: number;
  departmentName: string;
  /** ISO timestamp of when it was made. */
  createdAt: string;
}

/** One KPI line of an initiative, as the department sees it. */
export interface EntryKpi {
  kpiId: number;
  label: string;
  baseline: string;
  target: string;
  /** 現状値 of this round (as typed), "" when none yet. */
  current: string;
  /** The 現状値's version (null: none stored yet). */
  version: number | null;
  /** Last year's 現状値, "" when none. */
  lastYear: string;
}

/** One initiative of the department in the round, with what is entered and last year's report. */
export interface EntryInitiative {
  number: number;
  title: string;
  departments: string[];
  reportVersion: number;
  activities: string;
  selfGrade: Grade | null;
  selfGradeReason: string;
  nextYearGoal: string;
  kpis: EntryKpi[];
  lastYear?: {
    activities: string;
    grade: Grade | null;
    nextYearGoal: string;
  };
}

export interface EntryWorkbookModel {
  identity: EntryWorkbookIdentity;
  /** The round's as-of date (ISO). */
  asOf: string;
  /** Whether the plan continues after this fiscal year (then (H) is asked for). */
  asksNextYearGoal: boolean;
  /** The plan's grade scale: the own view's cell offers exactly its codes. */
  gradeScale: GradeScale;
  initiatives: EntryInitiative[];
}

/** One input cell as read back from an uploaded workbook. */
export interface UploadedField {
  /** "G12" on the input sheet. */
  cell: string;
  initiativeNumber: number;
  field: EntryFieldKind;
  kpiId: number | null;
  /** The versions the workbook was made from. */
  reportVersion: number;
  kpiVersion: number | null;
  /** Whether the cell differs from what it held when the workbook was made. */
  edited: boolean;
  /** The cell's text (line breaks as LF, surrounding white space removed). */
  value: string;
}

export interface UploadedWorkbook {
  identity: EntryWorkbookIdentity;
  fields: UploadedField[];
}

/** A finding about an uploaded workbook, naming the sheet and cell it is about. */
export interface WorkbookProblem {
  /** Absent when it is about the file as a whole. */
  sheet?: string;
  cell?: string;
  message: string;
}

/** Where a problem is, in the reader's words: 「シート「入力票」のセル G12」. */
export function problemPlace(problem: Pick<WorkbookProblem, "sheet" | "cell">): string {
  if (problem.sheet === undefined) return "ファイル";
  return problem.cell ? `シート「${problem.sheet}」のセル ${problem.cell}` : `シート「${problem.sheet}」`;
}
