import { sql } from "kysely";
import type { Grade } from "../domain/grade.ts";
import { isReportState } from "../domain/workflow-states.ts";
import { storeErrors } from "./messages.ts";
import { accountIdOf, isoTimestamp, type Scope, writerOf } from "./scope.ts";
import { ConflictError, type ReportChanges, type ReportRecord, type ReportWrites } from "./types.ts";

const REPORT_COLUMNS = [
  "id",
  "organization_id",
  "round_id",
  "initiative_id",
  "state",
  "version",
  "activities",
  "grade",
  "not_assessed",
  "committee_opinion",
  "next_year_goal",
  "self_grade",
  "self_grade_reason",
  "updated_at",
  "submitted_at",
] as const;

/** 報告: one initiative's report in one round. */
export class Reports implements ReportWrites {
  constructor(private readonly scope: Scope) {}

  private select() {
    return this.scope.db
      .selectFrom("report")
      .innerJoin("initiative", "initiative.id", "report.initiative_id")
      .select([...REPORT_COLUMNS.map((c) => `report.${c}` as const), "initiative.number"]);
  }

  async list(roundId: number): Promise<ReportRecord[]> {
    const rows = await this.select()
      .where("report.round_id", "=", roundId)
      .orderBy("report.position")
      .orderBy("initiative.number")
      .execute();
    return rows.map(reportRecord);
  }

  async find(roundId: number, initiativeNumber: number): Promise<ReportRecord | undefined> {
    const row = await this.select()
      .where("report.round_id", "=", roundId)
      .where("initiative.number", "=", initiativeNumber)
      .executeTakeFirst();
    return row && reportRecord(row);
  }

  private async byId(id: number) {
    return this.select().where("report.id", "=", id).executeTakeFirst();
  }

  async update(id: number, expectedVersion: number, changes: ReportChanges): Promise<ReportRecord> {
    const writer = writerOf(this.scope);
    const { db, dialect } = this.scope;
    const before = await this.byId(id);
    if (!before) throw storeErrors.notFound("報告");
    const current = reportRecord(before);
    if (current.version !== expectedVersion)
      throw new ConflictError(storeErrors.conflict("この報告"), current);

    const set = {
      ...(changes.activities !== undefined ? { activities: changes.activities } : {}),
      ...(changes.grade !== undefined ? { grade: changes.grade } : {}),
      ...(changes.notAssessed !== undefined ? { not_assessed: dialect.bool(changes.notAssessed) } : {}),
      ...(changes.committeeOpinion !== undefined ? { committee_opinion: changes.committeeOpinion } : {}),
      ...(changes.nextYearGoal !== undefined ? { next_year_goal: changes.nextYearGoal } : {}),
      ...(changes.state !== undefined ? { state: changes.state } : {}),
      ...(changes.selfGrade !== undefined ? { self_grade: changes.selfGrade } : {}),
      ...(changes.selfGradeReason !== undefined ? { self_grade_reason: changes.selfGradeReason } : {}),
      ...(changes.submitted
        ? {
            submitted_at: sql<string>`${dialect.nowDefault}`,
            submitted_by_account_id: accountIdOf(writer.actor),
          }
        : {}),
    };
    // RETURNING instead of reading the row again: a save is a chain of round trips on PostgreSQL.
    const updated = await db
      .updateTable("report")
      .set({
        ...set,
        version: sql`version + 1`,
        updated_at: sql<string>`${dialect.nowDefault}`,
        updated_by_account_id: accountIdOf(writer.actor),
      })
      .where("id", "=", id)
      .where("version", "=", expectedVersion)
      .returning(REPORT_COLUMNS)
      .executeTakeFirst();
    if (!updated) {
      const now = await this.byId(id);
      throw new ConflictError(storeErrors.conflict("この報告"), now ? reportRecord(now) : current);
    }
    await db
      .updateTable("reporting_round")
      .set({ content_revision: sql`content_revision + 1` })
      .where("id", "=", current.roundId)
      .execute();
    const record = reportRecord({ ...updated, number: before.number });
    await writer.audit({
      organizationId: before.organization_id,
      action: "report.update",
      entity: "report",
      entityId: id,
      before: pick(
        current,
        Object.keys(changes).filter((k) => k !== "submitted"),
      ),
      after: pick(
        record,
        Object.keys(changes).filter((k) => k !== "submitted"),
      ),
    });
    return record;
  }
}

function pick(record: ReportRecord, keys: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of keys) out[key] = record[key as keyof ReportRecord];
  return out;
}

function reportRecord(row: {
  id: number;
  round_id: number;
  initiative_id: number;
  number: number;
  state: string;
  version: number;
  activities: string;
  grade: string | null;
  not_assessed: boolean | number;
  committee_opinion: string;
  next_year_goal: string;
  self_grade: string | null;
  self_grade_reason: string;
  updated_at: Date | string | null;
  submitted_at: Date | string | null;
}): ReportRecord {
  return {
    id: row.id,
    roundId: row.round_id,
    initiativeId: row.initiative_id,
    initiativeNumber: row.number,
    state: isReportState(row.state) ? row.state : "notStarted",
    version: row.version,
    activities: row.activities,
    grade: row.grade as Grade | null,
    notAssessed: Boolean(row.not_assessed),
    committeeOpinion: row.committee_opinion,
    nextYearGoal: row.next_year_goal,
    selfGrade: row.self_grade as Grade | null,
    selfGradeReason: row.self_grade_reason,
    updatedAt: row.updated_at === null ? null : isoTimestamp(row.updated_at),
    submittedAt: row.submitted_at === null ? null : isoTimestamp(row.submitted_at),
  };
}
