import { execFileSync } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  symlinkSync,
  utimesSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../", import.meta.url));

/** `npm run build` and the freshness rule `npm start` and bin/shinchoku.js go by, in a copy of the project. */
describe("the build", () => {
  let project: string;
  beforeAll(() => {
    project = mkdtempSync(join(tmpdir(), "shinchoku-build-"));
    for (const path of ["bin", "scripts", "src", "test/fixtures", "package.json", "tsconfig.json"]) {
      cpSync(join(ROOT, path), join(project, path), { recursive: true });
    }
    symlinkSync(join(ROOT, "node_modules"), join(project, "node_modules"), "junction");
    execFileSync(process.execPath, ["scripts/build.mjs"], { cwd: project, stdio: "pipe" });
  }, 60_000);
  afterAll(() => rmSync(project, { recursive: true, force: true }));

  const fresh = () =>
    execFileSync(
      process.execPath,
      [
        "--input-type=module",
        "-e",
        'console.log((await import("./scripts/dist-state.mjs")).distState().fresh)',
      ],
      { cwd: project, encoding: "utf8" },
    ).trim() === "true";
  // Now is after the build above began, and before any build the test starts next.
  const touch = (path: string) => {
    const now = new Date();
    utimesSync(join(project, path), now, now);
  };

  it("bundles the commands and copies the files read at run time to the same place", () => {
    expect(existsSync(join(project, "dist/cli.js"))).toBe(true);
    // The render pool loads its worker by file name (src/server/render/pool.ts).
    expect(existsSync(join(project, "dist/server/render/export-worker.js"))).toBe(true);
    for (const file of [
      "server/assets/site.css",
      "server/assets/progress-table.css",
      "server/sample/sakado-fy2019.txt",
    ]) {
      expect(readFileSync(join(project, "dist", file))).toEqual(readFileSync(join(project, "src", file)));
    }
    expect(fresh()).toBe(true);
  });

  it("runs from dist/ alone: an export of the seed through bin/shinchoku.js with src/ moved away", () => {
    const out = join(project, "seed.pdf");
    const json = join(project, "seed.json");
    renameSync(join(project, "src"), join(project, "src-away"));
    try {
      execFileSync(
        process.execPath,
        [
          "bin/shinchoku.js",
          "export",
          "--input",
          "test/fixtures/sakado-fy2019.txt",
          "--format",
          "json",
          "-o",
          json,
        ],
        { cwd: project, stdio: "pipe" },
      );
      // The server's render worker, as its pool starts it: the bundled file, without tsx.
      const rendered = execFileSync(
        process.execPath,
        [
          "--input-type=module",
          "-e",
          `import { Piscina } from "piscina";
           import { readFileSync } from "node:fs";
           const pool = new Piscina({ filename: new URL("./dist/server/render/export-worker.js", "file://" + process.cwd() + "/").href });
           const document = JSON.parse(readFileSync(${JSON.stringify(json)}, "utf8"));
           const { body } = await pool.run({ format: "pdf", document, encoding: "utf-8", created: "2020-04-01T00:00:00Z" });
           console.log(Buffer.from(body).subarray(0, 5).toString("latin1"));
           await pool.destroy();`,
        ],
        { cwd: project, encoding: "utf8" },
      );
      expect(rendered.trim()).toBe("%PDF-");
      execFileSync(
        process.execPath,
        [
          "bin/shinchoku.js",
          "export",
          "--input",
          "test/fixtures/sakado-fy2019.txt",
          "--format",
          "pdf",
          "-o",
          out,
        ],
        { cwd: project, stdio: "pipe" },
      );
    } finally {
      renameSync(join(project, "src-away"), join(project, "src"));
    }
    expect(readFileSync(out).subarray(0, 5).toString("latin1")).toBe("%PDF-");
  });

  it("is stale after a source changes or goes away, not after a test changes", () => {
    touch("src/server/config.test.ts");
    expect(fresh()).toBe(true);
    touch("src/server/assets/site.css");
    expect(fresh()).toBe(false);
    execFileSync(process.execPath, ["scripts/build.mjs"], { cwd: project, stdio: "pipe" });
    expect(fresh()).toBe(true);
    rmSync(join(project, "src/server/sample/sakado-fy2019.txt"));
    expect(fresh()).toBe(false);
  }, 60_000);
});
