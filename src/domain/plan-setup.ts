import { parseFiscalYear, parseFiscalYearEnd, parseFiscalYearRange } from "./era.ts";
import { DEFAULT_GRADE_SCALE, type GradeScale } from "./grade.ts";

/**
 * What the plan editor reads from a secretariat's form when a plan is set up (issue 8): the plan
 * period in 和暦 or 西暦, the baseline year, and the grade scale, one of the presets real plans use
 * or the city's own levels. Pure.
 */

export const GRADE_SCALE_PRESETS = {
  default: DEFAULT_GRADE_SCALE,
  sabc: [
    { code: "S", label: "順調以上" },
    { code: "A", label: "順調" },
    { code: "B", label: "やや遅れ" },
    { code: "C", label: "遅れ" },
  ],
  ae: [
    { code: "A", label: "達成" },
    { code: "B", label: "概ね順調" },
    { code: "C", label: "やや遅れ" },
    { code: "D", label: "遅れ" },
    { code: "E", label: "未着手" },
  ],
  marks: [
    { code: "◎", label: "達成" },
    { code: "○", label: "概ね達成" },
    { code: "△", label: "やや遅れ" },
    { code: "×", label: "遅れ" },
  ],
  numbers: [
    { code: "5", label: "" },
    { code: "4", label: "" },
    { code: "3", label: "" },
    { code: "2", label: "" },
    { code: "1", label: "" },
  ],
  words: [
    { code: "達成", label: "" },
    { code: "概ね達成", label: "" },
    { code: "未達成", label: "" },
  ],
} satisfies Record<string, GradeScale>;

export type GradeScalePreset = keyof typeof GRADE_SCALE_PRESETS;

export function isGradeScalePreset(value: string): value is GradeScalePreset {
  return Object.hasOwn(GRADE_SCALE_PRESETS, value);
}

/**
 * "平成29年度～令和3年度", "H29~R3", "2017年度～2021年度", "2017～2021" → { 2017, 2021 }; undefined when
 * it cannot be read as a period.
 */
export function readPlanPeriod(text: string): { startFiscalYear: number; endFiscalYear: number } | undefined {
  const trimmed = text.trim();
  const western = /^(\d{4})\s*(?:年度)?\s*[~～〜\-－]\s*(\d{4})\s*(?:年度)?$/.exec(trimmed);
  if (western) {
    const start = Number(western[1]);
    const end = Number(western[2]);
    return end >= start ? { startFiscalYear: start, endFiscalYear: end } : undefined;
  }
  return parseFiscalYearRange(trimmed);
}

/**
 * The baseline year: "平成27年度", "H27末", "2015年度", "2015" → 2015 (the fiscal year whose end is
 * the 当初 point); "" → null; undefined when unreadable.
 */
export function readBaselineYear(text: string): number | null | undefined {
  const trimmed = text.trim();
  if (trimmed === "") return null;
  if (/^\d{4}$/.test(trimmed)) return Number(trimmed);
  return parseFiscalYear(trimmed) ?? parseFiscalYearEnd(trimmed);
}
