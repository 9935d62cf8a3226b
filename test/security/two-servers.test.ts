/**
 * Two server processes on one PostgreSQL database share their sessions (they live in the database):
 * signed in on one, the session works on the other; signed out on the other, the first refuses it.
 * PostgreSQL only: with TEST_DATABASE_URL set (as in CI) an unreachable server fails this test, it is
 * never skipped; without it the test is declared as skipped, like every PostgreSQL test.
 */
import { afterAll, describe, expect, it } from "vitest";
import { hashPassword } from "../../src/security/passwords.ts";
import { loadSampleData } from "../../src/server/sample.ts";
import { openStore } from "../../src/store/index.ts";
import { testDatabases } from "../db.ts";
import { type ChildServer, startServe, TestBrowser } from "./child-server.ts";

const postgres = testDatabases().find((d) => d.name === "postgres");
const PASSWORD = "shared by both servers 12345";

(postgres ? describe : describe.skip)("two server processes on one PostgreSQL", () => {
  const servers: ChildServer[] = [];
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    await postgres?.cleanup();
  });

  it("a session made on one works on the other, and ends on both at sign-out", async () => {
    if (!postgres) throw new Error("unreachable");
    const url = await postgres.freshUrl();
    const store = await openStore(url);
    await store.migrate();
    await loadSampleData(store);
    const organization = await store.organizations.findBySlug("sakado");
    if (!organization) throw new Error("no 坂戸市");
    const passwordHash = await hashPassword(PASSWORD);
    await store.transaction({ actor: { kind: "system", name: "test" } }, (tx) =>
      tx.accounts.create({
        organizationId: organization.id,
        loginId: "viewer",
        displayName: "閲覧 者",
        email: null,
        roles: ["viewer"],
        departmentIds: [],
        passwordHash,
      }),
    );
    await store.close();

    const [one, other] = await Promise.all([startServe(url), startServe(url)]);
    servers.push(one as ChildServer, other as ChildServer);
    if (!one || !other) throw new Error("a server did not start");
    expect(one.url).not.toBe(other.url);

    const onOne = new TestBrowser(one.url);
    await onOne.get("/o/sakado/login");
    const signedIn = await onOne.post("/o/sakado/login", { loginId: "viewer", password: PASSWORD });
    expect(signedIn.response.status).toBe(303);
    const session = onOne.session();
    expect(session).toBeDefined();

    // The same cookie on the other process (same host name, another port: a browser sends it there).
    const onOther = new TestBrowser(other.url);
    onOther.cookies.set("shinchoku_session", session as string);
    const home = await onOther.get("/o/sakado/manage");
    expect(home.response.status).toBe(200);
    expect(home.body).toContain("閲覧 者");
    const me = await onOther.get("/api/v1/me");
    expect(me.response.status).toBe(200);
    expect(JSON.parse(me.body)).toMatchObject({ loginId: "viewer", organization: "sakado" });

    // Signed out on the other process (with the CSRF token that process derived): the first refuses it.
    await onOther.get("/o/sakado/manage/account");
    const out = await onOther.post("/o/sakado/logout", {});
    expect(out.response.status).toBe(303);
    onOne.cookies.set("shinchoku_session", session as string);
    const after = await onOne.get("/o/sakado/manage");
    expect(after.response.status).toBe(303);
    expect(after.response.headers.get("Location")).toContain("/o/sakado/login");
  }, 300_000);
});
