/**
 * Sessions as a browser meets them, through the real sign-in (argon2id): a new token at sign-in (a
 * cookie set beforehand is never adopted), sign-out and "everywhere" ending sessions on the server,
 * idle and absolute expiry on an injected clock, throttling, the cookie's attributes over HTTP and
 * behind an HTTPS proxy, and personal API tokens.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { hashToken } from "../../src/security/tokens.ts";
import { THROTTLE_WINDOW_MS } from "../../src/workflow/sign-in.ts";
import { forEachDatabase } from "../db.ts";
import { textOf } from "../server-support.ts";
import { buildWorld, PASSWORD, type World } from "./fixtures.ts";

const FORM = "f".repeat(43);
const HOUR = 60 * 60 * 1000;
const MINUTE = 60 * 1000;

/** A clock the tests move. */
function clock(start = Date.parse("2026-06-01T09:00:00Z")) {
  let at = start;
  return { now: () => new Date(at), advance: (ms: number) => (at += ms) };
}

type App = World["app"];

function signIn(
  app: App,
  loginId: string,
  password: string,
  options: { cookie?: string; headers?: Record<string, string>; origin?: string; path?: string } = {},
) {
  const cookies = [`shinchoku_form=${FORM}`, ...(options.cookie ? [options.cookie] : [])];
  return app.request(options.path ?? "/o/sakado/login", {
    method: "POST",
    headers: {
      Origin: options.origin ?? "http://localhost",
      "Content-Type": "application/x-www-form-urlencoded",
      Cookie: cookies.join("; "),
      ...options.headers,
    },
    body: new URLSearchParams({ _csrf: FORM, loginId, password }).toString(),
  });
}

/**
 * The session cookie a response leaves the browser with: the last Set-Cookie of that name (a stale
 * cookie is cleared before a new one is set, and browsers apply them in order).
 */
function sessionCookie(response: Response) {
  const header = response.headers.getSetCookie().findLast((h) => /^(__Host-)?shinchoku_session=/.test(h));
  if (!header) return undefined;
  const [pair = "", ...attributes] = header.split(/;\s*/);
  const [name = "", value = ""] = pair.split("=");
  return { name, value, attributes: attributes.map((a) => a.toLowerCase()), header };
}

async function signedInCookie(app: App, loginId: string, password = PASSWORD, cookie?: string) {
  const response = await signIn(app, loginId, password, cookie ? { cookie } : {});
  expect(response.status).toBe(303);
  const set = sessionCookie(response);
  if (!set) throw new Error("no session cookie");
  return `${set.name}=${set.value}`;
}

/** The status of the signed-in home with this cookie (200 signed in, 303 sent to sign in). */
async function homeStatus(app: App, cookie: string): Promise<number> {
  return (await app.request("/o/sakado/manage", { headers: { Cookie: cookie } })).status;
}

/** The CSRF token of a signed-in page's forms. */
async function csrfOf(app: App, cookie: string): Promise<string> {
  const html = await (await app.request("/o/sakado/manage/account", { headers: { Cookie: cookie } })).text();
  const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
  if (!token) throw new Error("no CSRF token on the account page");
  return token;
}

function post(app: App, path: string, cookie: string, fields: Record<string, string>) {
  return app.request(path, {
    method: "POST",
    headers: {
      Origin: "http://localhost",
      "Content-Type": "application/x-www-form-urlencoded",
      Cookie: cookie,
    },
    body: new URLSearchParams(fields).toString(),
  });
}

