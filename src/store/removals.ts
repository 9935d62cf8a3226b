import { type Kysely, type RawBuilder, sql } from "kysely";
import { storeErrors } from "./messages.ts";
import { touchPublicRevision } from "./revision.ts";
import type { Database } from "./schema.ts";
import { type Scope, writerOf } from "./scope.ts";
import type { RemovalCounts, RemovalOptions, RemovalWrites } from "./types.ts";

/**
 * 削除 (`shinchoku remove`): a wrongly imported round, plan or organization taken away whole, in the
 * caller's transaction (all or nothing).
 *
 * What goes, by foreign key:
 * - a round: its reports (and their comment threads), KPI values and per-round KPI lines cascade
 *   from reporting_round; its publications and notices do not (publication has no cascade and is
 *   immutable; notification.round_id/report_id carry no key) and are deleted here. The plan's shared
 *   rows that the round showed and no remaining round shows (initiatives, KPIs, 基本方針) go too, so
 *   the plan is as if the round had never been imported; what the plan editor created stays, even
 *   when a round opened from the plan showed it. When the round was the plan's latest, the 廃止
 *   flags an import set are set again from the round that is latest now; the plan editor's stay
 *   (recountRetired).
 * - a plan: policies, initiatives, KPIs and rounds cascade from plan; publications and notices are
 *   deleted here. Departments belong to the organization and stay.
 * - an organization: everything cascades from organization except publication and audit_log, which
 *   have no cascade and refuse DELETE; both are deleted here (see ARCHITECTURE.md: the audit log of
 *   a removed organization goes with it).
 *
 * Publications and the audit log are immutable by triggers (migrations 2026_11_25_001 and
 * 2026_12_02_001). A removal that must delete such rows lifts exactly those triggers inside this
 * transaction and puts them back before it ends: on SQLite each trigger is dropped and created again
 * from its own stored definition (sqlite_master.sql), on PostgreSQL it is disabled and enabled
 * (ALTER TABLE … DISABLE/ENABLE TRIGGER). DDL is transactional on both, so a failure half-way rolls
 * the triggers back with the rows: no other transaction ever sees them lifted.
 */

const ZERO: RemovalCounts = {
  plans: 0,
  rounds: 0,
  policies: 0,
  initiatives: 0,
  kpis: 0,
  reports: 0,
  kpiValues: 0,
  comments: 0,
  publications: 0,
  departments: 0,
  accounts: 0,
  auditEntries: 0,
};

/** The immutability triggers of each table, by name (SQLite, PostgreSQL). */
const TRIGGERS = {
  publication: {
    sqlite: ["publication_no_update", "publication_no_delete"],
    postgres: ["publication_immutable"],
  },
  audit_log: { sqlite: ["audit_log_no_update", "audit_log_no_delete"], postgres: ["audit_log_append_only"] },
} as const;

export type ProtectedTable = keyof typeof TRIGGERS;

/** Rows to delete in one statement (bound parameters stay far below either database's limit). */
const CHUNK = 500;

async function count(db: Kysely<Database>, query: RawBuilder<unknown>): Promise<number> {
  const { rows } = await sql<{ n: number | string }>`select count(*) as n from (${query}) as counted`.execute(
    db,
  );
  return Number(rows[0]?.n ?? 0);
}

async function ids(db: Kysely<Database>, query: RawBuilder<unknown>): Promise<number[]> {
  const { rows } = await sql<{ id: number }>`${query}`.execute(db);
  return rows.map((r) => Number(r.id));
}

/**
 * The plan's shared rows that `roundId` shows and no other round does: they go with that round.
 * What the plan editor added stays, whether no round shows it yet or a round opened from the plan
 * does: it was never the round's. A 基本方針 stays while any of its initiatives does.
 */
