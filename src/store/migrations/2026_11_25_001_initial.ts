import { type CreateTableBuilder, type Kysely, type Migration, sql } from "kysely";
import type { StoreDialect } from "../dialect.ts";

/**
 * The first schema: plans as imported from progress tables, plus the tables that later features need
 * (accounts, roles, audit log, publications) so that they arrive without rewriting tables — SQLite
 * can only add columns, anything else is a table rebuild.
 *
 * Every table carries organization_id (the tenant), and children point at their parents through
 * (organization_id, id) pairs, so a row can never hang under another organization's parent.
 *
 * Never edit this file once it has landed: add a new migration instead.
 */
export function initialMigration(dialect: StoreDialect): Migration {
  return {
    async up(db: Kysely<unknown>) {
      const { json, date, timestamp } = dialect.columnTypes;

      const tenantTable = (name: string) =>
        db.schema
          .createTable(name)
          .addColumn("id", "integer", (c) => dialect.idColumn(c))
          .addColumn("organization_id", "integer", (c) =>
            c.notNull().references("organization.id").onDelete("cascade"),
          );
      /** A unique (organization_id, id) pair, the target of the children's tenant-checked keys. */
      const tenantKey = <T extends string, C extends string>(table: CreateTableBuilder<T, C>, name: string) =>
        table.addUniqueConstraint(`${name}_tenant_key`, ["organization_id", "id"] as C[]);
      const childOf = <T extends string, C extends string>(
        table: CreateTableBuilder<T, C>,
        name: string,
        column: string,
        parent: string,
      ) =>
        table.addForeignKeyConstraint(
          `${name}_${column}_fk`,
          ["organization_id", column] as C[],
          parent,
          ["organization_id", "id"],
          (fk) => fk.onDelete("cascade"),
        );
      const version = <T extends string, C extends string>(table: CreateTableBuilder<T, C>) =>
        table.addColumn("version", "integer", (c) => c.notNull().defaultTo(1));

      await db.schema
        .createTable("organization")
        .addColumn("id", "integer", (c) => dialect.idColumn(c))
        .addColumn("slug", "text", (c) => c.notNull().unique())
        .addColumn("name", "text", (c) => c.notNull())
        .addColumn("created_at", timestamp, (c) => c.notNull().defaultTo(dialect.nowDefault))
        .execute();

      await version(
        tenantKey(
          tenantTable("plan")
            .addColumn("title", "text", (c) => c.notNull())
            .addColumn("start_fiscal_year", "integer", (c) => c.notNull())
            .addColumn("end_fiscal_year", "integer", (c) => c.notNull())
            .addColumn("baseline_fiscal_year", "integer")
            .addUniqueConstraint("plan_identity_key", [
              "organization_id",
              "title",
              "start_fiscal_year",
              "end_fiscal_year",
            ]),
          "plan",
        ),
      ).execute();

      await version(
        childOf(
          tenantKey(
            tenantTable("policy")
              .addColumn("plan_id", "integer", (c) => c.notNull())
              .addColumn("position", "integer", (c) => c.notNull())
              .addColumn("code", "text", (c) => c.notNull())
              .addColumn("title", "text", (c) => c.notNull()),
            "policy",
          ),
          "policy",
          "plan_id",
          "plan",
        ),
      ).execute();
      await db.schema.createIndex("policy_plan_idx").on("policy").column("plan_id").execute();

      await version(
        childOf(
          childOf(
            tenantKey(
              tenantTable("initiative")
                .addColumn("plan_id", "integer", (c) => c.notNull())
                .addColumn("policy_id", "integer", (c) => c.notNull())
                .addColumn("number", "integer", (c) => c.notNull())
                .addColumn("title", "text", (c) => c.notNull())
                .addColumn("description", "text", (c) => c.notNull())
                .addUniqueConstraint("initiative_number_key", ["plan_id", "number"]),
              "initiative",
            ),
            "initiative",
            "plan_id",
            "plan",
          ),
          "initiative",
          "policy_id",
          "policy",
        ),
      ).execute();
      await db.schema.createIndex("initiative_policy_idx").on("initiative").column("policy_id").execute();

      await tenantKey(
        tenantTable("department")
          .addColumn("name", "text", (c) => c.notNull())
          .addUniqueConstraint("department_name_key", ["organization_id", "name"]),
        "department",
      ).execute();

      await childOf(
        childOf(
          db.schema
            .createTable("initiative_department")
            .addColumn("organization_id", "integer", (c) =>
              c.notNull().references("organization.id").onDelete("cascade"),
            )
            .addColumn("initiative_id", "integer", (c) => c.notNull())
            .addColumn("department_id", "integer", (c) => c.notNull())
            .addColumn("position", "integer", (c) => c.notNull())
            .addColumn("lead", "boolean", (c) => c.notNull())
            .addPrimaryKeyConstraint("initiative_department_pk", ["initiative_id", "position"]),
          "initiative_department",
          "initiative_id",
          "initiative",
        ),
        "initiative_department",
        "department_id",
        "department",
      ).execute();
      await db.schema
        .createIndex("initiative_department_department_idx")
        .on("initiative_department")
        .column("department_id")
        .execute();

      await version(
        childOf(
          tenantKey(
            tenantTable("kpi")
              .addColumn("plan_id", "integer", (c) => c.notNull())
              .addColumn("name", "text", (c) => c.notNull())
              .addColumn("baseline_text", "text", (c) => c.notNull())
              .addColumn("baseline", json, (c) => c.notNull())
              .addColumn("baseline_numeric", "double precision")
              .addColumn("target_text", "text", (c) => c.notNull())
              .addColumn("target", json, (c) => c.notNull())
              .addColumn("target_numeric", "double precision"),
            "kpi",
          ),
          "kpi",
          "plan_id",
          "plan",
        ),
      ).execute();
      await db.schema.createIndex("kpi_plan_idx").on("kpi").column("plan_id").execute();

      await childOf(
        childOf(
          db.schema
            .createTable("initiative_kpi")
            .addColumn("organization_id", "integer", (c) =>
              c.notNull().references("organization.id").onDelete("cascade"),
            )
            .addColumn("initiative_id", "integer", (c) => c.notNull())
            .addColumn("kpi_id", "integer", (c) => c.notNull())
            .addColumn("position", "integer", (c) => c.notNull())
            .addColumn("label", "text", (c) => c.notNull())
            .addColumn("relisted", "boolean", (c) => c.notNull())
            .addPrimaryKeyConstraint("initiative_kpi_pk", ["initiative_id", "kpi_id"]),
          "initiative_kpi",
          "initiative_id",
          "initiative",
        ),
        "initiative_kpi",
        "kpi_id",
        "kpi",
      ).execute();
      await db.schema.createIndex("initiative_kpi_kpi_idx").on("initiative_kpi").column("kpi_id").execute();

      await version(
        childOf(
          tenantKey(
            tenantTable("reporting_round")
              .addColumn("plan_id", "integer", (c) => c.notNull())
              .addColumn("fiscal_year", "integer", (c) => c.notNull())
              .addColumn("as_of", date, (c) => c.notNull())
              .addColumn("title", "text")
              .addColumn("declared_a", "integer")
              .addColumn("declared_b", "integer")
              .addColumn("declared_c", "integer")
              .addColumn("declared_d", "integer")
              .addColumn("source_organization_name", "text")
              .addUniqueConstraint("reporting_round_fiscal_year_key", ["plan_id", "fiscal_year"]),
            "reporting_round",
          ),
          "reporting_round",
          "plan_id",
          "plan",
        ),
      ).execute();

      await version(
        childOf(
          childOf(
            tenantTable("kpi_value")
              .addColumn("kpi_id", "integer", (c) => c.notNull())
              .addColumn("round_id", "integer", (c) => c.notNull())
              .addColumn("fiscal_year", "integer", (c) => c.notNull())
              .addColumn("text", "text", (c) => c.notNull())
              .addColumn("kind", "text", (c) => c.notNull())
              .addColumn("parsed", json, (c) => c.notNull())
              .addColumn("numeric_value", "double precision")
              .addUniqueConstraint("kpi_value_fiscal_year_key", ["kpi_id", "fiscal_year"]),
            "kpi_value",
            "kpi_id",
            "kpi",
          ),
          "kpi_value",
          "round_id",
          "reporting_round",
        ),
      ).execute();
      await db.schema.createIndex("kpi_value_round_idx").on("kpi_value").column("round_id").execute();

      await version(
        childOf(
          childOf(
            tenantTable("report")
              .addColumn("initiative_id", "integer", (c) => c.notNull())
              .addColumn("round_id", "integer", (c) => c.notNull())
              .addColumn("activities", "text", (c) => c.notNull())
              .addColumn("grade", "text", (c) => c.check(sql`grade in ('A', 'B', 'C', 'D')`))
              .addColumn("committee_opinion", "text", (c) => c.notNull())
              .addColumn("next_year_goal", "text", (c) => c.notNull())
              .addUniqueConstraint("report_round_key", ["initiative_id", "round_id"]),
            "report",
            "initiative_id",
            "initiative",
          ),
          "report",
          "round_id",
          "reporting_round",
        ),
      ).execute();
      await db.schema.createIndex("report_round_idx").on("report").column("round_id").execute();

      await tenantKey(
        tenantTable("account")
          .addColumn("email", "text", (c) => c.notNull())
          .addColumn("display_name", "text", (c) => c.notNull())
          .addColumn("password_hash", "text", (c) => c.notNull())
          .addColumn("created_at", timestamp, (c) => c.notNull().defaultTo(dialect.nowDefault))
          .addUniqueConstraint("account_email_key", ["organization_id", "email"]),
        "account",
      ).execute();

      // Roles are checked by the application, not by a CHECK constraint: adding a role must not
      // need a table rebuild on SQLite.
      await childOf(
        childOf(
          tenantTable("account_role")
            .addColumn("account_id", "integer", (c) => c.notNull())
            .addColumn("role", "text", (c) => c.notNull())
            .addColumn("department_id", "integer"),
          "account_role",
          "account_id",
          "account",
        ),
        "account_role",
        "department_id",
        "department",
      ).execute();
      await db.schema
        .createIndex("account_role_account_idx")
        .on("account_role")
        .column("account_id")
        .execute();

      // The audit log outlives what it describes: no cascades into it, and no updates or deletes.
      await db.schema
        .createTable("audit_log")
        .addColumn("id", "integer", (c) => dialect.idColumn(c))
        .addColumn("organization_id", "integer", (c) => c.notNull().references("organization.id"))
        .addColumn("at", timestamp, (c) => c.notNull().defaultTo(dialect.nowDefault))
        .addColumn("actor_account_id", "integer")
        .addColumn("action", "text", (c) => c.notNull())
        .addColumn("entity", "text", (c) => c.notNull())
        .addColumn("entity_id", "integer")
        .addColumn("before", json)
        .addColumn("after", json)
        .addForeignKeyConstraint(
          "audit_log_actor_account_id_fk",
          ["organization_id", "actor_account_id"],
          "account",
          ["organization_id", "id"],
        )
        .execute();
      await db.schema
        .createIndex("audit_log_organization_at_idx")
        .on("audit_log")
        .columns(["organization_id", "at"])
        .execute();

      await childOf(
        tenantTable("publication")
          .addColumn("round_id", "integer", (c) => c.notNull())
          .addColumn("published_at", timestamp, (c) => c.notNull().defaultTo(dialect.nowDefault))
          .addColumn("document", json, (c) => c.notNull()),
        "publication",
        "round_id",
        "reporting_round",
      ).execute();
      await db.schema.createIndex("publication_round_idx").on("publication").column("round_id").execute();

      switch (dialect.name) {
        case "sqlite":
          await createSqliteSearch(db);
          await sql`create trigger audit_log_no_update before update on audit_log
            begin select raise(abort, 'audit_log is append-only'); end`.execute(db);
          await sql`create trigger audit_log_no_delete before delete on audit_log
            begin select raise(abort, 'audit_log is append-only'); end`.execute(db);
          break;
        case "postgres":
          await createPostgresSearch(db);
          await sql`create function audit_log_append_only() returns trigger language plpgsql as $$
            begin raise exception 'audit_log is append-only'; end $$`.execute(db);
          await sql`create trigger audit_log_append_only before update or delete on audit_log
            for each statement execute function audit_log_append_only()`.execute(db);
          break;
      }
    },

    async down(db: Kysely<unknown>) {
      if (dialect.name === "sqlite") {
        for (const table of SEARCHED_TABLES)
          await sql`drop table if exists ${sql.table(`${table}_fts`)}`.execute(db);
      }
      for (const table of [
        "publication",
        "audit_log",
        "account_role",
        "account",
        "report",
        "kpi_value",
        "reporting_round",
        "initiative_kpi",
        "kpi",
        "initiative_department",
        "department",
        "initiative",
        "policy",
        "plan",
        "organization",
      ]) {
        await db.schema.dropTable(table).ifExists().execute();
      }
      if (dialect.name === "postgres") await sql`drop function if exists audit_log_append_only()`.execute(db);
    },
  };
}

/** The texts searched by searchInitiatives, per table. */
const SEARCHED_COLUMNS = {
  initiative: ["title", "description"],
  report: ["activities", "committee_opinion", "next_year_goal"],
  kpi: ["name"],
} as const;
const SEARCHED_TABLES = Object.keys(SEARCHED_COLUMNS) as (keyof typeof SEARCHED_COLUMNS)[];

/** External-content FTS5 tables (no copy of the text) kept in step with their tables by triggers. */
async function createSqliteSearch(db: Kysely<unknown>): Promise<void> {
  for (const table of SEARCHED_TABLES) {
    const columns = SEARCHED_COLUMNS[table];
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
  }
}

/** pg_trgm GIN indexes answer ILIKE '%term%' for terms of three characters or more. */
async function createPostgresSearch(db: Kysely<unknown>): Promise<void> {
  await sql`create extension if not exists pg_trgm`.execute(db);
  for (const table of SEARCHED_TABLES) {
    for (const column of SEARCHED_COLUMNS[table]) {
      await sql
        .raw(`create index ${table}_${column}_trgm_idx on ${table} using gin (${column} gin_trgm_ops)`)
        .execute(db);
    }
  }
}
