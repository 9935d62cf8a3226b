/**
 * CSRF, for every state-changing route of the route table: without a token, with a wrong one, with
 * another session's, from a foreign Origin, or marked Sec-Fetch-Site: cross-site, the request is
 * refused with 403 and a page (or problem document) that says what to do, and nothing is written;
 * the right token from this origin passes. The requester is one the route's rule lets through (the
 * secretariat when signed in; nobody, with the form's cookie, on the forms before sign-in).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { forEachDatabase } from "../db.ts";
import { buildWorld, snapshot, type World } from "./fixtures.ts";
import { allRoutes, type Call, concretePath, label, ORIGIN, requestOf, stateChanging } from "./routes.ts";

const routes = allRoutes().table.filter(stateChanging);

type Variant = { name: string; change: (call: Call, world: World) => Promise<void> | void };

function setToken(call: Call, entry: { api: boolean }, token: string | undefined): void {
  if (entry.api) {
    if (token === undefined) delete call.init.headers["X-CSRF-Token"];
    else call.init.headers["X-CSRF-Token"] = token;
  } else {
    const body = new URLSearchParams(String(call.init.body));
    if (token === undefined) body.delete("_csrf");
    else body.set("_csrf", token);
    call.init.body = body.toString();
  }
}

forEachDatabase((database) => {
  let world: World;
  beforeAll(async () => {
    world = await buildWorld(database);
  }, 60_000);

  it("covers the state-changing routes (the table is not empty)", () => {
    expect(routes.map((r) => `${r.method} ${r.path}`)).toContain("POST /o/:org/manage/accounts/:id/disable");
  });

  it("asks browsers for a Referrer-Policy under which their form posts carry this site's Origin", async () => {
    // Under no-referrer a browser sends "Origin: null" with a form post (Fetch, "serializing a request
    // origin"). Should one still do so (an older policy cached, a privacy setting), Sec-Fetch-Site,
    // which no page can set, decides: a cross-site "null" is refused, the browser's own is not.
    const response = await world.app.request("/o/sakado/login");
    expect(response.headers.get("Referrer-Policy")).toBe("same-origin");
    const call = await requestOf(
      world,
      routes.find((r) => r.path === "/o/:org/login") as (typeof routes)[number],
      "anonymous",
      "/o/sakado/login",
    );
    call.init.headers.Origin = "null";
    call.init.headers["Sec-Fetch-Site"] = "cross-site";
    expect((await world.app.request(call.path, call.init)).status).toBe(403);
    call.init.headers["Sec-Fetch-Site"] = "same-origin";
    expect((await world.app.request(call.path, call.init)).status).not.toBe(403);
  });

  describe.each(routes.map((entry) => [label(entry), entry] as const))("%s", (_, entry) => {
    const who = entry.rule.kind === "signed-in" ? ("secretariat" as const) : ("anonymous" as const);
    const refused: Variant[] = [
      { name: "without a token", change: (call) => setToken(call, entry, undefined) },
      { name: "with a wrong token", change: (call) => setToken(call, entry, "x".repeat(43)) },
      {
        name: "with the token of another session (or form)",
        change: async (call, w) => setToken(call, entry, (await w.accounts.viewer.session()).csrf),
      },
      {
        name: "from a foreign Origin",
        change: (call) => {
          call.init.headers.Origin = "https://evil.example";
          call.init.headers["Sec-Fetch-Site"] = "cross-site";
        },
      },
      {
        name: "from a look-alike Origin (another port)",
        change: (call) => {
          call.init.headers.Origin = "http://localhost:8080";
        },
      },
      {
        name: "marked Sec-Fetch-Site: cross-site, without Origin",
        change: (call) => {
          delete call.init.headers.Origin;
          call.init.headers["Sec-Fetch-Site"] = "cross-site";
        },
      },
      {
        name: "marked Sec-Fetch-Site: same-site (a sibling subdomain), without Origin",
        change: (call) => {
          delete call.init.headers.Origin;
          call.init.headers["Sec-Fetch-Site"] = "same-site";
        },
      },
      {
        name: "with neither Origin nor Sec-Fetch-Site",
        change: (call) => {
          delete call.init.headers.Origin;
          delete call.init.headers["Sec-Fetch-Site"];
        },
      },
    ];

    it.each(refused)(
      "refuses a request $name with 403, a page that says what to do, and writes nothing",
      async (variant) => {
        for (const lang of ["ja", "en"] as const) {
          const path = await concretePath(world, entry, who);
          const call = await requestOf(world, entry, who, lang === "en" ? `${path}?lang=en` : path);
          await variant.change(call, world);
          const before = await snapshot(world.store);
          const response = await world.app.request(call.path, call.init);
          const body = await response.text();
          expect(response.status).toBe(403);
          expect(await snapshot(world.store)).toBe(before);
          if (entry.api) {
            expect(response.headers.get("Content-Type")).toContain("application/problem+json");
            expect(JSON.parse(body).detail).toMatch(lang === "ja" ? /開き直して/ : /Open the page again/);
          } else {
            expect(response.headers.get("Content-Type")).toContain("text/html");
            expect(body).toContain(lang === "ja" ? "ページを開き直してから" : "Open the page again");
            expect(body).toContain(lang === "ja" ? "何も変更していません" : "nothing was changed");
          }
        }
      },
    );

    it("lets the right token from this origin through", async () => {
      const call = await requestOf(world, entry, who, await concretePath(world, entry, who));
      expect(call.init.headers.Origin).toBe(ORIGIN);
      const response = await world.app.request(call.path, call.init);
      expect(response.status).not.toBe(403);
      expect([401, 404]).not.toContain(response.status);
    });

    it("lets it through from this origin with only Sec-Fetch-Site: same-origin (no Origin header)", async () => {
      const call = await requestOf(world, entry, who, await concretePath(world, entry, who));
      delete call.init.headers.Origin;
      const response = await world.app.request(call.path, call.init);
      expect(response.status).not.toBe(403);
    });
  });
});
