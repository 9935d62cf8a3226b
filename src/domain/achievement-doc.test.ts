import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { seedDocument } from "../../test/factories/test-documents.ts";
import { assessKpi } from "./achievement.ts";
import { methodLabel, paceLabel, percentText, statusLabel } from "./achievement-words.ts";
import { expectedShare } from "./plan-period.ts";

/**
 * docs/ACHIEVEMENT.md works its rules through the seed's own KPIs, by hand. Its table must agree with
 * the seed (the values) and with the code (the results), or the document misleads.
 */
const doc = readFileSync(new URL("../../docs/ACHIEVEMENT.md", import.meta.url), "utf8");

/** Rows of the worked-examples table: "| 1-1 | 項目 | 当初 | 目標 | 現状値 | 計算 | 方法 | 達成率 | 状況 | 比較 |". */
const rows = doc
  .split("\n")
  .filter((line) => /^\| \d+-\d+ \|/.test(line))
  .map((line) =>
    line
      .split("|")
      .slice(1, -1)
      .map((cell) => cell.trim()),
  );

describe("docs/ACHIEVEMENT.md worked examples", () => {
  const seed = seedDocument();
  const share = expectedShare(seed.plan, seed.round.fiscalYear).share;
  const initiatives = seed.policies.flatMap((p) => p.initiatives);

  it("covers every method and every status", () => {
    expect(rows.length).toBeGreaterThanOrEqual(20);
    expect(new Set(rows.map((r) => r[6]))).toEqual(new Set(["数値", "上下限", "方向", "段階", "累計", "—"]));
    expect(new Set(rows.map((r) => r[8]))).toEqual(
      new Set(["達成", "達成（目標超過）", "順調", "遅れ", "後退（当初より悪化）", "算出不可"]),
    );
    expect(share).toBe(0.6);
  });

  it.each(rows.map((r) => [r[0], r] as const))("%s is the seed's KPI and the code's result", (key, row) => {
    const [number, index] = String(key).split("-").map(Number);
    const kpi = initiatives.find((i) => i.number === number)?.kpis[(index ?? 0) - 1];
    if (!kpi) throw new Error(`no KPI ${key} in the seed`);
    const [, name, baseline, target, current, , method, percent, status, pace] = row;
    expect([kpi.label, kpi.baseline.text, kpi.target.text, kpi.current.text]).toEqual([
      name,
      baseline,
      target,
      current,
    ]);
    const a = assessKpi(kpi, share);
    expect({
      method: methodLabel(a) || "—",
      percent: a.percent === null ? "—" : percentText(a.percent),
      status: a.status === "notComputable" ? "算出不可" : statusLabel(a),
      pace: a.pace ? paceLabel(a) : "—",
    }).toEqual({ method, percent, status, pace });
  });
});
