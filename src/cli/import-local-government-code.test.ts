import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import { forEachDatabase } from "../../test/db.ts";
import { seedDocument } from "../../test/factories/test-documents.ts";
import { exportJson } from "../io/export/json.ts";
import { openStore } from "../store/index.ts";
import { run as runExport } from "./export.ts";
import { run } from "./import.ts";
import type { CliIo } from "./io.ts";

const seed = new URL("../../test/fixtures/sakado-fy2019.txt", import.meta.url).pathname;

let out: string[];
let err: string[];
let stdout: Uint8Array[];
let dir: string;
const io: CliIo = {
  out: (t) => out.push(t),
  err: (t) => err.push(t),
  stdout: (b) => stdout.push(b),
  env: {},
};

beforeEach(async () => {
  out = [];
  err = [];
  stdout = [];
  dir = await mkdtemp(join(tmpdir(), "shinchoku-lgcode-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

it("--local-government-code with a wrong check digit is a usage error (exit 2); nothing is created", async () => {
  const path = join(dir, "x.db");
  const args = [seed, "--organization", "坂戸市", "--slug", "sakado", "--local-government-code", "112398"];
  expect(await run([...args, "--database", `sqlite:${path}`], io)).toBe(2);
  expect(err.join("\n")).toContain("検査数字");
  expect(err.join("\n")).toContain("112399");
  expect(existsSync(path)).toBe(false);
});

it("a plan document whose organization code is wrong is refused (exit 1)", async () => {
  const file = join(dir, "plan.json");
  const doc = { ...seedDocument(), organization: { name: "坂戸市", localGovernmentCode: "11239" } };
  await writeFile(file, exportJson(doc));
  expect(await run([file, "--json", join(dir, "out.json")], io)).toBe(1);
  expect(err.join("\n")).toContain("半角数字6桁");
  expect(existsSync(join(dir, "out.json"))).toBe(false);
});

forEachDatabase((database) => {
  it("registers the code with the organization and the open-data CSV starts with it", async () => {
    const url = await database.freshUrl();
    const args = [seed, "--organization", "坂戸市", "--slug", "sakado", "--local-government-code", "112399"];
    expect(await run([...args, "--database", url], io), err.join("\n")).toBe(0);
    const store = await openStore(url);
    try {
      expect(await store.organizations.findBySlug("sakado")).toMatchObject({ localGovernmentCode: "112399" });
    } finally {
      await store.close();
    }
    const exportArgs = ["--plan", "1", "--year", "2019", "--format", "csv", "-o", "-", "--database", url];
    expect(await runExport(exportArgs, io), err.join("\n")).toBe(0);
    const lines = Buffer.concat(stdout)
      .toString("utf8")
      .replace(/^\uFEFF/, "")
      .split("\r\n");
    expect(lines[0]?.startsWith("全国地方公共団体コード,地方公共団体名,計画名,")).toBe(true);
    expect(lines[1]?.startsWith("112399,坂戸市,行政改革後期アクションプラン,")).toBe(true);

    // A later import without the option keeps the code.
    expect(await run([seed, "--replace", "--database", url], io), err.join("\n")).toBe(0);
    const again = await openStore(url);
    try {
      expect((await again.organizations.findBySlug("sakado"))?.localGovernmentCode).toBe("112399");
    } finally {
      await again.close();
    }
  });
});
