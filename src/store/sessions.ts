import { isRoleName } from "../domain/permissions.ts";
import { isoTimestamp, type Scope, writerOf } from "./scope.ts";
import type { SessionRecord, SessionWrites, SignedIn } from "./types.ts";

/**
 * Sign-in sessions, stored so that every server process on one database shares them. Only a hash
 * of each token is kept. Creating and ending sessions is audited; `touch` and the login attempts
 * are bookkeeping (changed on every request or every failure, never shown on a page): they are
 * written directly, without an audit entry or a revision of their own.
 */
export class Sessions implements SessionWrites {
  constructor(private readonly scope: Scope) {}

  /** The session, its account and the account's roles in one indexed query. */
  async findByTokenHash(tokenHash: string): Promise<SignedIn | undefined> {
    const rows = await this.scope.db
      .selectFrom("session")
      .innerJoin("account", "account.id", "session.account_id")
      .leftJoin("account_role", "account_role.account_id", "account.id")
      .select([
        "session.id",
        "session.organization_id",
        "session.account_id",
        "session.created_at",
        "session.last_seen_at",
        "session.address",
        "session.user_agent",
        "account.login_id",
        "account.display_name",
        "account.disabled_at",
        "account_role.role",
        "account_role.department_id",
      ])
      .where("session.token_hash", "=", tokenHash)
      .execute();
    const first = rows[0];
    if (!first) return undefined;
    return {
      session: {
        id: first.id,
        organizationId: first.organization_id,
        accountId: first.account_id,
        createdAt: isoTimestamp(first.created_at),
        lastSeenAt: isoTimestamp(first.last_seen_at),
        address: first.address,
        userAgent: first.user_agent,
      },
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

  async listForAccount(accountId: number): Promise<SessionRecord[]> {
    const rows = await this.scope.db
      .selectFrom("session")
      .select(["id", "organization_id", "account_id", "created_at", "last_seen_at", "address", "user_agent"])
      .where("account_id", "=", accountId)
      .orderBy("last_seen_at", "desc")
      .execute();
    return rows.map((row) => ({
      id: row.id,
      organizationId: row.organization_id,
      accountId: row.account_id,
      createdAt: isoTimestamp(row.created_at),
      lastSeenAt: isoTimestamp(row.last_seen_at),
      address: row.address,
      userAgent: row.user_agent,
    }));
  }

  /** Bookkeeping: the session was used at `now` (callers write it at most once a minute). */
  async touch(id: number, now: Date): Promise<void> {
    await this.scope.db
      .updateTable("session")
      .set({ last_seen_at: now.toISOString() })
      .where("id", "=", id)
      .execute();
  }

  /** Bookkeeping: a failed sign-in, counted for throttling. */
  async recordFailedLogin(input: { organizationId: number; loginId: string; address: string; at: Date }) {
    await this.scope.db
      .insertInto("login_attempt")
      .values({
        organization_id: input.organizationId,
        login_id: input.loginId,
        address: input.address,
        at: input.at.toISOString(),
      })
      .execute();
  }

  /** Failed sign-ins since `since`: for the login ID in its organization, and from the address. */
  async countFailedLogins(input: {
    organizationId: number;
    loginId: string;
    address: string;
    since: Date;
  }): Promise<{ byLogin: number; byAddress: number }> {
    const since = input.since.toISOString();
    const [byLogin, byAddress] = await Promise.all([
      this.scope.db
        .selectFrom("login_attempt")
        .select((eb) => eb.fn.countAll<number | string>().as("n"))
        .where("organization_id", "=", input.organizationId)
        .where("login_id", "=", input.loginId)
        .where("at", ">", since)
        .executeTakeFirstOrThrow(),
      this.scope.db
        .selectFrom("login_attempt")
        .select((eb) => eb.fn.countAll<number | string>().as("n"))
        .where("address", "=", input.address)
        .where("at", ">", since)
        .executeTakeFirstOrThrow(),
    ]);
    return { byLogin: Number(byLogin.n), byAddress: Number(byAddress.n) };
  }

  /** Bookkeeping: forgets attempts older than `before` and sessions last seen before `idleBefore`. */
  async prune(input: { attemptsBefore: Date; sessionsIdleBefore: Date; sessionsCreatedBefore: Date }) {
    const { db } = this.scope;
    await db.deleteFrom("login_attempt").where("at", "<", input.attemptsBefore.toISOString()).execute();
    await db
      .deleteFrom("session")
      .where((eb) =>
        eb.or([
          eb("last_seen_at", "<", input.sessionsIdleBefore.toISOString()),
          eb("created_at", "<", input.sessionsCreatedBefore.toISOString()),
        ]),
      )
      .execute();
  }

  async create(input: {
    organizationId: number;
    accountId: number;
    tokenHash: string;
    now: Date;
    address: string | null;
    userAgent: string | null;
  }): Promise<number> {
    const writer = writerOf(this.scope);
    const now = input.now.toISOString();
    const { id } = await this.scope.db
      .insertInto("session")
      .values({
        organization_id: input.organizationId,
        account_id: input.accountId,
        token_hash: input.tokenHash,
        created_at: now,
        last_seen_at: now,
        address: input.address,
        user_agent: input.userAgent?.slice(0, 300) ?? null,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    // A successful sign-in forgets the login ID's failures.
    await this.scope.db
      .deleteFrom("login_attempt")
      .where("organization_id", "=", input.organizationId)
      .where(
        "login_id",
        "=",
        this.scope.db.selectFrom("account").select("login_id").where("id", "=", input.accountId),
      )
      .execute();
    await writer.audit({
      organizationId: input.organizationId,
      action: "session.create",
      entity: "account",
      entityId: input.accountId,
      after: { address: input.address },
    });
    return id;
  }

  async end(organizationId: number, id: number): Promise<void> {
    const writer = writerOf(this.scope);
    const row = await this.scope.db
      .selectFrom("session")
      .select("account_id")
      .where("id", "=", id)
      .where("organization_id", "=", organizationId)
      .executeTakeFirst();
    if (!row) return;
    await this.scope.db.deleteFrom("session").where("id", "=", id).execute();
    await writer.audit({
      organizationId,
      action: "session.end",
      entity: "account",
      entityId: row.account_id,
    });
  }

  async endAll(organizationId: number, accountId: number, except?: number): Promise<number> {
    const writer = writerOf(this.scope);
    const result = await this.scope.db
      .deleteFrom("session")
      .where("organization_id", "=", organizationId)
      .where("account_id", "=", accountId)
      .$if(except !== undefined, (q) => q.where("id", "<>", except as number))
      .executeTakeFirst();
    const ended = Number(result.numDeletedRows);
    await writer.audit({
      organizationId,
      action: "session.end-all",
      entity: "account",
      entityId: accountId,
      after: { ended },
    });
    return ended;
  }
}
