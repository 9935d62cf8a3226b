import { isRoleName } from "../domain/permissions.ts";
import { isoTimestamp, type Scope, writerOf } from "./scope.ts";
import type {
  ApiTokenRecord,
  OneTimePurpose,
  OneTimeTokenRecord,
  SignedInAccount,
  TokenWrites,
} from "./types.ts";

/**
 * One-time tokens (setup of the first secretariat, invitations, forced resets) and personal API
 * tokens. Only hashes are stored: a token is shown once, to the person it is for.
 */
export class Tokens implements TokenWrites {
  constructor(private readonly scope: Scope) {}

  async findOneTime(tokenHash: string): Promise<OneTimeTokenRecord | undefined> {
    const row = await this.scope.db
      .selectFrom("one_time_token")
      .select(["id", "organization_id", "account_id", "purpose", "created_at", "expires_at", "used_at"])
      .where("token_hash", "=", tokenHash)
      .executeTakeFirst();
    if (!row) return undefined;
    return {
      id: row.id,
      organizationId: row.organization_id,
      accountId: row.account_id,
      purpose: row.purpose as OneTimePurpose,
      createdAt: isoTimestamp(row.created_at),
      expiresAt: isoTimestamp(row.expires_at),
      used: row.used_at !== null,
    };
  }

  async createOneTime(input: {
    organizationId: number;
    accountId: number | null;
    purpose: OneTimePurpose;
    tokenHash: string;
    now: Date;
    expiresAt: Date;
  }): Promise<number> {
    const writer = writerOf(this.scope);
    const { db } = this.scope;
    // A new URL replaces the ones made before for the same purpose: only the latest one works.
    await db
      .updateTable("one_time_token")
      .set({ used_at: input.now.toISOString() })
      .where("organization_id", "=", input.organizationId)
      .where("purpose", "=", input.purpose)
      .where("used_at", "is", null)
      .where((eb) =>
        input.accountId === null ? eb("account_id", "is", null) : eb("account_id", "=", input.accountId),
      )
      .execute();
    const { id } = await db
      .insertInto("one_time_token")
      .values({
        organization_id: input.organizationId,
        account_id: input.accountId,
        purpose: input.purpose,
        token_hash: input.tokenHash,
        created_at: input.now.toISOString(),
        expires_at: input.expiresAt.toISOString(),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await writer.audit({
      organizationId: input.organizationId,
      action: `token.${input.purpose}`,
      entity: "account",
      entityId: input.accountId,
      after: { expiresAt: input.expiresAt.toISOString() },
    });
    return id;
  }

  /** Marks the token used; false when it was used (or replaced) already, by a request in between. */
  async useOneTime(id: number, now: Date): Promise<boolean> {
    writerOf(this.scope);
    const result = await this.scope.db
      .updateTable("one_time_token")
      .set({ used_at: now.toISOString() })
      .where("id", "=", id)
      .where("used_at", "is", null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async listApiTokens(accountId: number): Promise<ApiTokenRecord[]> {
    const rows = await this.scope.db
      .selectFrom("api_token")
      .select(["id", "organization_id", "account_id", "name", "created_at", "last_used_at", "revoked_at"])
      .where("account_id", "=", accountId)
      .orderBy("id", "desc")
      .execute();
    return rows.map((row) => ({
      id: row.id,
      organizationId: row.organization_id,
      accountId: row.account_id,
      name: row.name,
      createdAt: isoTimestamp(row.created_at),
      lastUsedAt: row.last_used_at === null ? null : isoTimestamp(row.last_used_at),
      revoked: row.revoked_at !== null,
    }));
  }

  /** The active token's account and roles, in one query. */
  async findApiToken(tokenHash: string): Promise<{ tokenId: number; account: SignedInAccount } | undefined> {
    const rows = await this.scope.db
      .selectFrom("api_token")
      .innerJoin("account", "account.id", "api_token.account_id")
      .leftJoin("account_role", "account_role.account_id", "account.id")
      .select([
        "api_token.id",
        "api_token.organization_id",
        "api_token.account_id",
        "account.login_id",
        "account.display_name",
        "account.disabled_at",
        "account_role.role",
        "account_role.department_id",
      ])
      .where("api_token.token_hash", "=", tokenHash)
      .where("api_token.revoked_at", "is", null)
      .execute();
    const first = rows[0];
    if (!first) return undefined;
    return {
      tokenId: first.id,
      account: {
        id: first.account_id,
        organizationId: first.organization_id,
        loginId: first.login_id,
        displayName: first.display_name,
        disabled: first.disabled_at !== null,
        roles: [
          ...new Set(
            rows
              .map((r) => r.role)
              .filter((r): r is string => r !== null)
              .filter(isRoleName),
          ),
        ],
        departmentIds: rows
          .filter((r) => r.role === "editor" && r.department_id !== null)
          .map((r) => r.department_id as number),
      },
    };
  }

  /** Bookkeeping: when the token was last used (callers write it at most once a minute). */
  async touchApiToken(id: number, now: Date): Promise<void> {
    await this.scope.db
      .updateTable("api_token")
      .set({ last_used_at: now.toISOString() })
      .where("id", "=", id)
      .execute();
  }

  async createApiToken(input: {
    organizationId: number;
    accountId: number;
    name: string;
    tokenHash: string;
    now: Date;
  }): Promise<number> {
    const writer = writerOf(this.scope);
    const { id } = await this.scope.db
      .insertInto("api_token")
      .values({
        organization_id: input.organizationId,
        account_id: input.accountId,
        name: input.name,
        token_hash: input.tokenHash,
        created_at: input.now.toISOString(),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await writer.audit({
      organizationId: input.organizationId,
      action: "apiToken.create",
      entity: "api_token",
      entityId: id,
      after: { name: input.name, accountId: input.accountId },
    });
    return id;
  }

  /** Revokes one of the account's tokens; false when it has none by that id (or it is revoked). */
  async revokeApiToken(organizationId: number, accountId: number, id: number, now: Date): Promise<boolean> {
    const writer = writerOf(this.scope);
    const result = await this.scope.db
      .updateTable("api_token")
      .set({ revoked_at: now.toISOString() })
      .where("id", "=", id)
      .where("organization_id", "=", organizationId)
      .where("account_id", "=", accountId)
      .where("revoked_at", "is", null)
      .executeTakeFirst();
    const revoked = Number(result.numUpdatedRows) === 1;
    if (revoked) {
      await writer.audit({ organizationId, action: "apiToken.revoke", entity: "api_token", entityId: id });
    }
    return revoked;
  }
}
