import { type Kysely, type Migration, sql } from "kysely";
import type { StoreDialect } from "../dialect.ts";

/**
 * Ready for writes: publications, workflow states, per-organization public revisions.
 *
 * - publication is made anew (nothing wrote the first one): one row per revision (第n版) of a round's
 *   published table, holding the plan document snapshot and the listing columns that public pages
 *   show without reading it. Rows are immutable: triggers refuse UPDATE and DELETE on both databases.
 * - organization.public_revision moves whenever what the public sees of that organization changes (a
 *   publication, a rename); the server's page cache keys each organization's pages on it, so a draft
 *   saved in one city never empties another city's cache (nor its own).
 * - reporting_round.state and content_revision; report.state, updated_at and updated_by_account_id:
 *   the workflow's states (docs/GLOSSARY.md). Rounds stored before were imported tables, so they are
 *   published, and their reports graded (or accepted where the table had no grade).
 * - audit_log.actor_name names an actor that is not an account (`shinchoku import`, the sample).
 * - The search indexes go: public search reads publications in memory (normalized), and the FTS5
 *   triggers cost every report save a delete and an insert.
 *
 * Never edit this file once it has landed: add a new migration instead.
 */
export function publicationsMigration(dialect: StoreDialect): Migration {
  return {
    async up(db: Kysely<unknown>) {
      const { json, date, timestamp } = dialect.columnTypes;

      const existing = await sql<{ n: number | string }>`select count(*) as n from publication`.execute(db);
      if (Number(existing.rows[0]?.n ?? 0) > 0) {
        throw new Error("publication has rows, which no released version wrote: refusing to rebuild it");
      }
      await db.schema.dropTable("publication").execute();
      await db.schema
        .createTable("publication")
        .addColumn("id", "integer", (c) => dialect.idColumn(c))
        .addColumn("organization_id", "integer", (c) => c.notNull().references("organization.id"))
        .addColumn("plan_id", "integer", (c) => c.notNull())
        .addColumn("round_id", "integer", (c) => c.notNull())
        .addColumn("fiscal_year", "integer", (c) => c.notNull())
        .addColumn("revision", "integer", (c) => c.notNull())
        .addColumn("source", "text", (c) => c.notNull())
        .addColumn("reason", "text")
        .addColumn("published_at", timestamp, (c) => c.notNull().defaultTo(dialect.nowDefault))
        .addColumn("published_by_account_id", "integer")
        .addColumn("published_by_name", "text")
        .addColumn("plan_title", "text", (c) => c.notNull())
        .addColumn("start_fiscal_year", "integer", (c) => c.notNull())
        .addColumn("end_fiscal_year", "integer", (c) => c.notNull())
        .addColumn("baseline_fiscal_year", "integer")
        .addColumn("as_of", date, (c) => c.notNull())
        .addColumn("title", "text")
        .addColumn("grade_a", "integer", (c) => c.notNull())
        .addColumn("grade_b", "integer", (c) => c.notNull())
        .addColumn("grade_c", "integer", (c) => c.notNull())
        .addColumn("grade_d", "integer", (c) => c.notNull())
        .addColumn("initiative_count", "integer", (c) => c.notNull())
        .addColumn("document", json, (c) => c.notNull())
        .addColumn("links", json, (c) => c.notNull())
        .addUniqueConstraint("publication_revision_key", ["round_id", "revision"])
        // No cascades: a publication outlives edits to its plan; removing one is a deliberate act.
        .addForeignKeyConstraint(
          "publication_round_id_fk",
          ["organization_id", "round_id"],
          "reporting_round",
          ["organization_id", "id"],
        )
        .addForeignKeyConstraint("publication_plan_id_fk", ["organization_id", "plan_id"], "plan", [
          "organization_id",
          "id",
        ])
        .execute();
      await db.schema
        .createIndex("publication_organization_idx")
        .on("publication")
        .columns(["organization_id", "plan_id", "fiscal_year"])
        .execute();

      await db.schema
        .alterTable("organization")
        .addColumn("public_revision", "bigint", (c) => c.notNull().defaultTo(1))
        .execute();

      await db.schema
        .alterTable("reporting_round")
        .addColumn("state", "text", (c) => c.notNull().defaultTo("preparing"))
        .execute();
      await db.schema
        .alterTable("reporting_round")
        .addColumn("content_revision", "bigint", (c) => c.notNull().defaultTo(0))
        .execute();
      await sql`update reporting_round set state = 'published'`.execute(db);

      await db.schema
        .alterTable("report")
        .addColumn("state", "text", (c) => c.notNull().defaultTo("notStarted"))
        .execute();
      await db.schema.alterTable("report").addColumn("updated_at", timestamp).execute();
      await db.schema.alterTable("report").addColumn("updated_by_account_id", "integer").execute();
      await sql`update report set state = case when grade is null then 'accepted' else 'graded' end`.execute(
        db,
      );

      await db.schema.alterTable("audit_log").addColumn("actor_name", "text").execute();

      await dropSearchIndexes(db, dialect);

      switch (dialect.name) {
        case "sqlite":
          await sql`create trigger publication_no_update before update on publication
            begin select raise(abort, 'publication is immutable'); end`.execute(db);
          await sql`create trigger publication_no_delete before delete on publication
            begin select raise(abort, 'publication is immutable'); end`.execute(db);
          break;
        case "postgres":
          await sql`create function publication_immutable() returns trigger language plpgsql as $$
            begin raise exception 'publication is immutable'; end $$`.execute(db);
          await sql`create trigger publication_immutable before update or delete on publication
            for each statement execute function publication_immutable()`.execute(db);
          break;
      }
    },

    /** Back to 2026_11_25_003 (publications are lost; rounds keep their rows). */
    async down(db: Kysely<unknown>) {
      const { json, timestamp } = dialect.columnTypes;
      if (dialect.name === "sqlite") {
        await sql`drop trigger if exists publication_no_update`.execute(db);
        await sql`drop trigger if exists publication_no_delete`.execute(db);
      } else {
        await sql`drop trigger if exists publication_immutable on publication`.execute(db);
        await sql`drop function if exists publication_immutable()`.execute(db);
      }
      await db.schema.dropTable("publication").execute();
      await db.schema
        .createTable("publication")
        .addColumn("id", "integer", (c) => dialect.idColumn(c))
        .addColumn("organization_id", "integer", (c) =>
          c.notNull().references("organization.id").onDelete("cascade"),
        )
        .addColumn("round_id", "integer", (c) => c.notNull())
        .addColumn("published_at", timestamp, (c) => c.notNull().defaultTo(dialect.nowDefault))
        .addColumn("document", json, (c) => c.notNull())
        .addForeignKeyConstraint(
          "publication_round_id_fk",
          ["organization_id", "round_id"],
          "reporting_round",
          ["organization_id", "id"],
          (fk) => fk.onDelete("cascade"),
        )
        .execute();
      await db.schema.createIndex("publication_round_idx").on("publication").column("round_id").execute();
      for (const [table, column] of [
        ["organization", "public_revision"],
        ["reporting_round", "state"],
        ["reporting_round", "content_revision"],
        ["report", "state"],
        ["report", "updated_at"],
        ["report", "updated_by_account_id"],
        ["audit_log", "actor_name"],
      ] as const) {
        await db.schema.alterTable(table).dropColumn(column).execute();
      }
      await restoreSearchIndexes(db, dialect);
    },
  };
}

