import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { afterAll, describe, expect, it } from "vitest";
import { seedDocument } from "../../test/factories/test-documents.ts";
import { exportJson } from "../io/export/json.ts";

/**
 * The inputs that once took gigabytes (a 200 MB table, a zip bomb, a cell at XFD1048576, a document
 * nested 1,000 levels deep, a million wrong values, a description of a million characters) and a
 * file just under the size limit, imported one after another in a child whose heap is capped at 1 GB: each
 * ends with exit 1, and the child's peak memory stays under 1 GB.
 */
const CHILD = fileURLToPath(new URL("../../test/support/import-in-child.ts", import.meta.url));
const GB = 1024 * 1024 * 1024;
const dir = mkdtempSync(join(tmpdir(), "shinchoku-memory-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string | Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

async function hostileInputs(): Promise<string[]> {
  const huge = file("huge.txt", "");
  truncateSync(huge, 200 * 1024 * 1024);

  const bombPayload = 2 * 1024 * 1024;
  const bomb = new JSZip();
  bomb.file("xl/worksheets/sheet1.xml", new Uint8Array(bombPayload).fill(0x20));
  const bombBytes = Buffer.from(await bomb.generateAsync({ type: "uint8array", compression: "DEFLATE" }));
  for (let i = 0; i + 4 <= bombBytes.length; i++)
    if (bombBytes.readUInt32LE(i) === bombPayload) bombBytes.writeUInt32LE(1024, i);

  const far = new ExcelJS.Workbook();
  const sheet = far.addWorksheet("進行管理集計表");
  sheet.getCell("A1").value = "x";
  sheet.getCell("XFD1048576").value = "far";

  const flood = JSON.parse(exportJson(seedDocument())) as Record<string, unknown>;
  flood.policies = new Array(1_000_000).fill(0);
  const long = seedDocument();
  const first = long.policies[0]?.initiatives[0];
  if (first) first.description = "長".repeat(1_000_000);

  const line = "本部会評価\t".repeat(100) + "x".repeat(30_000);
  return [
    huge,
    file("bomb.xlsx", bombBytes),
    file("far.xlsx", new Uint8Array(await far.xlsx.writeBuffer())),
    file("deep.json", `{"format":"shinchoku.plan/v2","policies":${"[".repeat(1000)}${"]".repeat(1000)}}`),
    file("flood.json", JSON.stringify(flood)),
    file("long.json", exportJson(long)),
    // Just under the file size limit: 31 MB of rows after a footer, each read and set aside.
    file("padded.txt", `${line}\n`.repeat(1000)),
  ];
}

describe("no input takes more than 1 GB", () => {
  it("hostile inputs end with exit 1 in a child capped at 1 GB of heap, peak memory under 1 GB", async () => {
    const inputs = await hostileInputs();
    const child = spawn(
      process.execPath,
      ["--max-old-space-size=1024", "--import", "tsx", CHILD, dir, ...inputs],
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => {
      stdout += c.toString("utf8");
    });
    child.stderr.on("data", (c: Buffer) => {
      stderr += c.toString("utf8");
    });
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    expect(code, stderr).toBe(0);
    const result = JSON.parse(stdout.trim().split("\n").at(-1) as string) as {
      codes: number[];
      maxRssBytes: number;
    };
    expect(result.codes).toEqual(inputs.map(() => 1));
    expect(result.maxRssBytes).toBeLessThan(GB);
  }, 120_000);
});