forEachDatabase((database) => {
  describe("sign-in and sign-out", () => {
    let world: World;
    beforeAll(async () => {
      world = await buildWorld(database, { passwords: true, seed: false });
    }, 60_000);

    it("gives a new token at sign-in and never adopts one the browser already had (no fixation)", async () => {
      const planted = `shinchoku_session=${"a".repeat(43)}`;
      const response = await signIn(world.app, "secretariat", PASSWORD, { cookie: planted });
      expect(response.status).toBe(303);
      const set = sessionCookie(response);
      expect(set?.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(set?.value).not.toBe("a".repeat(43));
      expect(await homeStatus(world.app, planted)).toBe(303);
      expect(await homeStatus(world.app, `shinchoku_session=${set?.value}`)).toBe(200);
    });

    it("replaces a valid session of someone else's that the browser carried, leaving that one as it was", async () => {
      const attacker = await signedInCookie(world.app, "viewer");
      const response = await signIn(world.app, "secretariat", PASSWORD, { cookie: attacker });
      const set = sessionCookie(response);
      expect(`${set?.name}=${set?.value}`).not.toBe(attacker);
      // The planted cookie is still the viewer's, not raised to the secretariat.
      const accounts = await world.app.request("/o/sakado/manage/accounts", {
        headers: { Cookie: attacker },
      });
      expect(accounts.status).toBe(403);
    });

    it("stores only the hash of the session token", async () => {
      const cookie = await signedInCookie(world.app, "committee");
      const token = cookie.split("=")[1] as string;
      const rows = await world.store.db.selectFrom("session").selectAll().execute();
      expect(rows.some((r) => r.token_hash === hashToken(token))).toBe(true);
      expect(JSON.stringify(rows)).not.toContain(token);
    });

    it("ends the session on the server at sign-out: the old cookie no longer works", async () => {
      const cookie = await signedInCookie(world.app, "editor");
      const response = await post(world.app, "/o/sakado/logout", cookie, {
        _csrf: await csrfOf(world.app, cookie),
      });
      expect(response.status).toBe(303);
      expect(response.headers.get("Location")).toContain("/o/sakado/login");
      // The browser is told to forget it…
      expect(sessionCookie(response)?.attributes).toContain("max-age=0");
      // …and a copy kept elsewhere is refused.
      expect(await homeStatus(world.app, cookie)).toBe(303);
      const api = await world.app.request("/api/v1/me", { headers: { Cookie: cookie } });
      expect(api.status).toBe(401);
    });

    it("signs out everywhere: every session of the account ends, another account's stays", async () => {
      const first = await signedInCookie(world.app, "editor-other");
      const second = await signedInCookie(world.app, "editor-other");
      const someoneElse = await signedInCookie(world.app, "viewer");
      const response = await post(world.app, "/o/sakado/manage/account/logout-everywhere", first, {
        _csrf: await csrfOf(world.app, first),
      });
      expect(response.status).toBe(303);
      expect(await homeStatus(world.app, first)).toBe(303);
      expect(await homeStatus(world.app, second)).toBe(303);
      expect(await homeStatus(world.app, someoneElse)).toBe(200);
    });

    it("ends the other sessions at a password change and keeps this one", async () => {
      const here = await signedInCookie(world.app, "committee");
      const elsewhere = await signedInCookie(world.app, "committee");
      const newPassword = "a much better passphrase 42";
      const response = await post(world.app, "/o/sakado/manage/password", here, {
        _csrf: await csrfOf(world.app, here),
        currentPassword: PASSWORD,
        password: newPassword,
        passwordConfirm: newPassword,
      });
      expect(response.status).toBe(200);
      expect(await homeStatus(world.app, here)).toBe(200);
      expect(await homeStatus(world.app, elsewhere)).toBe(303);
      expect((await signIn(world.app, "committee", PASSWORD)).status).toBe(400);
      expect((await signIn(world.app, "committee", newPassword)).status).toBe(303);
    });

    it("refuses a disabled account's sign-in with the answer a wrong password gets", async () => {
      const disabled = await signIn(world.app, "disabled", PASSWORD);
      const wrong = await signIn(world.app, "viewer", "not the password at all");
      expect(disabled.status).toBe(400);
      expect(textOf(await disabled.text()).replace("disabled", "ID")).toBe(
        textOf(await wrong.text()).replace("viewer", "ID"),
      );
    });

    it("signs an account in on its own organization's page only", async () => {
      const response = await signIn(world.app, "viewer", PASSWORD, { path: "/o/rinshi/login" });
      expect(response.status).toBe(400);
      expect(sessionCookie(response)).toBeUndefined();
    });

    it("sends a reader back where they were going, never to another site", async () => {
      const inside = await signIn(world.app, "viewer", PASSWORD, {});
      expect(inside.headers.get("Location")).toBe("/o/sakado/manage");
      for (const next of [
        "//evil.example/",
        "https://evil.example/",
        "/o/rinshi/manage",
        "/\\evil.example",
      ]) {
        const response = await world.app.request("/o/sakado/login", {
          method: "POST",
          headers: {
            Origin: "http://localhost",
            "Content-Type": "application/x-www-form-urlencoded",
            Cookie: `shinchoku_form=${FORM}`,
          },
          body: new URLSearchParams({ _csrf: FORM, loginId: "viewer", password: PASSWORD, next }).toString(),
        });
        expect(response.headers.get("Location"), next).toBe("/o/sakado/manage");
      }
    });
  });

  describe("expiry on the injected clock", () => {
    it("ends a session unused for the idle time (2 h by default), and any session 12 h after sign-in", async () => {
      const time = clock();
      const world = await buildWorld(database, { passwords: true, seed: false, security: { now: time.now } });
      const cookie = await signedInCookie(world.app, "viewer");
      // Used every 1 h 50 min: still signed in at 11 h…
      for (let used = 0; used < 6; used++) {
        time.advance(HOUR + 50 * MINUTE);
        expect(await homeStatus(world.app, cookie), `after ${(used + 1) * 110} min`).toBe(200);
      }
      // …at 11 h 59 min…
      time.advance(59 * MINUTE);
      expect(await homeStatus(world.app, cookie)).toBe(200);
      // …and no more once 12 h have passed since sign-in, however recently used.
      time.advance(2 * MINUTE);
      expect(await homeStatus(world.app, cookie)).toBe(303);

      const idle = await signedInCookie(world.app, "secretariat");
      time.advance(2 * HOUR - MINUTE);
      expect(await homeStatus(world.app, idle)).toBe(200);
      time.advance(2 * HOUR - MINUTE);
      expect(await homeStatus(world.app, idle)).toBe(200);
      time.advance(2 * HOUR + MINUTE);
      expect(await homeStatus(world.app, idle)).toBe(303);
    }, 60_000);

    it("uses the configured lifetimes", async () => {
      const time = clock();
      const world = await buildWorld(database, {
        passwords: true,
        seed: false,
        security: { now: time.now, sessionIdleMs: 10 * MINUTE, sessionAbsoluteMs: 30 * MINUTE },
      });
      const idle = await signedInCookie(world.app, "viewer");
      time.advance(11 * MINUTE);
      expect(await homeStatus(world.app, idle)).toBe(303);
      const used = await signedInCookie(world.app, "viewer");
      for (let i = 0; i < 3; i++) {
        time.advance(9 * MINUTE);
        expect(await homeStatus(world.app, used)).toBe(200);
      }
      time.advance(4 * MINUTE);
      expect(await homeStatus(world.app, used)).toBe(303);
    }, 60_000);
  });

  describe("throttling", () => {
    it("refuses a login ID for 15 minutes after 5 failures, with a clear message, even with the right password", async () => {
      const time = clock();
      const world = await buildWorld(database, { passwords: true, seed: false, security: { now: time.now } });
      for (let i = 0; i < 5; i++) {
        const failed = await signIn(world.app, "editor", `wrong password ${i}`);
        expect(failed.status).toBe(400);
        expect(textOf(await failed.text())).toContain("ログインIDまたはパスワードが正しくありません。");
      }
      const refused = await signIn(world.app, "editor", PASSWORD);
      expect(refused.status).toBe(400);
      expect(sessionCookie(refused)).toBeUndefined();
      const text = textOf(await refused.text());
      expect(text).toContain("ログインを15分間止めています");
      expect(text).toContain("事務局に再設定を依頼してください");
      const english = await signIn(world.app, "editor", PASSWORD, { path: "/o/sakado/login?lang=en" });
      expect(textOf(await english.text())).toMatch(/15 minutes/);
      // Another login ID from the same address is not held up.
      expect((await signIn(world.app, "viewer", PASSWORD)).status).toBe(303);
      time.advance(THROTTLE_WINDOW_MS + MINUTE);
      expect((await signIn(world.app, "editor", PASSWORD)).status).toBe(303);
    }, 60_000);

    it("refuses an address for 15 minutes after 20 failures, whatever the login ID", async () => {
      const time = clock();
      const world = await buildWorld(database, {
        passwords: true,
        seed: false,
        security: { now: time.now, trustProxy: true },
      });
      const from = (address: string) => ({ headers: { "X-Forwarded-For": address } });
      for (let i = 0; i < 20; i++) {
        const failed = await signIn(world.app, `nobody-${i}`, "wrong password!", from("192.0.2.7"));
        expect(failed.status).toBe(400);
      }
      const refused = await signIn(world.app, "viewer", PASSWORD, from("192.0.2.7"));
      expect(textOf(await refused.text())).toContain("ログインを15分間止めています");
      expect((await signIn(world.app, "viewer", PASSWORD, from("198.51.100.9"))).status).toBe(303);
      time.advance(THROTTLE_WINDOW_MS + MINUTE);
      expect((await signIn(world.app, "viewer", PASSWORD, from("192.0.2.7"))).status).toBe(303);
    }, 60_000);

    it("answers an unknown login ID exactly as a wrong password, and counts it the same", async () => {
      const world = await buildWorld(database, { passwords: true, seed: false });
      const unknown = await signIn(world.app, "no-such-person", "some password here");
      const wrong = await signIn(world.app, "viewer", "some password here");
      expect(unknown.status).toBe(wrong.status);
      expect(textOf(await unknown.text()).replace("no-such-person", "ID")).toBe(
        textOf(await wrong.text()).replace("viewer", "ID"),
      );
      for (let i = 0; i < 4; i++) await signIn(world.app, "no-such-person", "x");
      expect(textOf(await (await signIn(world.app, "no-such-person", "x")).text())).toContain(
        "ログインを15分間止めています",
      );
    }, 60_000);
  });

  describe("the session cookie", () => {
    it("over HTTP: HttpOnly, SameSite=Lax, Path=/, no Secure, no lifetime of its own", async () => {
      const world = await buildWorld(database, { passwords: true, seed: false });
      const set = sessionCookie(await signIn(world.app, "viewer", PASSWORD));
      expect(set?.name).toBe("shinchoku_session");
      expect(set?.attributes).toContain("httponly");
      expect(set?.attributes).toContain("samesite=lax");
      expect(set?.attributes).toContain("path=/");
      expect(set?.attributes).not.toContain("secure");
      expect(set?.attributes.some((a) => a.startsWith("domain="))).toBe(false);
      expect(set?.attributes.some((a) => a.startsWith("max-age=") || a.startsWith("expires="))).toBe(false);
    }, 60_000);

    it("behind an HTTPS proxy with TRUST_PROXY: Secure and the __Host- prefix, and it signs in there", async () => {
      const world = await buildWorld(database, {
        passwords: true,
        seed: false,
        security: { trustProxy: true },
      });
      const proxied = { "X-Forwarded-Proto": "https", "X-Forwarded-Host": "shinchoku.city.example.lg.jp" };
      const response = await signIn(world.app, "viewer", PASSWORD, {
        headers: proxied,
        origin: "https://shinchoku.city.example.lg.jp",
      });
      expect(response.status).toBe(303);
      const set = sessionCookie(response);
      expect(set?.name).toBe("__Host-shinchoku_session");
      expect(set?.attributes).toContain("secure");
      expect(set?.attributes).toContain("httponly");
      expect(set?.attributes).toContain("samesite=lax");
      expect(set?.attributes).toContain("path=/");
      expect(set?.attributes.some((a) => a.startsWith("domain="))).toBe(false);
      const home = await world.app.request("/o/sakado/manage", {
        headers: { ...proxied, Cookie: `${set?.name}=${set?.value}` },
      });
      expect(home.status).toBe(200);
      // The plain-HTTP origin is not this site's any more.
      const fromHttp = await signIn(world.app, "viewer", PASSWORD, { headers: proxied });
      expect(fromHttp.status).toBe(403);
    }, 60_000);

    it("without TRUST_PROXY a forwarded https is not believed", async () => {
      const world = await buildWorld(database, { passwords: true, seed: false });
      const response = await signIn(world.app, "viewer", PASSWORD, {
        headers: { "X-Forwarded-Proto": "https", "X-Forwarded-Host": "evil.example" },
      });
      expect(response.status).toBe(303);
      expect(sessionCookie(response)?.name).toBe("shinchoku_session");
      expect(sessionCookie(response)?.attributes).not.toContain("secure");
    }, 60_000);
  });

  describe("personal API tokens", () => {
    it("are shown once, stored hashed, work with the owner's rights, and stop when revoked", async () => {
      const world = await buildWorld(database, { passwords: true });
      const cookie = await signedInCookie(world.app, "editor");
      const csrf = await csrfOf(world.app, cookie);
      const created = await post(world.app, "/o/sakado/manage/account/tokens", cookie, {
        _csrf: csrf,
        tokenName: "集計用スクリプト",
      });
      expect(created.status).toBe(200);
      const html = await created.text();
      const token = /<code class="secret">([^<]+)<\/code>/.exec(html)?.[1] ?? "";
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      // Shown once: the account page does not show it again.
      const again = await (
        await world.app.request("/o/sakado/manage/account", { headers: { Cookie: cookie } })
      ).text();
      expect(again).not.toContain(token);
      expect(again).toContain("集計用スクリプト");
      // Only its hash is stored.
      const rows = await world.store.db.selectFrom("api_token").selectAll().execute();
      expect(rows.some((r) => r.token_hash === hashToken(token))).toBe(true);
      expect(JSON.stringify(rows)).not.toContain(token);
      const audit = await world.store.db.selectFrom("audit_log").selectAll().execute();
      expect(JSON.stringify(audit)).not.toContain(token);

      const bearer = { Authorization: `Bearer ${token}` };
      const me = await world.app.request("/api/v1/me", { headers: bearer });
      expect(me.status).toBe(200);
      expect(await me.json()).toMatchObject({ loginId: "editor", organization: "sakado", roles: ["editor"] });
      // The owner's rights: a report of the editor's department passes the policy (the empty body is
      // then refused as invalid), the account pages do not.
      const path = `/api/v1/plans/${world.planId}/rounds/${world.fiscalYear}/reports/${world.initiativeNumber}`;
      const patch = await world.app.request(path, {
        method: "PATCH",
        headers: { ...bearer, "Content-Type": "application/json" },
        body: "{}",
      });
      expect(patch.status).toBe(400);
      const accounts = await world.app.request("/o/sakado/manage/accounts", { headers: bearer });
      expect(accounts.status).toBe(403);
      // A token cannot make another token (nor change the password, nor end the owner's sessions).
      const tokensBefore = (await world.store.db.selectFrom("api_token").selectAll().execute()).length;
      for (const [path, fields] of [
        ["/o/sakado/manage/account/tokens", { tokenName: "another" }],
        ["/o/sakado/manage/account/logout-everywhere", {}],
        [
          "/o/sakado/manage/password",
          { currentPassword: PASSWORD, password: "x".repeat(20), passwordConfirm: "x".repeat(20) },
        ],
      ] as const) {
        const response = await world.app.request(path, {
          method: "POST",
          headers: { ...bearer, "Content-Type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams(fields).toString(),
        });
        expect(response.status, path).toBe(403);
      }
      expect((await world.store.db.selectFrom("api_token").selectAll().execute()).length).toBe(tokensBefore);
      expect(await homeStatus(world.app, cookie)).toBe(200);

      const id = /tokens\/(\d+)\/revoke/.exec(again)?.[1];
      const revoked = await post(world.app, `/o/sakado/manage/account/tokens/${id}/revoke`, cookie, {
        _csrf: csrf,
      });
      expect(revoked.status).toBe(303);
      expect((await world.app.request("/api/v1/me", { headers: bearer })).status).toBe(401);
      // Refused outright, not taken for an anonymous reader of the public API.
      expect((await world.app.request("/api/v1/organizations", { headers: bearer })).status).toBe(401);
    }, 60_000);

    it("read only the Bearer scheme: a Basic sign-in a proxy passes through neither refuses nor signs in", async () => {
      const world = await buildWorld(database, { passwords: true, seed: false });
      const basic = { Authorization: `Basic ${Buffer.from("proxy:secret").toString("base64")}` };
      expect((await world.app.request("/api/v1/organizations", { headers: basic })).status).toBe(200);
      expect((await world.app.request("/api/v1/me", { headers: basic })).status).toBe(401);
      const cookie = await signedInCookie(world.app, "viewer");
      expect(
        (await world.app.request("/o/sakado/manage", { headers: { ...basic, Cookie: cookie } })).status,
      ).toBe(200);
      // A malformed or unknown Bearer token is still refused outright.
      for (const value of ["Bearer", "Bearer !!!", `bearer ${"z".repeat(43)}`]) {
        const response = await world.app.request("/api/v1/organizations", {
          headers: { Authorization: value },
        });
        expect(response.status, value).toBe(401);
      }
    }, 60_000);

    it("stop at a forced reset by the secretariat, with the sessions", async () => {
      const world = await buildWorld(database, { passwords: true, seed: false });
      const token = await world.accounts.viewer.apiToken();
      const session = await world.accounts.viewer.session();
      const admin = await signedInCookie(world.app, "secretariat");
      const page = await (
        await world.app.request(`/o/sakado/manage/accounts/${world.accounts.viewer.account.id}`, {
          headers: { Cookie: admin },
        })
      ).text();
      const csrf = /name="_csrf" value="([^"]+)"/.exec(page)?.[1] ?? "";
      const reset = await post(
        world.app,
        `/o/sakado/manage/accounts/${world.accounts.viewer.account.id}/reset`,
        admin,
        {
          _csrf: csrf,
        },
      );
      expect(reset.status).toBe(200);
      expect(
        (await world.app.request("/api/v1/me", { headers: { Authorization: `Bearer ${token.token}` } }))
          .status,
      ).toBe(401);
      expect(await homeStatus(world.app, session.cookie)).toBe(303);
      expect((await signIn(world.app, "viewer", PASSWORD)).status).toBe(400);
    }, 60_000);

    it("cannot revoke another account's token (not found, and it keeps working)", async () => {
      const world = await buildWorld(database, { passwords: true, seed: false });
      const theirs = await world.accounts.viewer.apiToken();
      const cookie = await signedInCookie(world.app, "editor");
      const response = await post(world.app, `/o/sakado/manage/account/tokens/${theirs.id}/revoke`, cookie, {
        _csrf: await csrfOf(world.app, cookie),
      });
      expect(response.status).toBe(404);
      const me = await world.app.request("/api/v1/me", {
        headers: { Authorization: `Bearer ${theirs.token}` },
      });
      expect(me.status).toBe(200);
    }, 60_000);
  });
});
