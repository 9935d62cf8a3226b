import { type CreateTableBuilder, type Kysely, type Migration, sql } from "kysely";
import type { StoreDialect } from "../dialect.ts";

/**
 * Accounts, roles and sessions.
 *
 * - account and account_role are made anew (no released version wrote them): an account signs in
 *   with a login ID (職員番号 or e-mail, unique per organization, stored normalized), has an optional
 *   e-mail, a password hash (argon2id; NULL until the person sets one through a one-time URL), and
 *   can be disabled. account_role holds one row per role, one per department for the editor role.
 * - session: only the SHA-256 of the 256-bit token is stored; idle and absolute expiry are
 *   checked against last_seen_at and created_at.
 * - one_time_token: setup of the first secretariat, invitations and forced resets (single use,
 *   24 h); only the hash is stored.
 * - api_token: personal API tokens (only the hash), revocable by their owner.
 * - login_attempt: failed sign-ins by login ID and by address, for throttling.
 *
 * Never edit this file once it has landed: add a new migration instead.
 */
export function accountsMigration(dialect: StoreDialect): Migration {
  return {
    async up(db: Kysely<unknown>) {
      const { timestamp } = dialect.columnTypes;
      for (const table of ["account", "account_role"]) {
        const rows = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(table)}`.execute(
          db,
        );
        if (Number(rows.rows[0]?.n ?? 0) > 0) {
          throw new Error(`${table} has rows, which no released version wrote: refusing to rebuild it`);
        }
      }
      // audit_log points at account; PostgreSQL drops that key with the table and it is made again
      // below, SQLite keeps it by name and it binds to the new table.
      await sql`drop table account_role`.execute(db);
      if (dialect.name === "postgres") await sql`drop table account cascade`.execute(db);
      else await sql`drop table account`.execute(db);

      const tenantTable = (name: string) =>
        db.schema
          .createTable(name)
          .addColumn("id", "integer", (c) => dialect.idColumn(c))
          .addColumn("organization_id", "integer", (c) =>
            c.notNull().references("organization.id").onDelete("cascade"),
          );
      const childOfAccount = <T extends string, C extends string>(
        table: CreateTableBuilder<T, C>,
        name: string,
      ) =>
        table.addForeignKeyConstraint(
          `${name}_account_id_fk`,
          ["organization_id", "account_id"] as C[],
          "account",
          ["organization_id", "id"],
          (fk) => fk.onDelete("cascade"),
        );

      await tenantTable("account")
        .addColumn("login_id", "text", (c) => c.notNull())
        .addColumn("display_name", "text", (c) => c.notNull())
        .addColumn("email", "text")
        .addColumn("password_hash", "text")
        .addColumn("password_changed_at", timestamp)
        .addColumn("disabled_at", timestamp)
        .addColumn("created_at", timestamp, (c) => c.notNull().defaultTo(dialect.nowDefault))
        .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
        .addUniqueConstraint("account_login_key", ["organization_id", "login_id"])
        .addUniqueConstraint("account_tenant_key", ["organization_id", "id"])
        .execute();

      await childOfAccount(
        tenantTable("account_role")
          .addColumn("account_id", "integer", (c) => c.notNull())
          .addColumn("role", "text", (c) => c.notNull())
          .addColumn("department_id", "integer")
          .addForeignKeyConstraint(
            "account_role_department_id_fk",
            ["organization_id", "department_id"],
            "department",
            ["organization_id", "id"],
            (fk) => fk.onDelete("cascade"),
          ),
        "account_role",
      ).execute();
      await db.schema
        .createIndex("account_role_account_idx")
        .on("account_role")
        .column("account_id")
        .execute();

      if (dialect.name === "postgres") {
        await sql`alter table audit_log add constraint audit_log_actor_account_id_fk
          foreign key (organization_id, actor_account_id) references account (organization_id, id)`.execute(
          db,
        );
      }

      await childOfAccount(
        tenantTable("session")
          .addColumn("account_id", "integer", (c) => c.notNull())
          .addColumn("token_hash", "text", (c) => c.notNull().unique())
          .addColumn("created_at", timestamp, (c) => c.notNull())
          .addColumn("last_seen_at", timestamp, (c) => c.notNull())
          .addColumn("address", "text")
          .addColumn("user_agent", "text"),
        "session",
      ).execute();
      await db.schema.createIndex("session_account_idx").on("session").column("account_id").execute();

      await tenantTable("one_time_token")
        .addColumn("account_id", "integer")
        .addColumn("purpose", "text", (c) => c.notNull())
        .addColumn("token_hash", "text", (c) => c.notNull().unique())
        .addColumn("created_at", timestamp, (c) => c.notNull())
        .addColumn("expires_at", timestamp, (c) => c.notNull())
        .addColumn("used_at", timestamp)
        .addForeignKeyConstraint(
          "one_time_token_account_id_fk",
          ["organization_id", "account_id"],
          "account",
          ["organization_id", "id"],
          (fk) => fk.onDelete("cascade"),
        )
        .execute();

      await childOfAccount(
        tenantTable("api_token")
          .addColumn("account_id", "integer", (c) => c.notNull())
          .addColumn("name", "text", (c) => c.notNull())
          .addColumn("token_hash", "text", (c) => c.notNull().unique())
          .addColumn("created_at", timestamp, (c) => c.notNull())
          .addColumn("last_used_at", timestamp)
          .addColumn("revoked_at", timestamp),
        "api_token",
      ).execute();
      await db.schema.createIndex("api_token_account_idx").on("api_token").column("account_id").execute();

      await db.schema
        .createTable("login_attempt")
        .addColumn("id", "integer", (c) => dialect.idColumn(c))
        .addColumn("organization_id", "integer", (c) =>
          c.notNull().references("organization.id").onDelete("cascade"),
        )
        .addColumn("login_id", "text", (c) => c.notNull())
        .addColumn("address", "text", (c) => c.notNull())
        .addColumn("at", timestamp, (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex("login_attempt_login_idx")
        .on("login_attempt")
        .columns(["organization_id", "login_id", "at"])
        .execute();
      await db.schema
        .createIndex("login_attempt_address_idx")
        .on("login_attempt")
        .columns(["address", "at"])
        .execute();
    },

    /** Back to the account tables of 2026_11_25_001 (accounts, sessions and tokens are lost). */
    async down(db: Kysely<unknown>) {
      const { timestamp } = dialect.columnTypes;
      for (const table of ["login_attempt", "api_token", "one_time_token", "session", "account_role"])
        await db.schema.dropTable(table).execute();
      if (dialect.name === "postgres") await sql`drop table account cascade`.execute(db);
      else await sql`drop table account`.execute(db);
      await db.schema
        .createTable("account")
        .addColumn("id", "integer", (c) => dialect.idColumn(c))
        .addColumn("organization_id", "integer", (c) =>
          c.notNull().references("organization.id").onDelete("cascade"),
        )
        .addColumn("email", "text", (c) => c.notNull())
        .addColumn("display_name", "text", (c) => c.notNull())
        .addColumn("password_hash", "text", (c) => c.notNull())
        .addColumn("created_at", timestamp, (c) => c.notNull().defaultTo(dialect.nowDefault))
        .addUniqueConstraint("account_email_key", ["organization_id", "email"])
        .addUniqueConstraint("account_tenant_key", ["organization_id", "id"])
        .execute();
      await db.schema
        .createTable("account_role")
        .addColumn("id", "integer", (c) => dialect.idColumn(c))
        .addColumn("organization_id", "integer", (c) =>
          c.notNull().references("organization.id").onDelete("cascade"),
        )
        .addColumn("account_id", "integer", (c) => c.notNull())
        .addColumn("role", "text", (c) => c.notNull())
        .addColumn("department_id", "integer")
        .addForeignKeyConstraint(
          "account_role_account_id_fk",
          ["organization_id", "account_id"],
          "account",
          ["organization_id", "id"],
          (fk) => fk.onDelete("cascade"),
        )
        .addForeignKeyConstraint(
          "account_role_department_id_fk",
          ["organization_id", "department_id"],
          "department",
          ["organization_id", "id"],
          (fk) => fk.onDelete("cascade"),
        )
        .execute();
      await db.schema
        .createIndex("account_role_account_idx")
        .on("account_role")
        .column("account_id")
        .execute();
      if (dialect.name === "postgres") {
        await sql`alter table audit_log add constraint audit_log_actor_account_id_fk
          foreign key (organization_id, actor_account_id) references account (organization_id, id)`.execute(
          db,
        );
      }
    },
  };
}