async function sharedRowsOnlyIn(
  db: Kysely<Database>,
  planId: number,
  roundId: number,
): Promise<{ initiatives: number[]; kpis: number[]; policies: number[] }> {
  const onlyInRound = (i: string) => sql`exists
      (select 1 from report r where r.initiative_id = ${sql.ref(`${i}.id`)} and r.round_id = ${roundId})
    and not exists
      (select 1 from report r where r.initiative_id = ${sql.ref(`${i}.id`)} and r.round_id <> ${roundId})`;
  const initiativesShown = await ids(
    db,
    sql`select i.id from initiative i where i.plan_id = ${planId} and ${onlyInRound("i")} order by i.id`,
  );
  const kpisShown = await ids(
    db,
    sql`select k.id from kpi k where k.plan_id = ${planId}
      and (exists (select 1 from round_kpi rk where rk.kpi_id = k.id and rk.round_id = ${roundId})
        or exists (select 1 from kpi_value v where v.kpi_id = k.id and v.round_id = ${roundId}))
      and not exists (select 1 from round_kpi rk where rk.kpi_id = k.id and rk.round_id <> ${roundId})
      and not exists (select 1 from kpi_value v where v.kpi_id = k.id and v.round_id <> ${roundId})
      order by k.id`,
  );
  const policiesShown = await ids(
    db,
    sql`select p.id from policy p where p.plan_id = ${planId}
      and (exists (select 1 from report r where r.policy_id = p.id and r.round_id = ${roundId})
        or exists (select 1 from initiative i join report r on r.initiative_id = i.id
          where i.policy_id = p.id and r.round_id = ${roundId}))
      and not exists (select 1 from report r where r.policy_id = p.id and r.round_id <> ${roundId})
      and not exists (select 1 from initiative i join report r on r.initiative_id = i.id
        where i.policy_id = p.id and r.round_id <> ${roundId})
      and not exists (select 1 from initiative j where j.policy_id = p.id and not (${onlyInRound("j")}))
      order by p.id`,
  );
  // What the plan editor created (its audit entry says so) was never the round's, even when the
  // round, opened from the plan, shows it; a 基本方針 stays while one of its initiatives does.
  const created = await editorCreated(db, planId);
  const initiatives = initiativesShown.filter((id) => !created.initiative.has(id));
  const kpis = kpisShown.filter((id) => !created.kpi.has(id));
  const planInitiatives = await db
    .selectFrom("initiative")
    .select(["id", "policy_id"])
    .where("plan_id", "=", planId)
    .execute();
  const kept = new Set(planInitiatives.filter((i) => created.initiative.has(i.id)).map((i) => i.policy_id));
  const policies = policiesShown.filter((id) => !created.policy.has(id) && !kept.has(id));
  return { initiatives, kpis, policies };
}

/**
 * The plan's 基本方針, initiatives and KPIs the plan editor created: each has its `….create` audit
 * entry (an import writes one entry for the whole round instead). Read once per removal, by the
 * organization's index, rather than once per row.
 */
async function editorCreated(
  db: Kysely<Database>,
  planId: number,
): Promise<Record<"policy" | "initiative" | "kpi", Set<number>>> {
  const rows = await db
    .selectFrom("audit_log")
    .innerJoin("plan", "plan.organization_id", "audit_log.organization_id")
    .select(["audit_log.entity", "audit_log.entity_id"])
    .where("plan.id", "=", planId)
    .where("audit_log.action", "in", ["policy.create", "initiative.create", "kpi.create"])
    .execute();
  const created = { policy: new Set<number>(), initiative: new Set<number>(), kpi: new Set<number>() };
  for (const row of rows)
    if (
      row.entity_id !== null &&
      (row.entity === "policy" || row.entity === "initiative" || row.entity === "kpi")
    )
      created[row.entity].add(Number(row.entity_id));
  return created;
}

/** How many initiatives and KPIs a removal retired (廃止) or restored again. */
export interface RetiredRecount {
  initiativesRetired: number;
  initiativesRestored: number;
  kpisRetired: number;
  kpisRestored: number;
}

/**
 * After the plan's latest round went: the 廃止 flags an import set (retired_source 'import') are
 * set again from the round that is now the latest, as its import would have left them (what its
 * table shows is current, the rest retired). What the plan editor retired, restored or added
 * (retired_source 'editor') stays as it left it.
 */
