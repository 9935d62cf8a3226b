/**
 * The role × route matrix, generated from the route table: for every registered route and every
 * principal (nobody, each role of 坂戸市, a disabled account, another organization's secretariat), the
 * answer the route's rule and the one policy (src/domain/permissions.ts) call for — and for every
 * refused state-changing request, that nothing was written. A route added without a rule, or whose
 * expectation cannot be derived here, fails.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { type Action, can } from "../../src/domain/permissions.ts";
import { forEachDatabase } from "../db.ts";
import {
  buildWorld,
  PRINCIPALS,
  type PrincipalName,
  principalOfAccount,
  snapshot,
  type World,
} from "./fixtures.ts";
import {
  allRoutes,
  concretePath,
  expectedOutcome,
  label,
  outcomeOf,
  requestOf,
  stateChanging,
} from "./routes.ts";

const { table, registered } = allRoutes();

describe("the route table", () => {
  it("holds every route the app answers (none registered without a rule)", () => {
    const ruled = new Set(table.map((r) => `${r.method} ${r.path}`));
    const withoutRule = registered.filter((r) => !ruled.has(`${r.method} ${r.path}`));
    expect(withoutRule).toEqual([]);
    // The table is not trivially empty: the pages this test was written against are in it.
    expect(ruled).toContain("POST /o/:org/manage/accounts/new");
    expect(ruled).toContain("PATCH /api/v1/plans/:planId/rounds/:fiscalYear/reports/:number");
  });

  it("gives no state-changing route the public rule", () => {
    const open = table.filter((r) => stateChanging(r) && r.rule.kind === "public").map(label);
    expect(open).toEqual([]);
  });
});

/**
 * The policy by hand, from issue 7's role table, for the principals of the matrix (Y: may). The
 * matrix derives each route's expectation from the policy; this pins the policy itself.
 */
// biome-ignore format: a table is read by its columns
const BY_HAND: Record<Action, Record<Exclude<PrincipalName, "anonymous" | "disabled">, "Y" | "-">> = {
  "drafts.read":     { secretariat: "Y", editor: "Y", editorOfAnotherDepartment: "Y", committee: "Y", viewer: "Y", otherOrganizationSecretariat: "-" },
  "report.edit":     { secretariat: "Y", editor: "Y", editorOfAnotherDepartment: "-", committee: "-", viewer: "-", otherOrganizationSecretariat: "-" },
  "report.grade":    { secretariat: "Y", editor: "-", editorOfAnotherDepartment: "-", committee: "Y", viewer: "-", otherOrganizationSecretariat: "-" },
  "round.manage":    { secretariat: "Y", editor: "-", editorOfAnotherDepartment: "-", committee: "-", viewer: "-", otherOrganizationSecretariat: "-" },
  "plan.manage":     { secretariat: "Y", editor: "-", editorOfAnotherDepartment: "-", committee: "-", viewer: "-", otherOrganizationSecretariat: "-" },
  "accounts.manage": { secretariat: "Y", editor: "-", editorOfAnotherDepartment: "-", committee: "-", viewer: "-", otherOrganizationSecretariat: "-" },
  "self.manage":     { secretariat: "Y", editor: "Y", editorOfAnotherDepartment: "Y", committee: "Y", viewer: "Y", otherOrganizationSecretariat: "-" },
};

forEachDatabase((database) => {
  let world: World;
  beforeAll(async () => {
    world = await buildWorld(database);
  }, 60_000);

  it("the policy answers as the role table of issue 7 says (on 坂戸市's initiative)", () => {
    const found: string[] = [];
    for (const [action, row] of Object.entries(BY_HAND) as [Action, Record<string, "Y" | "-">][]) {
      for (const [who, may] of Object.entries(row)) {
        const account = world.accounts[who as keyof World["accounts"]].account;
        const allowed = can(principalOfAccount(account), action, {
          organizationId: world.organizationId,
          departmentIds: world.initiativeDepartmentIds,
        });
        if (allowed !== (may === "Y")) found.push(`${who} ${action}: ${allowed ? "allowed" : "refused"}`);
      }
    }
    expect(found).toEqual([]);
  });

  describe.each(table.map((entry) => [label(entry), entry] as const))("%s", (_, entry) => {
    it("answers each principal as its rule and the policy say", async () => {
      const failures: string[] = [];
      const anonymousStatus: number[] = [];
      for (const who of PRINCIPALS) {
        const modes = entry.api && who !== "anonymous" ? [false, true] : [false];
        for (const bearer of modes) {
          const expected = expectedOutcome(world, entry, who, bearer);
          const path = await concretePath(world, entry, who);
          const call = await requestOf(world, entry, who, path, { bearer });
          const before = stateChanging(entry) && expected !== "allowed" ? await snapshot(world.store) : "";
          const response = await world.app.request(call.path, call.init);
          const { outcome, detail } = await outcomeOf(world, response);
          const as = `${who}${bearer ? " (API token)" : ""}`;
          if (outcome !== expected) failures.push(`${as}: expected ${expected}, got ${outcome} [${detail}]`);
          if (before !== "") {
            const after = await snapshot(world.store);
            if (after !== before) failures.push(`${as}: refused, but something was written`);
          }
          if (expected === "allowed" && entry.method === "GET" && response.status >= 400)
            failures.push(`${as}: allowed, but answered ${response.status}`);
          if (entry.rule.kind !== "public" && expected === "allowed" && who !== "anonymous") {
            const cache = response.headers.get("Cache-Control") ?? "";
            if (!cache.includes("no-store")) failures.push(`${as}: a signed-in answer without no-store`);
          }
          if (entry.rule.kind === "public" && !(who === "disabled" && bearer)) {
            if (who === "anonymous") anonymousStatus.push(response.status);
            else if (response.status !== anonymousStatus[0])
              failures.push(
                `${as}: a public route answered ${response.status}, nobody gets ${anonymousStatus[0]}`,
              );
          }
          await response.arrayBuffer();
        }
      }
      expect(failures).toEqual([]);
    }, 120_000);
  });
});
