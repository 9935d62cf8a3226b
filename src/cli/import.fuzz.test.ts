import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDocument } from "../../test/factories/test-documents.ts";
import type { PlanDocument } from "../domain/plan-document.ts";
import { checkPlanDocument } from "../domain/plan-document-check.ts";
import { exportCsv } from "../io/export/csv.ts";
import { exportJson } from "../io/export/json.ts";
import { renderXlsx } from "../io/export/xlsx.ts";
import { checkDocumentSize, DEFAULT_LIMITS } from "../io/limits.ts";
import { run } from "./import.ts";
import type { CliIo } from "./io.ts";

/**
 * The importers under mutated seeds: the seed table as text, as the product's xlsx, as a plan document
 * and as open-data CSV, cut, overwritten, padded, repeated and spliced with hostile bytes (NUL, ESC,
 * invalid UTF-8, quotes, tabs). Whatever the input, `shinchoku import` ends with 0, 1 or 2, never
 * with an error nobody foresaw, and what it accepts is storable and within the limits.
 */

let dir: string;
const seeds: Record<string, Uint8Array> = {};
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "shinchoku-fuzz-"));
  seeds.txt = new Uint8Array(readFileSync(new URL("../../test/fixtures/sakado-fy2019.txt", import.meta.url)));
  seeds.xlsx = (await renderXlsx(seedDocument())).buffer;
  seeds.json = new TextEncoder().encode(exportJson(seedDocument()));
  seeds.csv = exportCsv(seedDocument());
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const HOSTILE = [
  0x00, 0x1b, 0x07, 0x22, 0x09, 0x0a, 0x0d, 0x7b, 0x5b, 0xff, 0xfe, 0xef, 0xbb, 0xbf, 0x80, 0xe3,
];

type Mutation =
  | { kind: "cut"; at: number }
  | { kind: "overwrite"; at: number; bytes: number[] }
  | { kind: "insert"; at: number; bytes: number[] }
  | { kind: "repeat"; at: number; length: number; times: number }
  | { kind: "delete"; at: number; length: number };

const position = fc.double({ min: 0, max: 1, noNaN: true });
const hostileBytes = fc.array(fc.oneof(fc.constantFrom(...HOSTILE), fc.integer({ min: 0, max: 255 })), {
  minLength: 1,
  maxLength: 16,
});
const mutation: fc.Arbitrary<Mutation> = fc
  .oneof(
    fc.record({ kind: fc.constant("cut" as const), at: position }),
    fc.record({ kind: fc.constant("overwrite" as const), at: position, bytes: hostileBytes }),
    fc.record({ kind: fc.constant("insert" as const), at: position, bytes: hostileBytes }),
    fc.record({
      kind: fc.constant("repeat" as const),
      at: position,
      length: fc.integer({ min: 1, max: 400 }),
      times: fc.integer({ min: 2, max: 50 }),
    }),
    fc.record({
      kind: fc.constant("delete" as const),
      at: position,
      length: fc.integer({ min: 1, max: 2000 }),
    }),
  )
  .map((m) => ({ ...m, at: (m as { at: number }).at }) as Mutation);

function mutate(bytes: Uint8Array, mutations: Mutation[]): Uint8Array {
  let out = Buffer.from(bytes);
  for (const m of mutations) {
    const at = Math.floor(m.at * out.length);
    switch (m.kind) {
      case "cut":
        out = out.subarray(0, at);
        break;
      case "overwrite":
        out = Buffer.from(out);
        Buffer.from(m.bytes).copy(out, at);
        break;
      case "insert":
        out = Buffer.concat([out.subarray(0, at), Buffer.from(m.bytes), out.subarray(at)]);
        break;
      case "repeat": {
        const slice = out.subarray(at, at + m.length);
        out = Buffer.concat([out.subarray(0, at), ...new Array(m.times).fill(slice), out.subarray(at)]);
        break;
      }
      case "delete":
        out = Buffer.concat([out.subarray(0, at), out.subarray(at + m.length)]);
        break;
    }
  }
  return new Uint8Array(out);
}

let counter = 0;

async function importMutated(extension: string, bytes: Uint8Array): Promise<void> {
  const input = join(dir, `in-${++counter}.${extension}`);
  const output = join(dir, `out-${counter}.json`);
  writeFileSync(input, bytes);
  const err: string[] = [];
  const io: CliIo = { out: () => {}, err: (t) => err.push(t), env: {} };
  const code = await run([input, "--json", output], io);
  expect([0, 1, 2], err.join("\n")).toContain(code);
  expect(err.join("\n")).not.toContain("予期しないエラー");
  if (code === 0) {
    const document = JSON.parse(readFileSync(output, "utf8")) as PlanDocument;
    expect(checkPlanDocument(document)).toEqual([]);
    expect(checkDocumentSize(document, DEFAULT_LIMITS)).toBeUndefined();
  }
  rmSync(input, { force: true });
  rmSync(output, { force: true });
}

describe("shinchoku import under mutated seeds", () => {
  it.each([
    ["txt", 80],
    ["json", 50],
    ["csv", 30],
    ["xlsx", 12],
  ] as const)(
    "%s: exit 0, 1 or 2, and only storable documents within the limits are accepted",
    async (extension, runs) => {
      await fc.assert(
        fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 4 }), async (mutations) => {
          await importMutated(extension, mutate(seeds[extension] as Uint8Array, mutations));
        }),
        { numRuns: runs },
      );
    },
  );
});
