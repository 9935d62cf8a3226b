import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { TableImportResult } from "../import-result.ts";
import { importTableText } from "./index.ts";

const seed = readFileSync(new URL("../../../test/fixtures/sakado-fy2019.txt", import.meta.url), "utf8");
const seedLines = seed.split("\n");

/**
 * Whatever the input, the importer returns (never throws), never falls back on its internal-error
 * guard, and a null document always comes with an error saying why.
 */
function checkResult(result: TableImportResult): void {
  expect(Array.isArray(result.diagnostics)).toBe(true);
  expect(result.diagnostics.filter((d) => d.code === "internal")).toEqual([]);
  if (result.document === null) expect(result.diagnostics.some((d) => d.severity === "error")).toBe(true);
  else expect(result.document.diagnostics).toEqual(result.diagnostics);
  for (const d of result.diagnostics) expect(d.message.length).toBeGreaterThan(0);
}

/** Table-ish text: cells from the seed's own vocabulary and some noise, joined by tabs and line breaks. */
const cell = fc.oneof(
  fc.constantFrom(
    "",
    "1",
    "23",
    "A",
    "E",
    "(ア) 協働",
    "本部会評価 8 10 5 1",
    "基本方針",
    "No.",
    "項目",
    "当初 (H27末)",
  ),
  fc.constantFrom(
    "実施(29年度)",
    "93.2% (90.6%H26.3末)",
    "名称 1件 2件 3件",
    "（再掲）",
    "【項目進捗】",
    "-",
  ),
  fc.string({ maxLength: 12 }),
);
const tableText = fc
  .array(fc.array(cell, { maxLength: 14 }), { maxLength: 30 })
  .map((rows) => rows.map((r) => r.join("\t")).join("\n"));

type Mutation =
  | { op: "delete"; at: number }
  | { op: "duplicate"; at: number }
  | { op: "swap"; at: number; with: number }
  | { op: "tab"; at: number; column: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant("delete" as const), at: fc.nat() }),
  fc.record({ op: fc.constant("duplicate" as const), at: fc.nat() }),
  fc.record({ op: fc.constant("swap" as const), at: fc.nat(), with: fc.nat() }),
  fc.record({ op: fc.constant("tab" as const), at: fc.nat(), column: fc.nat() }),
);

function mutate(lines: string[], mutations: Mutation[]): string {
  const out = [...lines];
  for (const m of mutations) {
    if (out.length === 0) break;
    const at = m.at % out.length;
    const line = out[at] as string;
    if (m.op === "delete") out.splice(at, 1);
    else if (m.op === "duplicate") out.splice(at, 0, line);
    else if (m.op === "swap") {
      const other = m.with % out.length;
      out[at] = out[other] as string;
      out[other] = line;
    } else {
      const column = m.column % (line.length + 1);
      out[at] = `${line.slice(0, column)}\t${line.slice(column)}`;
    }
  }
  return out.join("\n");
}

describe("importTableText never throws", () => {
  it("on arbitrary strings", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 400 }), (text) =>
        checkResult(importTableText(text)),
      ),
      { numRuns: 300 },
    );
  });

  it("on arbitrary bytes", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), (bytes) => checkResult(importTableText(bytes))),
      { numRuns: 300 },
    );
  });

  it("on table-like text built from the seed's vocabulary", () => {
    fc.assert(
      fc.property(tableText, (text) => checkResult(importTableText(text))),
      { numRuns: 300 },
    );
  });

  it("on the seed with lines deleted, duplicated, swapped and tabs inserted", () => {
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 12 }), (mutations) => {
        checkResult(importTableText(mutate(seedLines, mutations)));
      }),
      { numRuns: 200 },
    );
  });

  it("on the seed shuffled", () => {
    fc.assert(
      fc.property(fc.shuffledSubarray(seedLines, { minLength: seedLines.length }), (lines) => {
        checkResult(importTableText(lines.join("\n")));
      }),
      { numRuns: 100 },
    );
  });

  it("on the seed cut at any point", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: seed.length - 1 }), (end) => {
        const result = importTableText(seed.slice(0, end));
        checkResult(result);
        // A table cut before its footer always says so.
        if (result.document) expect(result.diagnostics.length).toBeGreaterThan(0);
      }),
      { numRuns: 150 },
    );
  });
});
