import { describe, expect, it } from "vitest";
import { forEachDatabase } from "../../test/db.ts";
import { inviteAccount, setPasswordWithToken } from "../workflow/accounts.ts";
import { startServer } from "./start.ts";

/**
 * The session settings reach the running server (SESSION_IDLE_MINUTES and SESSION_ABSOLUTE_HOURS
 * become StartOptions.security in `shinchoku serve`): a 10-minute idle limit and a 1-hour absolute
 * one end sessions that the defaults (2 h, 12 h) would keep. The clock is the server's, moved by hand.
 */
forEachDatabase((database) => {
  describe("session lifetimes given at start", () => {
    it("ends a session idle for longer than the idle limit", async () => {
      let clock = new Date("2026-12-02T00:00:00Z");
      const minutes = (n: number) => {
        clock = new Date(clock.getTime() + n * 60_000);
      };
      const server = await startServer({
        port: 0,
        databaseUrl: await database.freshUrl(),
        sample: false,
        renderThreads: 1,
        security: { sessionIdleMs: 10 * 60_000, sessionAbsoluteMs: 60 * 60_000, now: () => clock },
      });
      try {
        const { store } = server;
        const { organization } = await store.transaction({ actor: { kind: "system", name: "test" } }, (tx) =>
          tx.organizations.ensure({ slug: "sakado", name: "坂戸市" }),
        );
        const invited = await inviteAccount(
          store,
          { kind: "system", name: "test" },
          {
            organizationId: organization.id,
            account: {
              loginId: "k1001",
              displayName: "坂戸 花子",
              email: "",
              roles: ["secretariat"],
              departmentIds: [],
            },
            now: clock,
          },
        );
        if ("kind" in invited) throw new Error("not invited");
        const signIn = async () => {
          const started = await setPasswordWithToken(store, {
            token: invited.token,
            password: "Sakado-kaikaku-2026!",
            passwordConfirm: "Sakado-kaikaku-2026!",
            now: clock,
            address: null,
            userAgent: null,
          });
          if ("kind" in started) throw new Error("no session");
          return started.sessionToken;
        };
        const manage = async (token: string) => {
          const res = await fetch(`${server.url}o/sakado/manage`, {
            redirect: "manual",
            headers: { Cookie: `shinchoku_session=${token}` },
          });
          const body = await res.text();
          return res.status === 200 && body.includes("坂戸 花子");
        };

        const token = await signIn();
        expect(await manage(token)).toBe(true);
        minutes(9);
        expect(await manage(token)).toBe(true);
        minutes(9);
        expect(await manage(token)).toBe(true);
        // 11 minutes without a request: over the 10-minute limit (the default 2 h would keep it).
        minutes(11);
        expect(await manage(token)).toBe(false);
      } finally {
        await server.close();
      }
    }, 60_000);

    it("ends a session in use once the absolute limit has passed", async () => {
      let clock = new Date("2026-12-02T00:00:00Z");
      const server = await startServer({
        port: 0,
        databaseUrl: await database.freshUrl(),
        sample: false,
        renderThreads: 1,
        security: { sessionIdleMs: 10 * 60_000, sessionAbsoluteMs: 60 * 60_000, now: () => clock },
      });
      try {
        const { store } = server;
        const { organization } = await store.transaction({ actor: { kind: "system", name: "test" } }, (tx) =>
          tx.organizations.ensure({ slug: "sakado", name: "坂戸市" }),
        );
        const invited = await inviteAccount(
          store,
          { kind: "system", name: "test" },
          {
            organizationId: organization.id,
            account: {
              loginId: "k1001",
              displayName: "坂戸 花子",
              email: "",
              roles: ["secretariat"],
              departmentIds: [],
            },
            now: clock,
          },
        );
        if ("kind" in invited) throw new Error("not invited");
        const started = await setPasswordWithToken(store, {
          token: invited.token,
          password: "Sakado-kaikaku-2026!",
          passwordConfirm: "Sakado-kaikaku-2026!",
          now: clock,
          address: null,
          userAgent: null,
        });
        if ("kind" in started) throw new Error("no session");
        const ok = async () => {
          const res = await fetch(`${server.url}o/sakado/manage`, {
            redirect: "manual",
            headers: { Cookie: `shinchoku_session=${started.sessionToken}` },
          });
          return res.status === 200 && (await res.text()).includes("坂戸 花子");
        };
        // Used every 8 minutes: never idle, yet over after an hour (the default 12 h would keep it).
        for (let elapsed = 0; elapsed <= 56; elapsed += 8) {
          clock = new Date(Date.parse("2026-12-02T00:00:00Z") + elapsed * 60_000);
          expect(await ok(), `${elapsed} min`).toBe(true);
        }
        clock = new Date(Date.parse("2026-12-02T00:00:00Z") + 61 * 60_000);
        expect(await ok()).toBe(false);
      } finally {
        await server.close();
      }
    }, 60_000);
  });
});
