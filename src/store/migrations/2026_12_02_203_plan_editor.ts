import { type Kysely, type Migration, sql } from "kysely";
import type { StoreDialect } from "../dialect.ts";

/**
 * The plan editor (issue 8): the plan's shared rows become the plan's structure, which the
 * secretariat edits and from which every new round is opened.
 *
 * - plan.not_assessed_allowed: whether the plan's scale has 対象外 (not graded this year).
 * - initiative.position: the initiative's place in the plan (under its 基本方針), backfilled from
 *   the latest round that shows it, else its number.
 * - initiative.retired, kpi.retired (廃止): left out of rounds opened from now on; the rounds that
 *   showed them keep their own copies (report columns, round_kpi) and publications never change.
 *   Backfilled: what a plan's latest round does not show was dropped from the plan by a later
 *   table, so it is retired; a 再掲 link that round does not show is removed.
 *
 * Never edit this file once it has landed: add a new migration instead.
 */
export function planEditorMigration(dialect: StoreDialect): Migration {
  return {
    async up(db: Kysely<unknown>) {
      const falseValue = sql`false`;
      await db.schema
        .alterTable("plan")
        .addColumn("not_assessed_allowed", "boolean", (c) => c.notNull().defaultTo(sql`true`))
        .execute();
      await db.schema.alterTable("initiative").addColumn("position", "integer").execute();
      await db.schema
        .alterTable("initiative")
        .addColumn("retired", "boolean", (c) => c.notNull().defaultTo(falseValue))
        .execute();
      await db.schema
        .alterTable("kpi")
        .addColumn("retired", "boolean", (c) => c.notNull().defaultTo(falseValue))
        .execute();

      const latestRound = sql`(select rr.id from reporting_round rr where rr.plan_id = initiative.plan_id
        order by rr.fiscal_year desc limit 1)`;
      await sql`update initiative set position = coalesce(
          (select r.position from report r join reporting_round rr on rr.id = r.round_id
            where r.initiative_id = initiative.id order by rr.fiscal_year desc limit 1),
          number)`.execute(db);
      const trueValue = dialect.name === "postgres" ? sql`true` : sql`1`;
      await sql`update initiative set retired = ${trueValue}
        where ${latestRound} is not null
          and not exists (select 1 from report r where r.initiative_id = initiative.id
            and r.round_id = ${latestRound})`.execute(db);
      const latestOfKpi = sql`(select rr.id from reporting_round rr where rr.plan_id = kpi.plan_id
        order by rr.fiscal_year desc limit 1)`;
      await sql`update kpi set retired = ${trueValue}
        where ${latestOfKpi} is not null
          and not exists (select 1 from round_kpi rk where rk.kpi_id = kpi.id and rk.round_id = ${latestOfKpi})`.execute(
        db,
      );
      await sql`delete from initiative_kpi where relisted = ${trueValue}
        and exists (select 1 from reporting_round rr join initiative i on i.plan_id = rr.plan_id
          where i.id = initiative_kpi.initiative_id)
        and not exists (select 1 from round_kpi rk
          where rk.initiative_id = initiative_kpi.initiative_id and rk.kpi_id = initiative_kpi.kpi_id
            and rk.round_id = (select rr.id from reporting_round rr join initiative i on i.plan_id = rr.plan_id
              where i.id = initiative_kpi.initiative_id order by rr.fiscal_year desc limit 1))`.execute(db);
    },

    async down(db: Kysely<unknown>) {
      await db.schema.alterTable("kpi").dropColumn("retired").execute();
      await db.schema.alterTable("initiative").dropColumn("retired").execute();
      await db.schema.alterTable("initiative").dropColumn("position").execute();
      await db.schema.alterTable("plan").dropColumn("not_assessed_allowed").execute();
    },
  };
}
