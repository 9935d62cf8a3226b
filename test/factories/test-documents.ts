import { readFileSync } from "node:fs";
import { summarizeGrades } from "../../src/domain/grade.ts";
import { parseKpiValue } from "../../src/domain/kpi-parse.ts";
import type { Initiative, Kpi, PlanDocument, Policy } from "../../src/domain/plan-document.ts";
import { importTableText } from "../../src/io/table-text/index.ts";

/**
 * Test data for the exporters and importers (used by tests only): the seed table as the table-text
 * importer reads it, and small hand-written documents with the texts that trip up spreadsheets and
 * printed pages.
 */

export function seedDocument(): PlanDocument {
  const bytes = readFileSync(new URL("../fixtures/sakado-fy2019.txt", import.meta.url));
  const { document } = importTableText(new Uint8Array(bytes));
  if (!document) throw new Error("the seed fixture did not import");
  return document;
}

const ctx = { defaultEra: "heisei" } as const;

export function kpi(key: string, label: string, baseline: string, target: string, current: string): Kpi {
  const relisted = /[(（]再掲[)）]$/.test(label);
  return {
    key,
    name: label.replace(/[(（]再掲[)）]$/, ""),
    label,
    relisted,
    baseline: parseKpiValue(baseline, ctx),
    target: parseKpiValue(target, ctx),
    current: parseKpiValue(current, ctx),
  };
}

export function initiative(number: number, fields: Partial<Initiative> = {}): Initiative {
  return {
    number,
    title: `取組${number}`,
    departments: ["政策企画課", "関係各課"],
    description: `取組${number}の方針と内容`,
    activities: `取組${number}の取組内容`,
    grade: "B",
    committeeOpinion: `取組${number}への本部会意見`,
    nextYearGoal: `取組${number}の次年度目標`,
    kpis: [],
    ...fields,
  };
}

/** A document of the given policies, with the grade summary of their initiatives. */
export function planDocument(policies: Policy[], fields: Partial<PlanDocument> = {}): PlanDocument {
  return {
    format: "shinchoku.plan/v2",
    plan: {
      title: "行政改革後期アクションプラン",
      startFiscalYear: 2017,
      endFiscalYear: 2021,
      baselineFiscalYear: 2015,
    },
    round: { fiscalYear: 2019, asOf: "2020-03-31" },
    policies,
    gradeSummary: summarizeGrades(policies.flatMap((p) => p.initiatives.map((i) => i.grade))),
    diagnostics: [],
    ...fields,
  };
}

/** A document of two policies built from the given initiatives (the first two go to policy ア). */
export function smallDocument(initiatives: Initiative[], fields: Partial<PlanDocument> = {}): PlanDocument {
  return planDocument(
    [
      { code: "(ア)", title: "市民と行政との協働体制の確立", initiatives: initiatives.slice(0, 2) },
      { code: "(イ)", title: "効率的な自治体運営", initiatives: initiatives.slice(2) },
    ],
    fields,
  );
}

/** A sentence of about 70 characters, repeated by longText. */
const SENTENCE =
  "市民と行政との協働体制の確立に向けて、関係各課と連携し、事業の見直しと改善を継続的に行うとともに、その成果を市民に分かりやすく公表した。";

/** A text of `length` characters, numbered 【1】【2】… so that every piece of it can be found again. */
export function longText(length: number): string {
  let text = "";
  for (let i = 1; text.length < length; i++) text += `【${i}】${SENTENCE}`;
  return text.slice(0, length);
}

/** 40,000 characters: more than an xlsx cell holds (32,767). */
export const LONG_TEXT = `${"長".repeat(39_991)}（ここが末尾です）`;

/** Texts a spreadsheet would run as formulas, emoji, line breaks and an over-long text. */
export function oddTextDocument(): PlanDocument {
  return smallDocument([
    initiative(1, {
      title: "=1+1",
      departments: ["+SUM(A1)"],
      description: "-2+3",
      activities: "@cmd",
      committeeOpinion: "達成🎉おめでとう",
      nextYearGoal: "1行目\n2行目\n3行目",
      grade: "A",
      kpis: [kpi("1-1", '=HYPERLINK("http://example.com")', "-5%", "-", "@SUM(1)")],
    }),
    initiative(2, { activities: LONG_TEXT, grade: null, kpis: [] }),
    initiative(3, {
      grade: "D",
      kpis: [
        kpi("3-1", "団体補助金額", "76,006千円", "縮小", "75,683千円"),
        kpi("3-2", "審議会等の公募市民割合", "5.7%", "6.0%", "6.0%"),
      ],
    }),
  ]);
}