/** The search indexes of migrations 001 and 2026_11_25_003, as they left them. */
const SEARCHED: Record<string, readonly string[]> = {
  initiative: ["title", "description"],
  report: ["activities", "committee_opinion", "next_year_goal", "title", "description"],
  kpi: ["name"],
};

async function restoreSearchIndexes(db: Kysely<unknown>, dialect: StoreDialect): Promise<void> {
  for (const [table, columns] of Object.entries(SEARCHED)) {
    if (dialect.name === "postgres") {
      for (const column of columns) {
        await sql
          .raw(`create index ${table}_${column}_trgm_idx on ${table} using gin (${column} gin_trgm_ops)`)
          .execute(db);
      }
      continue;
    }
    const fts = `${table}_fts`;
    const list = columns.join(", ");
    const newValues = columns.map((c) => `new.${c}`).join(", ");
    const oldValues = columns.map((c) => `old.${c}`).join(", ");
    await sql
      .raw(
        `create virtual table ${fts} using fts5(${list}, content='${table}', content_rowid='id', tokenize='trigram')`,
      )
      .execute(db);
    await sql
      .raw(`create trigger ${fts}_insert after insert on ${table} begin
        insert into ${fts}(rowid, ${list}) values (new.id, ${newValues}); end`)
      .execute(db);
    await sql
      .raw(`create trigger ${fts}_delete after delete on ${table} begin
        insert into ${fts}(${fts}, rowid, ${list}) values ('delete', old.id, ${oldValues}); end`)
      .execute(db);
    await sql
      .raw(`create trigger ${fts}_update after update of ${list} on ${table} begin
        insert into ${fts}(${fts}, rowid, ${list}) values ('delete', old.id, ${oldValues});
        insert into ${fts}(rowid, ${list}) values (new.id, ${newValues}); end`)
      .execute(db);
    await sql.raw(`insert into ${fts}(${fts}) values ('rebuild')`).execute(db);
  }
}

async function dropSearchIndexes(db: Kysely<unknown>, dialect: StoreDialect): Promise<void> {
  if (dialect.name === "postgres") {
    for (const index of [
      "initiative_title_trgm_idx",
      "initiative_description_trgm_idx",
      "report_activities_trgm_idx",
      "report_committee_opinion_trgm_idx",
      "report_next_year_goal_trgm_idx",
      "report_title_trgm_idx",
      "report_description_trgm_idx",
      "kpi_name_trgm_idx",
    ]) {
      await sql.raw(`drop index if exists ${index}`).execute(db);
    }
    return;
  }
  for (const table of ["initiative", "report", "kpi"]) {
    for (const trigger of ["insert", "delete", "update"])
      await sql.raw(`drop trigger if exists ${table}_fts_${trigger}`).execute(db);
    await sql.raw(`drop table if exists ${table}_fts`).execute(db);
  }
}
