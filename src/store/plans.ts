import { DEFAULT_GRADE_SCALE, type GradeScale } from "../domain/grade.ts";
import type { StoreDialect } from "./dialect.ts";
import type { Scope } from "./scope.ts";
import type { PlanReads, PlanRecord } from "./types.ts";

const COLUMNS = [
  "id",
  "organization_id",
  "title",
  "start_fiscal_year",
  "end_fiscal_year",
  "baseline_fiscal_year",
  "grade_scale",
  "not_assessed_allowed",
] as const;

export function planRecord(
  dialect: StoreDialect,
  row: {
    id: number;
    organization_id: number;
    title: string;
    start_fiscal_year: number;
    end_fiscal_year: number;
    baseline_fiscal_year: number | null;
    grade_scale: unknown;
    not_assessed_allowed: boolean | number;
  },
): PlanRecord {
  const scale = row.grade_scale === null ? null : dialect.readJson<GradeScale>(row.grade_scale);
  return {
    id: row.id,
    organizationId: row.organization_id,
    title: row.title,
    startFiscalYear: row.start_fiscal_year,
    endFiscalYear: row.end_fiscal_year,
    baselineFiscalYear: row.baseline_fiscal_year,
    // NULL is the default scale: grading and the department's own view offer the plan's codes.
    gradeScale: scale && scale.length > 0 ? scale : DEFAULT_GRADE_SCALE,
    // SQLite keeps a boolean as 0/1.
    notAssessedAllowed: Boolean(row.not_assessed_allowed),
  };
}

/** 計画: the live plans (a plan's published face is in its publications). */
export class Plans implements PlanReads {
  constructor(private readonly scope: Scope) {}

  /** Newest plan period first: the current plan is the one people look for. */
  async list(organizationId: number): Promise<PlanRecord[]> {
    const rows = await this.scope.db
      .selectFrom("plan")
      .select(COLUMNS)
      .where("organization_id", "=", organizationId)
      .orderBy("start_fiscal_year", "desc")
      .orderBy("title")
      .orderBy("id")
      .execute();
    return rows.map((row) => planRecord(this.scope.dialect, row));
  }

  async find(planId: number): Promise<PlanRecord | undefined> {
    const row = await this.scope.db
      .selectFrom("plan")
      .select(COLUMNS)
      .where("id", "=", planId)
      .executeTakeFirst();
    return row && planRecord(this.scope.dialect, row);
  }
}
