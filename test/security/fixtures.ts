/**
 * For the security tests: two organizations (坂戸市 with the seed plan imported, and 隣市 with
 * nothing but its secretariat), an account for every role, and a way to sign any of them in without
 * a password check (a session row made directly, as the sign-in makes it). Every account also has a
 * personal API token, for the API routes.
 */
import type { Principal, RoleName } from "../../src/domain/permissions.ts";
import { hashPassword } from "../../src/security/passwords.ts";
import { csrfTokenFor, hashToken, newToken } from "../../src/security/tokens.ts";
import { createApp } from "../../src/server/app.ts";
import type { SecurityOptions } from "../../src/server/auth/options.ts";
import { loadSampleData } from "../../src/server/sample.ts";
import { SESSION_COOKIE } from "../../src/server/session-cookie.ts";
import type { SqlStore } from "../../src/store/index.ts";
import type { Database } from "../../src/store/schema.ts";
import type { AccountRecord } from "../../src/store/types.ts";
import type { TestDatabase } from "../db.ts";

export const PRINCIPALS = [
  "anonymous",
  "secretariat",
  "editor",
  "editorOfAnotherDepartment",
  "committee",
  "viewer",
  "disabled",
  "otherOrganizationSecretariat",
] as const;
export type PrincipalName = (typeof PRINCIPALS)[number];

export interface Credentials {
  account: AccountRecord;
  /** A fresh session's cookie value and its CSRF token. */
  session(): Promise<{ cookie: string; csrf: string; token: string }>;
  /** A fresh personal API token. */
  apiToken(): Promise<{ id: number; token: string }>;
}

export interface World {
  store: SqlStore;
  app: ReturnType<typeof createApp>;
  organizationId: number;
  otherOrganizationId: number;
  slug: string;
  planId: number;
  fiscalYear: number;
  /** An initiative whose 関係課 include the editor's department and not the other editor's. */
  initiativeNumber: number;
  initiativeDepartmentIds: number[];
  accounts: Record<Exclude<PrincipalName, "anonymous">, Credentials>;
  /** An account of 坂戸市 that the account routes act on (no principal of the matrix). */
  target: AccountRecord;
  setupToken: string;
  inviteToken: string;
  /** The password every fixture account has (set only when asked for). */
  password: string;
}

export const PASSWORD = "correct horse battery staple 7";

