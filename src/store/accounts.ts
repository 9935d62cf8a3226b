import { sql } from "kysely";
import { isRoleName, type RoleName } from "../domain/permissions.ts";
import { storeErrors } from "./messages.ts";
import { isoTimestamp, type Scope, writerOf } from "./scope.ts";
import {
  type AccountChanges,
  type AccountRecord,
  type AccountWrites,
  ConflictError,
  type NewAccount,
  StoreError,
} from "./types.ts";

const COLUMNS = [
  "account.id",
  "account.organization_id",
  "account.login_id",
  "account.display_name",
  "account.email",
  "account.password_hash",
  "account.password_changed_at",
  "account.disabled_at",
  "account.created_at",
  "account.version",
] as const;

type AccountRow = {
  id: number;
  organization_id: number;
  login_id: string;
  display_name: string;
  email: string | null;
  password_hash: string | null;
  password_changed_at: Date | string | null;
  disabled_at: Date | string | null;
  created_at: Date | string;
  version: number;
};

/**
 * 利用者: accounts of an organization with their roles. The password hash never leaves the store
 * except through `credentials()`, which the sign-in asks for and nothing else.
 */
export class Accounts implements AccountWrites {
  constructor(private readonly scope: Scope) {}

  private async withRoles(rows: AccountRow[]): Promise<AccountRecord[]> {
    if (rows.length === 0) return [];
    const roles = await this.scope.db
      .selectFrom("account_role")
      .select(["account_id", "role", "department_id"])
      .where(
        "account_id",
        "in",
        rows.map((r) => r.id),
      )
      .orderBy("id")
      .execute();
    return rows.map((row) => {
      const own = roles.filter((r) => r.account_id === row.id);
      return accountRecord(row, own);
    });
  }

  async list(organizationId: number): Promise<AccountRecord[]> {
    const rows = await this.scope.db
      .selectFrom("account")
      .select(COLUMNS)
      .where("organization_id", "=", organizationId)
      .orderBy("login_id")
      .execute();
    return this.withRoles(rows);
  }

  async find(organizationId: number, id: number): Promise<AccountRecord | undefined> {
    const row = await this.scope.db
      .selectFrom("account")
      .select(COLUMNS)
      .where("organization_id", "=", organizationId)
      .where("id", "=", id)
      .executeTakeFirst();
    return row ? (await this.withRoles([row]))[0] : undefined;
  }

  async findByLogin(organizationId: number, loginId: string): Promise<AccountRecord | undefined> {
    const row = await this.scope.db
      .selectFrom("account")
      .select(COLUMNS)
      .where("organization_id", "=", organizationId)
      .where("login_id", "=", loginId)
      .executeTakeFirst();
    return row ? (await this.withRoles([row]))[0] : undefined;
  }

  async credentials(
    organizationId: number,
    loginId: string,
  ): Promise<{ account: AccountRecord; passwordHash: string | null } | undefined> {
    const row = await this.scope.db
      .selectFrom("account")
      .select(COLUMNS)
      .where("organization_id", "=", organizationId)
      .where("login_id", "=", loginId)
      .executeTakeFirst();
    if (!row) return undefined;
    const [account] = await this.withRoles([row]);
    return account && { account, passwordHash: row.password_hash };
  }

  async hasActiveSecretariat(organizationId: number): Promise<boolean> {
    const row = await this.scope.db
      .selectFrom("account_role")
      .innerJoin("account", "account.id", "account_role.account_id")
      .select("account.id")
      .where("account.organization_id", "=", organizationId)
      .where("account_role.role", "=", "secretariat")
      .where("account.disabled_at", "is", null)
      .limit(1)
      .executeTakeFirst();
    return row !== undefined;
  }

  /**
   * When each account of the organization last signed in (ISO timestamp), from the audit log's
   * session.create entries: sessions themselves are deleted when they end. Accounts that never
   * signed in are absent.
   */
  async lastSignIns(organizationId: number): Promise<Map<number, string>> {
    const rows = await this.scope.db
      .selectFrom("audit_log")
      .select((eb) => ["entity_id", eb.fn.max("at").as("at")])
      .where("organization_id", "=", organizationId)
      .where("action", "=", "session.create")
      .where("entity", "=", "account")
      .groupBy("entity_id")
      .execute();
    const last = new Map<number, string>();
    for (const row of rows) {
      if (row.entity_id !== null && row.at !== null) last.set(row.entity_id, isoTimestamp(row.at));
    }
    return last;
  }