async function recountRetired(scope: Scope, planId: number, latestRoundId: number): Promise<RetiredRecount> {
  const { db, dialect } = scope;
  const shownInitiative = sql<boolean>`exists (select 1 from report r
    where r.initiative_id = initiative.id and r.round_id = ${latestRoundId})`;
  const shownKpi = sql<boolean>`exists (select 1 from round_kpi rk
    where rk.kpi_id = kpi.id and rk.round_id = ${latestRoundId})`;
  const counts: RetiredRecount = {
    initiativesRetired: 0,
    initiativesRestored: 0,
    kpisRetired: 0,
    kpisRestored: 0,
  };
  for (const retired of [true, false]) {
    const shown = (condition: RawBuilder<boolean>) => (retired ? sql<boolean>`not ${condition}` : condition);
    const initiatives = await db
      .updateTable("initiative")
      .set({ retired: dialect.bool(retired), version: sql`version + 1` })
      .where("plan_id", "=", planId)
      .where("retired_source", "=", "import")
      .where("retired", "=", dialect.bool(!retired))
      .where(shown(shownInitiative))
      .executeTakeFirst();
    const kpis = await db
      .updateTable("kpi")
      .set({ retired: dialect.bool(retired), version: sql`version + 1` })
      .where("plan_id", "=", planId)
      .where("retired_source", "=", "import")
      .where("retired", "=", dialect.bool(!retired))
      .where(shown(shownKpi))
      .executeTakeFirst();
    const changedInitiatives = Number(initiatives.numUpdatedRows);
    const changedKpis = Number(kpis.numUpdatedRows);
    if (retired) {
      counts.initiativesRetired = changedInitiatives;
      counts.kpisRetired = changedKpis;
    } else {
      counts.initiativesRestored = changedInitiatives;
      counts.kpisRestored = changedKpis;
    }
  }
  return counts;
}

async function deleteIds(db: Kysely<Database>, table: "initiative" | "kpi" | "policy", list: number[]) {
  for (let i = 0; i < list.length; i += CHUNK) {
    await db
      .deleteFrom(table)
      .where("id", "in", list.slice(i, i + CHUNK))
      .execute();
  }
}

/**
 * Runs `work` with the immutability triggers of `tables` lifted, then puts them back exactly as they
 * were. Only inside a transaction: if `work` fails, the rollback restores them (and on SQLite, where
 * a failed statement leaves the transaction open, they are created again at once as well).
 */
export async function withTriggersLifted<T>(
  scope: Scope,
  tables: readonly ProtectedTable[],
  work: () => Promise<T>,
): Promise<T> {
  writerOf(scope); // a transaction's scope, never the bare connection
  const { db, dialect } = scope;
  if (dialect.name === "sqlite") {
    const names = tables.flatMap((t) => TRIGGERS[t].sqlite);
    const { rows } = await sql<{ name: string; sql: string }>`select name, sql from sqlite_master
      where type = 'trigger' and name in (${sql.join(names)}) order by name`.execute(db);
    for (const row of rows) await sql`drop trigger ${sql.id(row.name)}`.execute(db);
    const restore = async () => {
      for (const row of rows) await sql.raw(row.sql).execute(db);
    };
    let result: T;
    try {
      result = await work();
    } catch (error) {
      await restore().catch(() => {});
      throw error;
    }
    await restore();
    return result;
  }
  const lifted: { table: string; name: string }[] = [];
  for (const table of tables) {
    for (const name of TRIGGERS[table].postgres) {
      const { rows } = await sql<{ n: number | string }>`select count(*) as n from pg_trigger
        where tgrelid = ${table}::regclass and tgname = ${name} and tgenabled <> 'D'`.execute(db);
      if (Number(rows[0]?.n ?? 0) === 0) continue;
      await sql`alter table ${sql.table(table)} disable trigger ${sql.id(name)}`.execute(db);
      lifted.push({ table, name });
    }
  }
  // A failure aborts the PostgreSQL transaction: nothing more can run in it, and the rollback
  // enables the triggers again.
  const result = await work();
  for (const { table, name } of lifted)
    await sql`alter table ${sql.table(table)} enable trigger ${sql.id(name)}`.execute(db);
  return result;
}