export async function buildWorld(
  database: TestDatabase,
  /** seed: false leaves out the seed plan (and the departments): faster, for tests of sessions alone. */
  options: { security?: Partial<SecurityOptions>; passwords?: boolean; seed?: boolean } = {},
): Promise<World> {
  const store = await database.open();
  const system = { actor: { kind: "system" as const, name: "test" } };
  let planId = 0;
  let fiscalYear = 0;
  let chosen: { number: number; departmentIds: number[] } = { number: 0, departmentIds: [] };
  let ownDepartment: number[] = [];
  let otherDepartment: number[] = [];
  if (options.seed !== false) {
    await loadSampleData(store);
    const sakado = await store.organizations.findBySlug("sakado");
    if (!sakado) throw new Error("the seed did not make 坂戸市");
    const [plan] = await store.plans.list(sakado.id);
    if (!plan) throw new Error("the seed has no plan");
    const [round] = await store.rounds.list(plan.id);
    if (!round) throw new Error("the seed has no round");
    planId = plan.id;
    fiscalYear = round.fiscalYear;
    // An initiative with a 関係課 of its own, and a department that is not among them.
    const departments = await store.departments.list(sakado.id);
    let found: typeof chosen | undefined;
    for (let number = 1; number <= 200 && !found; number++) {
      const of = await store.departments.ofInitiative(plan.id, number);
      if (of && of.length > 0 && of.length < departments.length)
        found = { number, departmentIds: of.map((d) => d.id) };
    }
    if (!found) throw new Error("no initiative with some departments but not all");
    chosen = found;
    ownDepartment = [found.departmentIds[0] as number];
    otherDepartment = [departments.find((d) => !found.departmentIds.includes(d.id))?.id as number];
  }
  // Without the seed (tests of sessions alone, faster): 坂戸市 with no plan and no departments (so
  // the editors there hold no role).
  const organization = (
    await store.transaction(system, (tx) => tx.organizations.ensure({ slug: "sakado", name: "坂戸市" }))
  ).organization;
  const other = await store.transaction(system, (tx) =>
    tx.organizations.ensure({ slug: "rinshi", name: "隣市" }),
  );

  const passwordHash = options.passwords ? await hashPassword(PASSWORD) : undefined;
  const make = async (
    organizationId: number,
    loginId: string,
    roles: RoleName[],
    departmentIds: number[] = [],
  ): Promise<AccountRecord> =>
    store.transaction(system, (tx) =>
      tx.accounts.create({
        organizationId,
        loginId,
        displayName: `${loginId} さん`,
        email: null,
        roles,
        departmentIds,
        ...(passwordHash ? { passwordHash } : {}),
      }),
    );

  const credentials = (account: AccountRecord): Credentials => ({
    account,
    async session() {
      const token = newToken();
      await store.transaction(system, (tx) =>
        tx.sessions.create({
          organizationId: account.organizationId,
          accountId: account.id,
          tokenHash: hashToken(token),
          now: (options.security?.now ?? (() => new Date()))(),
          address: null,
          userAgent: null,
        }),
      );
      return { cookie: `${SESSION_COOKIE.plain}=${token}`, csrf: csrfTokenFor(token), token };
    },
    async apiToken() {
      const token = newToken();
      const id = await store.transaction(system, (tx) =>
        tx.tokens.createApiToken({
          organizationId: account.organizationId,
          accountId: account.id,
          name: "test",
          tokenHash: hashToken(token),
          now: new Date(),
        }),
      );
      return { id, token };
    },
  });

  const disabled = await make(organization.id, "disabled", ["secretariat"]);
  const accounts = {
    secretariat: credentials(await make(organization.id, "secretariat", ["secretariat"])),
    editor: credentials(await make(organization.id, "editor", ["editor"], ownDepartment)),
    editorOfAnotherDepartment: credentials(
      await make(organization.id, "editor-other", ["editor"], otherDepartment),
    ),
    committee: credentials(await make(organization.id, "committee", ["committee"])),
    viewer: credentials(await make(organization.id, "viewer", ["viewer"])),
    disabled: credentials(disabled),
    otherOrganizationSecretariat: credentials(
      await make(other.organization.id, "secretariat", ["secretariat"]),
    ),
  };
  // Disabled after its session could have been made: the account, not the session, is refused.
  await store.transaction(system, (tx) => tx.accounts.setDisabled(organization.id, disabled.id, true));
  const target = await make(organization.id, "target", ["viewer"]);

  const oneTime = async (purpose: "setup" | "invite", accountId: number | null) => {
    const token = newToken();
    const now = new Date();
    await store.transaction(system, (tx) =>
      tx.tokens.createOneTime({
        organizationId: organization.id,
        accountId,
        purpose,
        tokenHash: hashToken(token),
        now,
        expiresAt: new Date(now.getTime() + 24 * 3600 * 1000),
      }),
    );
    return token;
  };

  return {
    store,
    app: createApp({ store, ...(options.security ? { security: options.security } : {}) }),
    organizationId: organization.id,
    otherOrganizationId: other.organization.id,
    slug: organization.slug,
    planId,
    fiscalYear,
    initiativeNumber: chosen.number,
    initiativeDepartmentIds: chosen.departmentIds,
    accounts,
    target,
    setupToken: await oneTime("setup", null),
    inviteToken: await oneTime("invite", target.id),
    password: PASSWORD,
  };
}

/** The policy's view of a fixture account. */
export function principalOfAccount(account: AccountRecord): Principal {
  return {
    accountId: account.id,
    organizationId: account.organizationId,
    roles: new Set(account.roles),
    departmentIds: account.departmentIds,
  };
}

const WATCHED: readonly (keyof Database)[] = [
  "organization",
  "plan",
  "policy",
  "initiative",
  "department",
  "initiative_department",
  "kpi",
  "initiative_kpi",
  "reporting_round",
  "kpi_value",
  "report",
  "round_kpi",
  "account",
  "account_role",
  "session",
  "one_time_token",
  "api_token",
  "report_comment",
  "notification",
  "audit_log",
  "publication",
];

/**
 * What a refused request must leave as it was: the store revision (moved by every committed write),
 * the rows of every table people's work is kept in, and the accounts', sessions' and tokens' states.
 */
export async function snapshot(store: SqlStore): Promise<string> {
  const counts: Record<string, number> = {};
  for (const table of WATCHED) {
    const row = await store.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    counts[table] = Number(row.n);
  }
  const accounts = await store.db.selectFrom("account").selectAll().orderBy("id").execute();
  const sessions = await store.db.selectFrom("session").select(["id", "account_id"]).orderBy("id").execute();
  const tokens = await store.db.selectFrom("api_token").select(["id", "revoked_at"]).orderBy("id").execute();
  const oneTime = await store.db
    .selectFrom("one_time_token")
    .select(["id", "used_at"])
    .orderBy("id")
    .execute();
  return JSON.stringify({ revision: await store.revision(), counts, accounts, sessions, tokens, oneTime });
}