  async create(input: NewAccount): Promise<AccountRecord> {
    const writer = writerOf(this.scope);
    const { db } = this.scope;
    if (await this.findByLogin(input.organizationId, input.loginId)) {
      throw new StoreError("account.exists", storeErrors.accountExists(input.loginId));
    }
    const { id } = await db
      .insertInto("account")
      .values({
        organization_id: input.organizationId,
        login_id: input.loginId,
        display_name: input.displayName,
        email: input.email,
        password_hash: input.passwordHash ?? null,
        password_changed_at: input.passwordHash ? sql<string>`${this.scope.dialect.nowDefault}` : null,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await this.replaceRoles(input.organizationId, id, input.roles, input.departmentIds);
    const account = await this.find(input.organizationId, id);
    if (!account) throw storeErrors.notFound("利用者");
    await writer.audit({
      organizationId: input.organizationId,
      action: "account.create",
      entity: "account",
      entityId: id,
      after: auditView(account),
    });
    return account;
  }

  async update(
    organizationId: number,
    id: number,
    expectedVersion: number,
    changes: AccountChanges,
  ): Promise<AccountRecord> {
    const writer = writerOf(this.scope);
    const before = await this.find(organizationId, id);
    if (!before) throw storeErrors.notFound("利用者");
    if (before.version !== expectedVersion)
      throw new ConflictError(storeErrors.conflict("この利用者"), before);
    const updated = await this.scope.db
      .updateTable("account")
      .set({
        ...(changes.displayName !== undefined ? { display_name: changes.displayName } : {}),
        ...(changes.email !== undefined ? { email: changes.email } : {}),
        version: sql`version + 1`,
      })
      .where("id", "=", id)
      .where("version", "=", expectedVersion)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0)
      throw new ConflictError(storeErrors.conflict("この利用者"), before);
    if (changes.roles !== undefined || changes.departmentIds !== undefined) {
      await this.replaceRoles(
        organizationId,
        id,
        changes.roles ?? before.roles,
        changes.departmentIds ?? before.departmentIds,
      );
    }
    const after = await this.find(organizationId, id);
    if (!after) throw storeErrors.notFound("利用者");
    await writer.audit({
      organizationId,
      action: "account.update",
      entity: "account",
      entityId: id,
      before: auditView(before),
      after: auditView(after),
    });
    return after;
  }

  /** A new password hash; null makes the current password stop working (a forced reset). */
  async setPassword(organizationId: number, id: number, passwordHash: string | null): Promise<void> {
    const writer = writerOf(this.scope);
    const updated = await this.scope.db
      .updateTable("account")
      .set({
        password_hash: passwordHash,
        password_changed_at: passwordHash === null ? null : sql<string>`${this.scope.dialect.nowDefault}`,
        version: sql`version + 1`,
      })
      .where("organization_id", "=", organizationId)
      .where("id", "=", id)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) throw storeErrors.notFound("利用者");
    // What changed, never the hash.
    await writer.audit({
      organizationId,
      action: passwordHash === null ? "account.password-reset" : "account.password",
      entity: "account",
      entityId: id,
    });
  }

  async setDisabled(organizationId: number, id: number, disabled: boolean): Promise<AccountRecord> {
    const writer = writerOf(this.scope);
    const before = await this.find(organizationId, id);
    if (!before) throw storeErrors.notFound("利用者");
    await this.scope.db
      .updateTable("account")
      .set({
        disabled_at: disabled ? sql<string>`${this.scope.dialect.nowDefault}` : null,
        version: sql`version + 1`,
      })
      .where("id", "=", id)
      .execute();
    const after = await this.find(organizationId, id);
    if (!after) throw storeErrors.notFound("利用者");
    await writer.audit({
      organizationId,
      action: disabled ? "account.disable" : "account.enable",
      entity: "account",
      entityId: id,
      before: { disabled: before.disabled },
      after: { disabled: after.disabled },
    });
    return after;
  }

  private async replaceRoles(
    organizationId: number,
    accountId: number,
    roles: readonly RoleName[],
    departmentIds: readonly number[],
  ): Promise<void> {
    const { db } = this.scope;
    await db.deleteFrom("account_role").where("account_id", "=", accountId).execute();
    type Row = { organization_id: number; account_id: number; role: string; department_id: number | null };
    const rows = [...new Set(roles)].flatMap((role): Row[] =>
      role === "editor"
        ? [...new Set(departmentIds)].map((department_id) => ({
            organization_id: organizationId,
            account_id: accountId,
            role,
            department_id,
          }))
        : [{ organization_id: organizationId, account_id: accountId, role, department_id: null }],
    );
    if (rows.length > 0) await db.insertInto("account_role").values(rows).execute();
  }
}

function accountRecord(
  row: AccountRow,
  roles: { role: string; department_id: number | null }[],
): AccountRecord {
  const names = [...new Set(roles.map((r) => r.role).filter(isRoleName))];
  return {
    id: row.id,
    organizationId: row.organization_id,
    loginId: row.login_id,
    displayName: row.display_name,
    email: row.email,
    hasPassword: row.password_hash !== null,
    passwordChangedAt: row.password_changed_at === null ? null : isoTimestamp(row.password_changed_at),
    disabled: row.disabled_at !== null,
    createdAt: isoTimestamp(row.created_at),
    version: row.version,
    roles: names,
    departmentIds: roles
      .filter((r) => r.role === "editor" && r.department_id !== null)
      .map((r) => r.department_id as number),
  };
}

/** What the audit log keeps of an account: who it is and what it may do, never a secret. */
function auditView(account: AccountRecord) {
  return {
    loginId: account.loginId,
    displayName: account.displayName,
    email: account.email,
    roles: account.roles,
    departmentIds: account.departmentIds,
    disabled: account.disabled,
  };
}
