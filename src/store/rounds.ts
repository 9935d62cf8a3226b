import { sql } from "kysely";
import type { PlanDocument } from "../domain/plan-document.ts";
import { isRoundState } from "../domain/workflow-states.ts";
import { importPlanDocument } from "./import-plan-document.ts";
import { loadRoundSnapshot } from "./load-round.ts";
import { storeErrors } from "./messages.ts";
import { copyPlanIntoRound } from "./open-from-plan.ts";
import { type Scope, writerOf } from "./scope.ts";
import {
  ConflictError,
  type ImportOptions,
  type ImportOutcome,
  type RoundChanges,
  type RoundRecord,
  type RoundSnapshot,
  type RoundWrites,
} from "./types.ts";

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
  "entry_deadline",
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
  entry_deadline: string | null;
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
    entryDeadline: row.entry_deadline,
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

  get(id: number): Promise<RoundRecord | undefined> {
    return this.byId(id);
  }

  private async byId(id: number): Promise<RoundRecord | undefined> {
    const row = await this.scope.db
      .selectFrom("reporting_round")
      .select(COLUMNS)
      .where("id", "=", id)
      .executeTakeFirst();
    return row && roundRecord(row);
  }

  async open(input: {
    planId: number;
    fromRoundId?: number;
    fiscalYear: number;
    asOf: string;
    entryDeadline: string | null;
  }): Promise<RoundRecord> {
    const writer = writerOf(this.scope);
    const { db } = this.scope;
    const plan = await db
      .selectFrom("plan")
      .select(["organization_id"])
      .where("id", "=", input.planId)
      .executeTakeFirst();
    if (!plan) throw storeErrors.notFound("計画");
    const from =
      input.fromRoundId === undefined
        ? undefined
        : await db
            .selectFrom("reporting_round")
            .select(["source_organization_name"])
            .where("id", "=", input.fromRoundId)
            .executeTakeFirst();
    const { id } = await db
      .insertInto("reporting_round")
      .values({
        organization_id: plan.organization_id,
        plan_id: input.planId,
        fiscal_year: input.fiscalYear,
        as_of: input.asOf,
        title: null,
        source_organization_name: from?.source_organization_name ?? null,
        state: "preparing",
        entry_deadline: input.entryDeadline,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    // The plan's structure as it stands (src/store/open-from-plan.ts), each initiative with an
    // empty report.
    await copyPlanIntoRound(db, this.scope.dialect, input.planId, id);
    const round = await this.byId(id);
    if (!round) throw storeErrors.notFound("年度の進行管理");
    await writer.audit({
      organizationId: round.organizationId,
      action: "round.open",
      entity: "reporting_round",
      entityId: id,
      after: {
        planId: round.planId,
        fiscalYear: round.fiscalYear,
        ...(input.fromRoundId !== undefined ? { fromRoundId: input.fromRoundId } : {}),
      },
    });
    return round;
  }

  async update(
    id: number,
    expectedVersion: number,
    changes: RoundChanges,
    reason?: string,
  ): Promise<RoundRecord> {
    const writer = writerOf(this.scope);
    const before = await this.byId(id);
    if (!before) throw storeErrors.notFound("年度の進行管理");
    if (before.version !== expectedVersion)
      throw new ConflictError(storeErrors.conflict("この年度の進行管理"), before);
    const updated = await this.scope.db
      .updateTable("reporting_round")
      .set({
        ...(changes.state !== undefined ? { state: changes.state } : {}),
        ...(changes.asOf !== undefined ? { as_of: changes.asOf } : {}),
        ...(changes.entryDeadline !== undefined ? { entry_deadline: changes.entryDeadline } : {}),
        ...(changes.title !== undefined ? { title: changes.title } : {}),
        version: sql`version + 1`,
      })
      .where("id", "=", id)
      .where("version", "=", expectedVersion)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0)
      throw new ConflictError(storeErrors.conflict("この年度の進行管理"), before);
    const after = await this.byId(id);
    if (!after) throw storeErrors.notFound("年度の進行管理");
    const keys = Object.keys(changes) as (keyof RoundChanges)[];
    await writer.audit({
      organizationId: after.organizationId,
      action: changes.state !== undefined && changes.state !== before.state ? "round.state" : "round.update",
      entity: "reporting_round",
      entityId: id,
      before: Object.fromEntries(keys.map((k) => [k, before[k]])),
      after: { ...Object.fromEntries(keys.map((k) => [k, after[k]])), ...(reason ? { reason } : {}) },
    });
    return after;
  }
}