export class Removals implements RemovalWrites {
  constructor(private readonly scope: Scope) {}

  async roundCounts(roundId: number): Promise<RemovalCounts> {
    const { db } = this.scope;
    const round = await db
      .selectFrom("reporting_round")
      .select(["plan_id"])
      .where("id", "=", roundId)
      .executeTakeFirst();
    if (!round) throw storeErrors.notFound("年度の進行管理");
    const shared = await sharedRowsOnlyIn(db, round.plan_id, roundId);
    return {
      ...ZERO,
      rounds: 1,
      policies: shared.policies.length,
      initiatives: shared.initiatives.length,
      kpis: shared.kpis.length,
      reports: await count(db, sql`select id from report where round_id = ${roundId}`),
      kpiValues: await count(db, sql`select id from kpi_value where round_id = ${roundId}`),
      comments: await count(
        db,
        sql`select c.id from report_comment c join report r on r.id = c.report_id where r.round_id = ${roundId}`,
      ),
      publications: await count(db, sql`select id from publication where round_id = ${roundId}`),
    };
  }

  async planCounts(planId: number): Promise<RemovalCounts> {
    const { db } = this.scope;
    const rounds = sql`select id from reporting_round where plan_id = ${planId}`;
    return {
      ...ZERO,
      plans: 1,
      rounds: await count(db, rounds),
      policies: await count(db, sql`select id from policy where plan_id = ${planId}`),
      initiatives: await count(db, sql`select id from initiative where plan_id = ${planId}`),
      kpis: await count(db, sql`select id from kpi where plan_id = ${planId}`),
      reports: await count(db, sql`select id from report where round_id in (${rounds})`),
      kpiValues: await count(db, sql`select id from kpi_value where round_id in (${rounds})`),
      comments: await count(
        db,
        sql`select c.id from report_comment c join report r on r.id = c.report_id where r.round_id in (${rounds})`,
      ),
      publications: await count(db, sql`select id from publication where plan_id = ${planId}`),
    };
  }

  async organizationCounts(organizationId: number): Promise<RemovalCounts> {
    const { db } = this.scope;
    const of = (table: keyof Database) =>
      count(
        db,
        sql`select organization_id from ${sql.table(table)} where organization_id = ${organizationId}`,
      );
    return {
      plans: await of("plan"),
      rounds: await of("reporting_round"),
      policies: await of("policy"),
      initiatives: await of("initiative"),
      kpis: await of("kpi"),
      reports: await of("report"),
      kpiValues: await of("kpi_value"),
      comments: await of("report_comment"),
      publications: await of("publication"),
      departments: await of("department"),
      accounts: await of("account"),
      auditEntries: await of("audit_log"),
    };
  }

  async removeRound(roundId: number, options: RemovalOptions = {}): Promise<RemovalCounts> {
    const writer = writerOf(this.scope);
    const { db } = this.scope;
    const round = await db
      .selectFrom("reporting_round")
      .innerJoin("plan", "plan.id", "reporting_round.plan_id")
      .select([
        "reporting_round.organization_id",
        "reporting_round.plan_id",
        "reporting_round.fiscal_year",
        "reporting_round.state",
        "plan.title",
      ])
      .where("reporting_round.id", "=", roundId)
      .executeTakeFirst();
    if (!round) throw storeErrors.notFound("年度の進行管理");
    const counts = await this.roundCounts(roundId);
    if (counts.publications > 0 && !options.force)
      throw storeErrors.removalPublished(`${round.title} ${round.fiscal_year}年度`, counts.publications);
    const shared = await sharedRowsOnlyIn(db, round.plan_id, roundId);
    const work = async () => {
      // PostgreSQL's trigger is per statement: it refuses even a DELETE that matches no row.
      if (counts.publications > 0)
        await db.deleteFrom("publication").where("round_id", "=", roundId).execute();
      await db
        .deleteFrom("notification")
        .where((eb) =>
          eb.or([
            eb("round_id", "=", roundId),
            eb("report_id", "in", eb.selectFrom("report").select("id").where("round_id", "=", roundId)),
          ]),
        )
        .execute();
      await db.deleteFrom("reporting_round").where("id", "=", roundId).execute();
      await deleteIds(db, "initiative", shared.initiatives);
      await deleteIds(db, "kpi", shared.kpis);
      await deleteIds(db, "policy", shared.policies);
    };
    if (counts.publications > 0) await withTriggersLifted(this.scope, ["publication"], work);
    else await work();
    // The removed round was the plan's latest: the 廃止 flags its import set follow the new latest.
    const latest = await db
      .selectFrom("reporting_round")
      .select(["id", "fiscal_year"])
      .where("plan_id", "=", round.plan_id)
      .orderBy("fiscal_year", "desc")
      .limit(1)
      .executeTakeFirst();
    const retiredAgain =
      latest && latest.fiscal_year < round.fiscal_year
        ? await recountRetired(this.scope, round.plan_id, latest.id)
        : undefined;
    await touchPublicRevision(db, round.organization_id);
    await writer.audit({
      organizationId: round.organization_id,
      action: "round.remove",
      entity: "reporting_round",
      entityId: roundId,
      before: {
        planId: round.plan_id,
        planTitle: round.title,
        fiscalYear: round.fiscal_year,
        state: round.state,
      },
      after: {
        removed: counts,
        forced: options.force === true,
        ...(retiredAgain ? { retiredFrom: latest?.fiscal_year, retiredAgain } : {}),
      },
    });
    return counts;
  }

