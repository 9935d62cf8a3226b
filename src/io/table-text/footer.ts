import type { GradeSummary } from "../../domain/grade.ts";
import { toHalfWidth } from "../../domain/text-width.ts";

const LABELED = /([A-D])\s*[:=]?\s*(\d{1,6})/g;
const NUMBER = /\d{1,6}/g;

/**
 * The footer `本部会評価 8 10 5 1`: how many initiatives the committee graded A, B, C and D. Also read:
 * full-width digits, no space after 本部会評価, cells instead of spaces, and labeled counts
 * ("A 8 B 10 C 5 D 1", "A:8件 …"). Undefined when the four counts cannot be told apart.
 */
export function parseFooter(cells: readonly string[]): GradeSummary | undefined {
  const joined = toHalfWidth(cells.filter((c) => c !== "").join(" "));
  const at = joined.indexOf("本部会評価");
  const rest = at === -1 ? joined : joined.slice(at + "本部会評価".length);
  const labeled: Partial<GradeSummary> = {};
  let labels = 0;
  for (const m of rest.matchAll(LABELED)) {
    const grade = m[1] as keyof GradeSummary;
    if (labeled[grade] === undefined) labels++;
    labeled[grade] = Number(m[2]);
  }
  if (labels === 4) return labeled as GradeSummary;
  if (labels > 0) return undefined;
  const numbers = rest.match(NUMBER);
  if (numbers?.length !== 4) return undefined;
  const [a, b, c, d] = numbers.map(Number) as [number, number, number, number];
  return { A: a, B: b, C: c, D: d };
}
