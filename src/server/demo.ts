import { addDays, japanDate } from "../domain/deadline.ts";
import type { RoleName } from "../domain/permissions.ts";
import type { Actor, Store } from "../store/types.ts";
import { inviteAccount } from "../workflow/accounts.ts";
import type { ImportRoundOutcome } from "../workflow/import-round.ts";
import { moveRound, openRound } from "../workflow/round.ts";
import { SAMPLE_ORGANIZATION } from "./sample.ts";

/**
 * `serve --demo`: after the sample (坂戸市 FY2019, published), the FY2020 round opened from it and
 * moved to 入力中, with three demo accounts — the secretariat, an editor of No.1's lead department
 * and a committee member. They have no password: each gets a one-time password-setting URL (the
 * same kind an invitation makes, valid 24 hours), returned here to be printed once. Nothing of it
 * is fixed in code, and none of it happens without --demo.
 */
export interface DemoAccount {
  loginId: string;
  role: RoleName;
  /** The department an editor enters for. */
  department?: string;
  /** Path of the one-time password-setting page (/o/sakado/password/<token>). */
  passwordPath: string;
}

export const DEMO_FISCAL_YEAR = 2020;
/** Days from today to the demo round's entry deadline. */
export const DEMO_DEADLINE_DAYS = 14;

const ACTOR: Actor = { kind: "system", name: "demo" };

export async function loadDemo(store: Store, sample: ImportRoundOutcome, now: Date): Promise<DemoAccount[]> {
  const organizationId = sample.organizationId;
  const lead = (await store.departments.ofInitiative(sample.planId, 1))?.[0];
  if (!lead) throw new Error("demo: the sample has no department for No.1");
  const wanted: { loginId: string; displayName: string; role: RoleName; department?: typeof lead }[] = [
    { loginId: "demo-jimukyoku", displayName: "体験用 事務局", role: "secretariat" },
    { loginId: "demo-shokan", displayName: `体験用 ${lead.name}`, role: "editor", department: lead },
    { loginId: "demo-iin", displayName: "体験用 本部会委員", role: "committee" },
  ];
  const accounts: DemoAccount[] = [];
  for (const want of wanted) {
    const invited = await inviteAccount(store, ACTOR, {
      organizationId,
      account: {
        loginId: want.loginId,
        displayName: want.displayName,
        email: "",
        roles: [want.role],
        departmentIds: want.department ? [want.department.id] : [],
      },
      now,
    });
    if ("kind" in invited) throw new Error(`demo: account ${want.loginId} refused`);
    accounts.push({
      loginId: want.loginId,
      role: want.role,
      ...(want.department ? { department: want.department.name } : {}),
      passwordPath: `/o/${SAMPLE_ORGANIZATION.slug}/password/${invited.token}`,
    });
  }
  // The accounts exist before entry opens: the editor finds the 「入力が始まりました」 notice.
  const acting = {
    actor: ACTOR,
    principal: { accountId: 0, organizationId, roles: new Set<RoleName>(["secretariat"]), departmentIds: [] },
  };
  const round = await openRound(store, acting, {
    planId: sample.planId,
    fiscalYear: DEMO_FISCAL_YEAR,
    entryDeadline: addDays(japanDate(now), DEMO_DEADLINE_DAYS),
  });
  await moveRound(store, acting, { roundId: round.id, expectedVersion: round.version, to: "entry" });
  return accounts;
}
