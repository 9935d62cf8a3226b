import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { forEachDatabase } from "../../test/db.ts";
import { startServer } from "../server/start.ts";
import { openStore } from "../store/index.ts";
import type { CliIo } from "./io.ts";
import { run as organization } from "./organization.ts";

/**
 * First run, end to end: `shinchoku serve` prints a one-time setup URL for an organization without a
 * secretariat; read from its output, that URL makes the first account over HTTP (with the form's
 * CSRF token), which then signs in; the URL works once, and a restart prints none.
 */

const BIN = fileURLToPath(new URL("../../bin/shinchoku.js", import.meta.url));
const PASSWORD = "Sakado-kaikaku-2026!";
const SETUP = /坂戸市（sakado）：(http:\/\/localhost:(\d+)\/setup\/[A-Za-z0-9_-]{43})/;

const quiet: CliIo = { out: () => {}, err: () => {} };

/** The cookie pairs (name=value) a response sets. */
function cookies(response: Response): Map<string, { pair: string; attributes: string }> {
  const found = new Map<string, { pair: string; attributes: string }>();
  for (const header of response.headers.getSetCookie()) {
    const [pair = "", ...attributes] = header.split(";").map((p) => p.trim());
    found.set(pair.split("=")[0] ?? "", { pair, attributes: attributes.join("; ") });
  }
  return found;
}

function csrfOf(html: string): string {
  const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
  if (!token) throw new Error("no CSRF field on the page");
  return token;
}

/** A form as a browser on this site posts it. */
async function post(
  url: string,
  origin: string,
  cookie: string,
  fields: Record<string, string>,
  headers = {},
) {
  return fetch(url, {
    method: "POST",
    redirect: "manual",
    headers: {
      "Content-Type": "application/x-www-form-urlencoded",
      Origin: origin,
      Cookie: cookie,
      ...headers,
    },
    body: new URLSearchParams(fields).toString(),
  });
}

