import type { Scope } from "./scope.ts";
import type { PlanReads, PlanRecord } from "./types.ts";

const COLUMNS = [
  "id",
  "organization_id",
  "title",
  "start_fiscal_year",
  "end_fiscal_year",
  "baseline_fiscal_year",
] as const;

export function planRecord(row: {
  id: number;
  organization_id: number;
  title: string;
  start_fiscal_year: number;
  end_fiscal_year: number;
  baseline_fiscal_year: number | null;
}): PlanRecord {
  return {
    id: row.id,
    organizationId: row.organization_id,
    title: row.title,
    startFiscalYear: row.start_fiscal_year,
    endFiscalYear: row.end_fiscal_year,
    baselineFiscalYear: row.baseline_fiscal_year,
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
    return rows.map(planRecord);
  }

  async find(planId: number): Promise<PlanRecord | undefined> {
    const row = await this.scope.db
      .selectFrom("plan")
      .select(COLUMNS)
      .where("id", "=", planId)
      .executeTakeFirst();
    return row && planRecord(row);
  }
}
