import { beforeAll, expect, it } from "vitest";
import { forEachDatabase } from "../../test/db.ts";
import { seededApp } from "../../test/server-support.ts";
import type { createApp } from "./app.ts";

forEachDatabase((database) => {
  let app: ReturnType<typeof createApp>;
  beforeAll(async () => {
    ({ app } = await seededApp(database));
  });

  it("an address with a trailing slash redirects permanently to the page without it, query kept", async () => {
    for (const [from, to] of [
      ["/o/sakado/", "/o/sakado"],
      ["/api/docs/", "/api/docs"],
      ["/api/docs/?lang=en", "/api/docs?lang=en"],
      [
        "/o/sakado/plans/1/2019/?policy=%28%E3%82%A4%29&grade=C",
        "/o/sakado/plans/1/2019?policy=%28%E3%82%A4%29&grade=C",
      ],
      ["/api/v1/organizations/", "/api/v1/organizations"],
    ]) {
      const res = await app.request(`http://localhost${from}`);
      expect(res.status, from).toBe(301);
      expect(res.headers.get("location"), from).toBe(`http://localhost${to}`);
      expect((await app.request(res.headers.get("location") ?? "")).status, to).toBe(200);
    }
  });

  it("the home page stays where it is, and a missing page with a slash is still not found", async () => {
    expect((await app.request("/")).status).toBe(200);
    const res = await app.request("/no/such/page/");
    expect(res.status).toBe(301);
    expect((await app.request(res.headers.get("location") ?? "")).status).toBe(404);
  });
});
