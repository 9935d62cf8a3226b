import { describe, expect, it } from "vitest";
import { generateTable } from "../../../bench/generate-table.ts";
import { importTableText } from "./index.ts";

/** The benchmark's synthetic tables must be valid tables, or the benchmark would time error paths. */
describe("a generated table of 200 initiatives (bench/generate-table.ts)", () => {
  const text = generateTable(200);
  const result = importTableText(text);
  const initiatives = result.document?.policies.flatMap((p) => p.initiatives) ?? [];

  it("reads without diagnostics, every initiative in order", () => {
    expect(result.diagnostics).toEqual([]);
    expect(initiatives.map((i) => i.number)).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
  });

  it("has as many KPI rows as the text has KPI lines, and links every relisted KPI", () => {
    const kpis = initiatives.flatMap((i) => i.kpis);
    const continuation = text
      .split("\n")
      .filter((l) => /^\t*[^\t\d(][^\t]*\t[^\t]+\t[^\t]+\t[^\t]+(\t)*$/.test(l) && !l.includes("\t項目\t"));
    // Page 1 (6 initiatives) is inline; after it, one KPI per initiative row plus one per continuation row.
    const page1 = initiatives.slice(0, 6).reduce((n, i) => n + i.kpis.length, 0);
    expect(kpis.length).toBe(page1 + 194 + continuation.length);
    const relisted = kpis.filter((k) => k.relisted);
    expect(relisted.length).toBeGreaterThan(0);
    expect(relisted.every((k) => k.relistOf !== undefined)).toBe(true);
  });

  it("is deterministic", () => {
    expect(generateTable(200)).toBe(text);
  });
});
