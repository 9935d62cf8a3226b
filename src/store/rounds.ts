import type { PlanDocument } from "../domain/plan-document.ts";
import { isRoundState } from "../domain/workflow-states.ts";
import { importPlanDocument } from "./import-plan-document.ts";
import { loadRoundSnapshot } from "./load-round.ts";
import type { Scope } from "./scope.ts";
import type { ImportOptions, ImportOutcome, RoundRecord, RoundSnapshot, RoundWrites } from "./types.ts";

const COLUMNS = [
  "id",
  "organization_id",
  "plan_id",
  "fiscal_year",
  "as_of",
  "title",
  "state",
  "version",
  "content_revision",
] as const;

function roundRecord(row: {
  id: number;
  organization_id: number;
  plan_id: number;
  fiscal_year: number;
  as_of: string;
  title: string | null;
  state: string;
  version: number;
  content_revision: number;
}): RoundRecord {
  return {
    id: row.id,
    organizationId: row.organization_id,
    planId: row.plan_id,
    fiscalYear: row.fiscal_year,
    asOf: row.as_of,
    title: row.title,
    state: isRoundState(row.state) ? row.state : "preparing",
    version: row.version,
    contentRevision: Number(row.content_revision),
  };
}

/** 年度の進行管理: rounds as their live rows hold them (drafts; published tables are publications). */
export class Rounds implements RoundWrites {
  constructor(private readonly scope: Scope) {}

  async list(planId: number): Promise<RoundRecord[]> {
    const rows = await this.scope.db
      .selectFrom("reporting_round")
      .select(COLUMNS)
      .where("plan_id", "=", planId)
      .orderBy("fiscal_year")
      .execute();
    return rows.map(roundRecord);
  }

  async find(planId: number, fiscalYear: number): Promise<RoundRecord | undefined> {
    const row = await this.scope.db
      .selectFrom("reporting_round")
      .select(COLUMNS)
      .where("plan_id", "=", planId)
      .where("fiscal_year", "=", fiscalYear)
      .executeTakeFirst();
    return row && roundRecord(row);
  }

  snapshot(roundId: number): Promise<RoundSnapshot | undefined> {
    return loadRoundSnapshot(this.scope.db, this.scope.dialect, roundId);
  }

  importDocument(document: PlanDocument, options: ImportOptions): Promise<ImportOutcome> {
    return importPlanDocument(this.scope, document, options);
  }
}
