import { sql } from "kysely";
import {
  DEFAULT_GRADE_SCALE,
  type GradeScale,
  type GradeSummary,
  gradeCount,
  gradeScaleOf,
  summarizeGrades,
} from "../domain/grade.ts";
import type { PlanDocument } from "../domain/plan-document.ts";
import type { PublicationSource } from "../domain/workflow-states.ts";
import type { StoreDialect } from "./dialect.ts";
import { loadRoundSnapshot } from "./load-round.ts";
import { storeErrors } from "./messages.ts";
import { touchPublicRevision } from "./revision.ts";
import { accountIdOf, isoTimestamp, type Scope, writerOf } from "./scope.ts";
import type { Publication, PublicationRecord, PublicationWrites, RoundLinks } from "./types.ts";

const LISTED = [
  "publication.id",
  "publication.organization_id",
  "publication.plan_id",
  "publication.round_id",
  "publication.fiscal_year",
  "publication.revision",
  "publication.source",
  "publication.reason",
  "publication.published_at",
  "publication.published_by_name",
  "publication.plan_title",
  "publication.start_fiscal_year",
  "publication.end_fiscal_year",
  "publication.baseline_fiscal_year",
  "publication.as_of",
  "publication.title",
  "publication.grade_a",
  "publication.grade_b",
  "publication.grade_c",
  "publication.grade_d",
  "publication.grade_scale",
  "publication.grade_counts",
  "publication.initiative_count",
] as const;

type ListedRow = {
  id: number;
  organization_id: number;
  plan_id: number;
  round_id: number;
  fiscal_year: number;
  revision: number;
  source: string;
  reason: string | null;
  published_at: Date | string;
  published_by_name: string | null;
  plan_title: string;
  start_fiscal_year: number;
  end_fiscal_year: number;
  baseline_fiscal_year: number | null;
  as_of: string;
  title: string | null;
  grade_a: number;
  grade_b: number;
  grade_c: number;
  grade_d: number;
  grade_scale: unknown;
  grade_counts: unknown;
  initiative_count: number;
};

function publicationRecord(row: ListedRow, dialect: StoreDialect): PublicationRecord {
  return {
    id: row.id,
    organizationId: row.organization_id,
    planId: row.plan_id,
    roundId: row.round_id,
    fiscalYear: row.fiscal_year,
    revision: row.revision,
    source: row.source === "published" ? "published" : "imported",
    reason: row.reason,
    publishedAt: isoTimestamp(row.published_at),
    publishedBy: row.published_by_name,
    plan: {
      title: row.plan_title,
      startFiscalYear: row.start_fiscal_year,
      endFiscalYear: row.end_fiscal_year,
      baselineFiscalYear: row.baseline_fiscal_year,
    },
    asOf: row.as_of,
    title: row.title,
    gradeScale:
      row.grade_scale === null ? DEFAULT_GRADE_SCALE : dialect.readJson<GradeScale>(row.grade_scale),
    gradeSummary:
      row.grade_counts === null
        ? { A: row.grade_a, B: row.grade_b, C: row.grade_c, D: row.grade_d }
        : dialect.readJson<GradeSummary>(row.grade_counts),
    initiativeCount: row.initiative_count,
  };
}

/**
 * 公表版: what the public sees. Each publication is an immutable snapshot of one round's table (the
 * database refuses to change or delete one); a correction is a new revision of the same round.
 */
export class Publications implements PublicationWrites {
  constructor(private readonly scope: Scope) {}

