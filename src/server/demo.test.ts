import { describe, expect, it } from "vitest";
import { forEachDatabase } from "../../test/db.ts";
import { addDays, japanDate } from "../domain/deadline.ts";
import { readServeConfig } from "./config.ts";
import { startServer } from "./start.ts";

/**
 * `serve --demo`: FY2019 published as always, FY2020 opened from it in 入力中, three demo accounts
 * that have no password until their one-time URL is used. Never without --demo.
 */
forEachDatabase((database) => {
  const startWith = async (args: string[], url?: string) => {
    const result = readServeConfig(
      ["--port", "0", "--render-threads", "1", "--database", url ?? (await database.freshUrl()), ...args],
      {},
    );
    if (!result.ok || !("config" in result)) throw new Error(JSON.stringify(result));
    return startServer(result.config);
  };

  describe("--demo", () => {
    it("opens FY2020 for entry and makes demo accounts whose one-time URLs set their passwords", async () => {
      const url = await database.freshUrl();
      const server = await startWith(["--demo"], url);
      let firstPaths: string[] = [];
      try {
        expect(server.sampleLoaded).toBe(true);
        expect(server.demoAccounts.map((a) => [a.loginId, a.role, a.department])).toEqual([
          ["demo-jimukyoku", "secretariat", undefined],
          // The lead department (first 関係課) of the sample's No.1.
          ["demo-shokan", "editor", "政策企画課"],
          ["demo-iin", "committee", undefined],
        ]);
        firstPaths = server.demoAccounts.map((a) => a.passwordPath);
        for (const path of firstPaths) expect(path).toMatch(/^\/o\/sakado\/password\/[A-Za-z0-9_-]{43}$/);

        const { store } = server;
        const organization = (await store.organizations.list()).find((o) => o.slug === "sakado");
        const plan = (await store.plans.list(organization?.id ?? 0))[0];
        const rounds = await store.rounds.list(plan?.id ?? 0);
        expect(rounds.map((r) => [r.fiscalYear, r.state])).toEqual([
          [2019, "published"],
          [2020, "entry"],
        ]);
        expect(rounds[1]?.entryDeadline).toBe(addDays(japanDate(new Date()), 14));
        // FY2020 is a draft: the public table is still FY2019's.
        const publicTable = await fetch(
          `http://127.0.0.1:${server.port}/o/sakado/plans/${plan?.id}/2020/table`,
        );
        expect(publicTable.status).toBe(404);

        // No password is set: none can sign in until its URL is used; the URL shows the form.
        const accounts = await store.accounts.list(organization?.id ?? 0);
        for (const loginId of ["demo-jimukyoku", "demo-shokan", "demo-iin"]) {
          const credentials = await store.accounts.credentials(organization?.id ?? 0, loginId);
          expect(credentials?.passwordHash ?? null).toBeNull();
        }
        const page = await fetch(`http://127.0.0.1:${server.port}${firstPaths[1]}`);
        expect(page.status).toBe(200);
        expect(await page.text()).toContain("demo-shokan");
        // The editor finds the 「入力が始まりました」 notice on the home page.
        const editor = accounts.find((a) => a.loginId === "demo-shokan");
        expect((await store.notices.list(editor?.id ?? 0)).map((n) => n.kind)).toEqual(["roundOpened"]);
      } finally {
        await server.close();
      }

      // Started again on the same database: nothing is added, no URL printed.
      const again = await startWith(["--demo"], url);
      try {
        expect(again.sampleLoaded).toBe(false);
        expect(again.demoAccounts).toEqual([]);
      } finally {
        await again.close();
      }
    });

    it("every start makes other URLs (nothing is fixed in code)", async () => {
      const one = await startWith(["--demo"]);
      const paths = one.demoAccounts.map((a) => a.passwordPath);
      await one.close();
      const two = await startWith(["--demo"]);
      try {
        expect(two.demoAccounts).toHaveLength(3);
        for (const account of two.demoAccounts) expect(paths).not.toContain(account.passwordPath);
      } finally {
        await two.close();
      }
    });

    it("without --demo: the sample only, no accounts, no FY2020", async () => {
      const server = await startWith(["--sample"]);
      try {
        expect(server.sampleLoaded).toBe(true);
        expect(server.demoAccounts).toEqual([]);
        const organization = (await server.store.organizations.list())[0];
        expect(await server.store.accounts.list(organization?.id ?? 0)).toEqual([]);
        const plan = (await server.store.plans.list(organization?.id ?? 0))[0];
        expect((await server.store.rounds.list(plan?.id ?? 0)).map((r) => r.fiscalYear)).toEqual([2019]);
      } finally {
        await server.close();
      }
    });
  });
});
