import { type Kysely, type Migration, sql } from "kysely";
import type { StoreDialect } from "../dialect.ts";

/**
 * The yearly round in the browser.
 *
 * - reporting_round.entry_deadline: the date departments are asked to submit by.
 * - report: the department's own view of progress (self_grade, self_grade_reason: shown to the
 *   committee, never published), and when and by whom it was last submitted.
 * - report_comment: the short thread between the secretariat and the department on one report
 *   (returns carry their comment here too).
 * - notification: in-app notices of one account (returned, submitted, accepted, round opened,
 *   deadline near), read or not.
 *
 * Never edit this file once it has landed: add a new migration instead.
 */
export function roundWorkflowMigration(dialect: StoreDialect): Migration {
  return {
    async up(db: Kysely<unknown>) {
      const { date, timestamp, json } = dialect.columnTypes;
      await db.schema.alterTable("reporting_round").addColumn("entry_deadline", date).execute();
      await db.schema.alterTable("report").addColumn("self_grade", "text").execute();
      await db.schema
        .alterTable("report")
        .addColumn("self_grade_reason", "text", (c) => c.notNull().defaultTo(""))
        .execute();
      await db.schema.alterTable("report").addColumn("submitted_at", timestamp).execute();
      await db.schema.alterTable("report").addColumn("submitted_by_account_id", "integer").execute();

      // report has no (organization_id, id) key yet: the comments' tenant-checked key needs one.
      if (dialect.name === "postgres") {
        await sql`alter table report add constraint report_tenant_key unique (organization_id, id)`.execute(
          db,
        );
      } else {
        await sql`create unique index report_tenant_key on report (organization_id, id)`.execute(db);
      }

      await db.schema
        .createTable("report_comment")
        .addColumn("id", "integer", (c) => dialect.idColumn(c))
        .addColumn("organization_id", "integer", (c) =>
          c.notNull().references("organization.id").onDelete("cascade"),
        )
        .addColumn("report_id", "integer", (c) => c.notNull())
        .addColumn("account_id", "integer")
        .addColumn("author_name", "text", (c) => c.notNull())
        .addColumn("kind", "text", (c) => c.notNull())
        .addColumn("body", "text", (c) => c.notNull())
        .addColumn("created_at", timestamp, (c) => c.notNull().defaultTo(dialect.nowDefault))
        .addForeignKeyConstraint(
          "report_comment_report_id_fk",
          ["organization_id", "report_id"],
          "report",
          ["organization_id", "id"],
          (fk) => fk.onDelete("cascade"),
        )
        .execute();
      await db.schema
        .createIndex("report_comment_report_idx")
        .on("report_comment")
        .column("report_id")
        .execute();

      await db.schema
        .createTable("notification")
        .addColumn("id", "integer", (c) => dialect.idColumn(c))
        .addColumn("organization_id", "integer", (c) =>
          c.notNull().references("organization.id").onDelete("cascade"),
        )
        .addColumn("account_id", "integer", (c) => c.notNull())
        .addColumn("kind", "text", (c) => c.notNull())
        .addColumn("round_id", "integer")
        .addColumn("report_id", "integer")
        .addColumn("params", json, (c) => c.notNull())
        .addColumn("created_at", timestamp, (c) => c.notNull().defaultTo(dialect.nowDefault))
        .addColumn("read_at", timestamp)
        .addForeignKeyConstraint(
          "notification_account_id_fk",
          ["organization_id", "account_id"],
          "account",
          ["organization_id", "id"],
          (fk) => fk.onDelete("cascade"),
        )
        .execute();
      await db.schema
        .createIndex("notification_account_idx")
        .on("notification")
        .columns(["account_id", "created_at"])
        .execute();
    },

    async down(db: Kysely<unknown>) {
      await db.schema.dropTable("notification").execute();
      await db.schema.dropTable("report_comment").execute();
      if (dialect.name === "postgres")
        await sql`alter table report drop constraint report_tenant_key`.execute(db);
      else await sql`drop index report_tenant_key`.execute(db);
      for (const column of ["submitted_by_account_id", "submitted_at", "self_grade_reason", "self_grade"])
        await db.schema.alterTable("report").dropColumn(column).execute();
      await db.schema.alterTable("reporting_round").dropColumn("entry_deadline").execute();
    },
  };
}