  async listLatest(organizationId: number, planId?: number): Promise<PublicationRecord[]> {
    const rows = await this.scope.db
      .selectFrom("publication")
      .select(LISTED)
      .where("publication.organization_id", "=", organizationId)
      .$if(planId !== undefined, (q) => q.where("publication.plan_id", "=", planId as number))
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom("publication as later")
              .select("later.id")
              .whereRef("later.round_id", "=", "publication.round_id")
              .whereRef("later.revision", ">", "publication.revision"),
          ),
        ),
      )
      .orderBy("publication.plan_id")
      .orderBy("publication.fiscal_year")
      .execute();
    return rows.map((row) => publicationRecord(row, this.scope.dialect));
  }

  async revisions(planId: number, fiscalYear: number): Promise<PublicationRecord[]> {
    const rows = await this.scope.db
      .selectFrom("publication")
      .select(LISTED)
      .where("publication.plan_id", "=", planId)
      .where("publication.fiscal_year", "=", fiscalYear)
      .orderBy("publication.revision")
      .execute();
    return rows.map((row) => publicationRecord(row, this.scope.dialect));
  }

  async load(publicationId: number): Promise<Publication | undefined> {
    const row = await this.scope.db
      .selectFrom("publication")
      .select([...LISTED, "publication.document", "publication.links"])
      .where("publication.id", "=", publicationId)
      .executeTakeFirst();
    if (!row) return undefined;
    const { dialect } = this.scope;
    return {
      record: publicationRecord(row, dialect),
      document: dialect.readJson<PlanDocument>(row.document),
      links: dialect.readJson<RoundLinks>(row.links),
    };
  }

  async publish(
    roundId: number,
    options: { source: PublicationSource; reason?: string },
  ): Promise<PublicationRecord> {
    const writer = writerOf(this.scope);
    const { db, dialect } = this.scope;
    const round = await db
      .selectFrom("reporting_round")
      .select(["organization_id", "plan_id", "fiscal_year", "state"])
      .where("id", "=", roundId)
      .executeTakeFirst();
    if (!round) throw storeErrors.notFound("年度の進行管理");
    const snapshot = await loadRoundSnapshot(db, dialect, roundId);
    if (!snapshot) throw storeErrors.notFound("年度の進行管理");
    const { document, links } = snapshot;
    const last = await db
      .selectFrom("publication")
      .select((eb) => eb.fn.max("revision").as("revision"))
      .where("round_id", "=", roundId)
      .executeTakeFirst();
    const revision = Number(last?.revision ?? 0) + 1;
    const scale = gradeScaleOf(document.plan);
    const summary = summarizeGrades(
      document.policies.flatMap((p) => p.initiatives.map((i) => i.grade)),
      scale,
    );
    const initiativeCount = document.policies.reduce((n, p) => n + p.initiatives.length, 0);
    const { id } = await db
      .insertInto("publication")
      .values({
        organization_id: round.organization_id,
        plan_id: round.plan_id,
        round_id: roundId,
        fiscal_year: round.fiscal_year,
        revision,
        source: options.source,
        reason: options.reason ?? null,
        published_by_account_id: accountIdOf(writer.actor),
        published_by_name: writer.actor.name,
        plan_title: document.plan.title,
        start_fiscal_year: document.plan.startFiscalYear,
        end_fiscal_year: document.plan.endFiscalYear,
        baseline_fiscal_year: document.plan.baselineFiscalYear ?? null,
        as_of: document.round.asOf,
        title: document.round.title ?? null,
        grade_a: gradeCount(summary, "A"),
        grade_b: gradeCount(summary, "B"),
        grade_c: gradeCount(summary, "C"),
        grade_d: gradeCount(summary, "D"),
        grade_scale: document.plan.gradeScale ? JSON.stringify(scale) : null,
        grade_counts: JSON.stringify(summary),
        initiative_count: initiativeCount,
        document: JSON.stringify(document),
        links: JSON.stringify(links),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    if (round.state !== "published") {
      await db
        .updateTable("reporting_round")
        .set({ state: "published", version: sql`version + 1` })
        .where("id", "=", roundId)
        .execute();
    }
    await touchPublicRevision(db, round.organization_id);
    await writer.audit({
      organizationId: round.organization_id,
      action: "publication.create",
      entity: "publication",
      entityId: id,
      after: {
        roundId,
        fiscalYear: round.fiscal_year,
        revision,
        source: options.source,
        reason: options.reason,
      },
    });
    const row = await db
      .selectFrom("publication")
      .select(LISTED)
      .where("publication.id", "=", id)
      .executeTakeFirstOrThrow();
    return publicationRecord(row, dialect);
  }
}
