import { type Kysely, type Migration, sql } from "kysely";
import type { StoreDialect } from "../dialect.ts";

/**
 * What a round's table showed, per round: an initiative's title, description, 基本方針, 関係課 and
 * place in the table, and each KPI line's position, label, name, 当初 and 目標, may all change from
 * one fiscal year to the next. The shared rows (initiative, kpi, initiative_kpi) hold the latest
 * year's; these per-round copies let every earlier round be rebuilt as it was imported.
 *
 * report gets nullable copies (NULL: written before this migration, read from the shared rows);
 * round_kpi holds one row per KPI line of a round, backfilled from the shared rows. Search reads
 * the copies: the report's search index (FTS5 / pg_trgm) now covers report.title and description.
 *
 * Never edit this file once it has landed: add a new migration instead.
 */
export function roundListingMigration(dialect: StoreDialect): Migration {
  return {
    async up(db: Kysely<unknown>) {
      const { json } = dialect.columnTypes;
      for (const [column, type] of [
        ["policy_id", "integer"],
        ["position", "integer"],
        ["title", "text"],
        ["description", "text"],
      ] as const) {
        await db.schema.alterTable("report").addColumn(column, type).execute();
      }
      await db.schema.alterTable("report").addColumn("departments", json).execute();

      await db.schema
        .createTable("round_kpi")
        .addColumn("organization_id", "integer", (c) =>
          c.notNull().references("organization.id").onDelete("cascade"),
        )
        .addColumn("round_id", "integer", (c) => c.notNull())
        .addColumn("initiative_id", "integer", (c) => c.notNull())
        .addColumn("kpi_id", "integer", (c) => c.notNull())
        .addColumn("position", "integer", (c) => c.notNull())
        .addColumn("label", "text", (c) => c.notNull())
        .addColumn("relisted", "boolean", (c) => c.notNull())
        .addColumn("name", "text", (c) => c.notNull())
        .addColumn("baseline_text", "text", (c) => c.notNull())
        .addColumn("baseline", json, (c) => c.notNull())
        .addColumn("target_text", "text", (c) => c.notNull())
        .addColumn("target", json, (c) => c.notNull())
        .addPrimaryKeyConstraint("round_kpi_pk", ["round_id", "initiative_id", "kpi_id"])
        .addForeignKeyConstraint(
          "round_kpi_round_id_fk",
          ["organization_id", "round_id"],
          "reporting_round",
          ["organization_id", "id"],
          (fk) => fk.onDelete("cascade"),
        )
        .addForeignKeyConstraint(
          "round_kpi_initiative_id_fk",
          ["organization_id", "initiative_id"],
          "initiative",
          ["organization_id", "id"],
          (fk) => fk.onDelete("cascade"),
        )
        .addForeignKeyConstraint(
          "round_kpi_kpi_id_fk",
          ["organization_id", "kpi_id"],
          "kpi",
          ["organization_id", "id"],
          (fk) => fk.onDelete("cascade"),
        )
        .execute();
      await db.schema.createIndex("round_kpi_kpi_idx").on("round_kpi").column("kpi_id").execute();

      await searchRoundCopies(db, dialect);

      // Rounds stored before: the lines they show today (a KPI with a value in the round's year).
      await sql`insert into round_kpi (organization_id, round_id, initiative_id, kpi_id, position, label,
          relisted, name, baseline_text, baseline, target_text, target)
        select ik.organization_id, r.round_id, ik.initiative_id, ik.kpi_id, ik.position, ik.label,
          ik.relisted, k.name, k.baseline_text, k.baseline, k.target_text, k.target
        from initiative_kpi ik
        join report r on r.initiative_id = ik.initiative_id
        join reporting_round rr on rr.id = r.round_id
        join kpi k on k.id = ik.kpi_id
        join kpi_value v on v.kpi_id = k.id and v.fiscal_year = rr.fiscal_year`.execute(db);
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable("round_kpi").ifExists().execute();
      if (dialect.name === "postgres") {
        for (const column of ["title", "description"])
          await sql.raw(`drop index if exists report_${column}_trgm_idx`).execute(db);
      } else {
        await createReportFts(db, ["activities", "committee_opinion", "next_year_goal"]);
      }
      for (const column of ["departments", "description", "title", "position", "policy_id"]) {
        await db.schema.alterTable("report").dropColumn(column).execute();
      }
    },
  };
}

const REPORT_SEARCHED = ["activities", "committee_opinion", "next_year_goal", "title", "description"];

async function searchRoundCopies(db: Kysely<unknown>, dialect: StoreDialect): Promise<void> {
  if (dialect.name === "postgres") {
    for (const column of ["title", "description"]) {
      await sql
        .raw(`create index report_${column}_trgm_idx on report using gin (${column} gin_trgm_ops)`)
        .execute(db);
    }
    return;
  }
  await createReportFts(db, REPORT_SEARCHED);
}

/** SQLite cannot add a column to an FTS5 table: report_fts and its triggers are made anew. */
async function createReportFts(db: Kysely<unknown>, columns: readonly string[]): Promise<void> {
  for (const trigger of ["insert", "delete", "update"])
    await sql.raw(`drop trigger if exists report_fts_${trigger}`).execute(db);
  await sql`drop table if exists report_fts`.execute(db);
  const list = columns.join(", ");
  const newValues = columns.map((c) => `new.${c}`).join(", ");
  const oldValues = columns.map((c) => `old.${c}`).join(", ");
  await sql
    .raw(
      `create virtual table report_fts using fts5(${list}, content='report', content_rowid='id', tokenize='trigram')`,
    )
    .execute(db);
  await sql
    .raw(`create trigger report_fts_insert after insert on report begin
      insert into report_fts(rowid, ${list}) values (new.id, ${newValues}); end`)
    .execute(db);
  await sql
    .raw(`create trigger report_fts_delete after delete on report begin
      insert into report_fts(report_fts, rowid, ${list}) values ('delete', old.id, ${oldValues}); end`)
    .execute(db);
  await sql
    .raw(`create trigger report_fts_update after update of ${list} on report begin
      insert into report_fts(report_fts, rowid, ${list}) values ('delete', old.id, ${oldValues});
      insert into report_fts(rowid, ${list}) values (new.id, ${newValues}); end`)
    .execute(db);
  await sql`insert into report_fts(report_fts) values ('rebuild')`.execute(db);
}