forEachDatabase((database) => {
  describe("first run", () => {
    const children: ChildProcess[] = [];
    afterEach(() => {
      for (const child of children.splice(0)) child.kill("SIGKILL");
    });

    const serve = async (url: string, env: Record<string, string> = {}) => {
      const { DATABASE_URL: _d, PORT: _p, HOST: _h, PUBLIC_URL: _u, TRUST_PROXY: _t, ...rest } = process.env;
      const child = spawn(process.execPath, [BIN, "serve", "--port", "0", "--database", url], {
        env: { ...rest, ...env },
      });
      children.push(child);
      let text = "";
      const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
      await new Promise<void>((resolve, reject) => {
        const read = (chunk: Buffer) => {
          text += chunk.toString("utf8");
          if (text.includes("Ctrl+C")) resolve();
        };
        child.stdout?.on("data", read);
        child.stderr?.on("data", read);
        child.once("exit", (code) => reject(new Error(`serve exited with ${code}:\n${text}`)));
      });
      const port = /listening on http:\/\/localhost:(\d+)\//.exec(text)?.[1];
      return {
        output: text,
        origin: `http://localhost:${port}`,
        stop: async () => {
          child.kill("SIGTERM");
          await exited;
        },
      };
    };

    it("prints a setup URL that makes the first secretariat, who then signs in; never again after", async () => {
      const url = await database.freshUrl();
      // SQLite gets the sample (坂戸市) on first start; an empty PostgreSQL gets its city from the CLI.
      if (database.name === "postgres")
        expect(await organization(["add", "坂戸市", "--slug", "sakado", "--database", url], quiet)).toBe(0);
      const first = await serve(url);
      const printed = SETUP.exec(first.output);
      expect(printed, first.output).not.toBeNull();
      const setupUrl = printed?.[1] ?? "";
      expect(`http://localhost:${printed?.[2]}`).toBe(first.origin);
      expect(first.output.match(/\/setup\//g)).toHaveLength(1);

      // The setup page, its form token and the cookie that token must match.
      const page = await fetch(setupUrl);
      expect(page.status).toBe(200);
      const formCookie = cookies(page).get("shinchoku_form")?.pair ?? "";
      expect(formCookie).not.toBe("");
      const fields = {
        _csrf: csrfOf(await page.text()),
        loginId: "K1001",
        displayName: "坂戸 花子",
        email: "",
        password: PASSWORD,
        passwordConfirm: PASSWORD,
      };
      // Without the token nothing is made.
      const { _csrf: _, ...withoutToken } = fields;
      expect((await post(setupUrl, first.origin, formCookie, withoutToken)).status).toBe(403);

      const made = await post(setupUrl, first.origin, formCookie, fields);
      expect(made.status).toBe(303);
      expect(made.headers.get("Location")).toBe("/o/sakado/manage");
      const session = cookies(made).get("shinchoku_session");
      expect(session?.attributes).toContain("HttpOnly");
      expect(session?.attributes).not.toContain("Secure");
      const manage = await fetch(`${first.origin}/o/sakado/manage`, {
        headers: { Cookie: session?.pair ?? "" },
      });
      expect(manage.status).toBe(200);
      expect(await manage.text()).toContain("坂戸 花子");

      // Single use.
      expect((await fetch(setupUrl)).status).toBe(404);
      expect((await post(setupUrl, first.origin, formCookie, { ...fields, loginId: "k9999" })).status).toBe(
        404,
      );

      // Sign in with the account the setup made.
      const login = await fetch(`${first.origin}/o/sakado/login`);
      const loginCookie = cookies(login).get("shinchoku_form")?.pair ?? "";
      const signedIn = await post(`${first.origin}/o/sakado/login`, first.origin, loginCookie, {
        _csrf: csrfOf(await login.text()),
        loginId: "k1001",
        password: PASSWORD,
      });
      expect(signedIn.status).toBe(303);
      expect(cookies(signedIn).get("shinchoku_session")?.pair).toMatch(
        /^shinchoku_session=[A-Za-z0-9_-]{43}$/,
      );
      await first.stop();

      // A secretariat exists: no setup URL any more. Behind a trusted HTTPS proxy the session cookie
      // is Secure with the __Host- prefix, and the address is the proxy's X-Forwarded-For.
      const second = await serve(url, { TRUST_PROXY: "1" });
      expect(second.output).not.toContain("/setup/");
      expect(second.output).not.toContain("事務局アカウントがまだない");
      const httpsOrigin = second.origin.replace("http:", "https:");
      const proxied = { "X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.7, 10.0.0.1" };
      const again = await fetch(`${second.origin}/o/sakado/login`, { headers: proxied });
      const againCookie = cookies(again);
      expect(againCookie.get("shinchoku_form")?.attributes).toContain("Secure");
      const secure = await post(
        `${second.origin}/o/sakado/login`,
        httpsOrigin,
        againCookie.get("shinchoku_form")?.pair ?? "",
        { _csrf: csrfOf(await again.text()), loginId: "k1001", password: PASSWORD },
        proxied,
      );
      expect(secure.status).toBe(303);
      const hostCookie = cookies(secure).get("__Host-shinchoku_session");
      expect(hostCookie?.attributes).toContain("Secure");
      expect(hostCookie?.attributes).toContain("Path=/");
      expect(cookies(secure).has("shinchoku_session")).toBe(false);
      await second.stop();

      const store = await openStore(url);
      try {
        const sakado = await store.organizations.findBySlug("sakado");
        const account = await store.accounts.findByLogin(sakado?.id ?? 0, "k1001");
        const sessions = await store.sessions.listForAccount(account?.id ?? 0);
        expect(sessions.map((s) => s.address)).toContain("203.0.113.7");
      } finally {
        await store.close();
      }
    }, 240_000);

    it("builds the printed URL on PUBLIC_URL", async () => {
      const url = await database.freshUrl();
      expect(await organization(["add", "坂戸市", "--slug", "sakado", "--database", url], quiet)).toBe(0);
      const server = await startServer({
        port: 0,
        databaseUrl: url,
        sample: false,
        renderThreads: 1,
        security: { publicUrl: "https://shinchoku.city.example.lg.jp" },
      });
      try {
        expect(server.setupLinks.map((l) => l.organization.slug)).toEqual(["sakado"]);
        expect(server.setupLinks[0]?.url).toMatch(
          /^https:\/\/shinchoku\.city\.example\.lg\.jp\/setup\/[A-Za-z0-9_-]{43}$/,
        );
      } finally {
        await server.close();
      }
    }, 60_000);
  });
});
