/**
 * Secrets never reach the log: `shinchoku serve` in a child process is taken through the first
 * secretariat's setup, a personal API token's creation, a password change, sign-out, a failed and a
 * good sign-in, an invitation and its password, calls with a good and a bad API token; everything it
 * wrote on stdout and stderr is then searched for each password, session token, API token, CSRF
 * token and one-time invitation token (and for their hashes, in case a row was dumped).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { hashToken } from "../../src/security/tokens.ts";
import { loadSampleData } from "../../src/server/sample.ts";
import { openStore } from "../../src/store/index.ts";
import { issueSetupToken } from "../../src/workflow/accounts.ts";
import { type ChildServer, startServe, TestBrowser } from "./child-server.ts";

const folder = mkdtempSync(join(tmpdir(), "shinchoku-secrets-"));
let server: ChildServer | undefined;
afterAll(async () => {
  await server?.stop();
  rmSync(folder, { recursive: true, force: true });
});

it("a server taken through every sign-in and secret-making step logs none of the secrets", async () => {
  const databaseUrl = `sqlite:${join(folder, "shinchoku.db")}`;
  const store = await openStore(databaseUrl);
  await store.migrate();
  await loadSampleData(store);
  const organization = await store.organizations.findBySlug("sakado");
  if (!organization) throw new Error("no 坂戸市");
  const [department] = await store.departments.list(organization.id);
  const setupToken = await issueSetupToken(
    store,
    { kind: "system", name: "test" },
    organization.id,
    new Date(),
  );
  await store.close();
  if (!setupToken || !department) throw new Error("no setup token");

  server = await startServe(databaseUrl);
  const secrets: Record<string, string> = {};
  const first = new TestBrowser(server.url);

  await first.get(`/setup/${setupToken}`);
  secrets.setupPassword = "the first secretariat's pass 1";
  const setup = await first.post(`/setup/${setupToken}`, {
    loginId: "chief",
    displayName: "事務局 長",
    email: "",
    password: secrets.setupPassword,
    passwordConfirm: secrets.setupPassword,
  });
  expect(setup.response.status).toBe(303);
  secrets.firstSession = first.session() ?? "";

  await first.get("/o/sakado/manage/account");
  secrets.firstCsrf = first.csrf;
  const created = await first.post("/o/sakado/manage/account/tokens", { tokenName: "集計" });
  secrets.apiToken = /<code class="secret">([^<]+)<\/code>/.exec(created.body)?.[1] ?? "";

  secrets.changedPassword = "a changed passphrase, longer 2";
  await first.get("/o/sakado/manage/password");
  const changed = await first.post("/o/sakado/manage/password", {
    currentPassword: secrets.setupPassword,
    password: secrets.changedPassword,
    passwordConfirm: secrets.changedPassword,
  });
  expect(changed.response.status).toBe(200);
  expect((await first.post("/o/sakado/logout", {})).response.status).toBe(303);

  const second = new TestBrowser(server.url);
  await second.get("/o/sakado/login");
  secrets.formToken = second.csrf;
  secrets.wrongPassword = "not my password, a guess 3";
  const failed = await second.post("/o/sakado/login", { loginId: "chief", password: secrets.wrongPassword });
  expect(failed.response.status).toBe(400);
  const good = await second.post("/o/sakado/login", { loginId: "chief", password: secrets.changedPassword });
  expect(good.response.status).toBe(303);
  secrets.secondSession = second.session() ?? "";

  await second.get("/o/sakado/manage/accounts/new");
  secrets.secondCsrf = second.csrf;
  const invited = await second.post("/o/sakado/manage/accounts/new", {
    loginId: "editor1",
    displayName: "所管課 担当",
    email: "",
    roles: "editor",
    departmentIds: String(department.id),
  });
  expect(invited.response.status).toBe(200);
  secrets.inviteToken = /\/password\/([A-Za-z0-9_-]{43})/.exec(invited.body)?.[1] ?? "";

  const editor = new TestBrowser(server.url);
  await editor.get(`/o/sakado/password/${secrets.inviteToken}`);
  secrets.invitedPassword = "the editor's own passphrase 4";
  const set = await editor.post(`/o/sakado/password/${secrets.inviteToken}`, {
    password: secrets.invitedPassword,
    passwordConfirm: secrets.invitedPassword,
  });
  expect(set.response.status).toBe(303);
  secrets.editorSession = editor.session() ?? "";

  const me = await fetch(`${server.url}/api/v1/me`, {
    headers: { Authorization: `Bearer ${secrets.apiToken}` },
  });
  expect(me.status).toBe(200);
  secrets.badApiToken = "b".repeat(43);
  const bad = await fetch(`${server.url}/api/v1/me`, {
    headers: { Authorization: `Bearer ${secrets.badApiToken}` },
  });
  expect(bad.status).toBe(401);

  await server.stop();
  const log = server.output();
  // The output was captured (the scan is not of nothing).
  expect(log).toContain("listening on");
  for (const [name, value] of Object.entries(secrets)) {
    expect(value.length, name).toBeGreaterThan(10);
    expect(log.includes(value), `${name} appears in the server's output`).toBe(false);
    expect(log.includes(hashToken(value)), `the hash of ${name} appears in the server's output`).toBe(false);
  }
}, 300_000);