  async removePlan(planId: number, options: RemovalOptions = {}): Promise<RemovalCounts> {
    const writer = writerOf(this.scope);
    const { db } = this.scope;
    const plan = await db
      .selectFrom("plan")
      .select(["organization_id", "title", "start_fiscal_year", "end_fiscal_year"])
      .where("id", "=", planId)
      .executeTakeFirst();
    if (!plan) throw storeErrors.notFound("計画");
    const counts = await this.planCounts(planId);
    if (counts.publications > 0 && !options.force)
      throw storeErrors.removalPublished(plan.title, counts.publications);
    const work = async () => {
      if (counts.publications > 0) await db.deleteFrom("publication").where("plan_id", "=", planId).execute();
      const rounds = db.selectFrom("reporting_round").select("id").where("plan_id", "=", planId);
      await db
        .deleteFrom("notification")
        .where((eb) =>
          eb.or([
            eb("round_id", "in", rounds),
            eb("report_id", "in", eb.selectFrom("report").select("id").where("round_id", "in", rounds)),
          ]),
        )
        .execute();
      await db.deleteFrom("plan").where("id", "=", planId).execute();
    };
    if (counts.publications > 0) await withTriggersLifted(this.scope, ["publication"], work);
    else await work();
    await touchPublicRevision(db, plan.organization_id);
    await writer.audit({
      organizationId: plan.organization_id,
      action: "plan.remove",
      entity: "plan",
      entityId: planId,
      before: {
        title: plan.title,
        startFiscalYear: plan.start_fiscal_year,
        endFiscalYear: plan.end_fiscal_year,
      },
      after: { removed: counts, forced: options.force === true },
    });
    return counts;
  }

  async removeOrganization(organizationId: number, options: RemovalOptions = {}): Promise<RemovalCounts> {
    writerOf(this.scope);
    const { db } = this.scope;
    const organization = await db
      .selectFrom("organization")
      .select(["name"])
      .where("id", "=", organizationId)
      .executeTakeFirst();
    if (!organization) throw storeErrors.notFound("自治体");
    const counts = await this.organizationCounts(organizationId);
    if (counts.publications > 0 && !options.force)
      throw storeErrors.removalPublished(organization.name, counts.publications);
    // Its audit log goes with it (it cannot outlive the organization it points at), so both
    // immutable tables are opened, for this organization's rows, in this transaction only.
    await withTriggersLifted(this.scope, ["publication", "audit_log"], async () => {
      await db.deleteFrom("publication").where("organization_id", "=", organizationId).execute();
      await db.deleteFrom("audit_log").where("organization_id", "=", organizationId).execute();
      await db.deleteFrom("organization").where("id", "=", organizationId).execute();
    });
    return counts;
  }
}
