/**
 * Hand-built plan documents for the PDF tests (not used by the product): a small plan with long texts,
 * odd text, and an initiative far taller than a page.
 */
import type { Grade } from "../../../domain/grade.ts";
import { summarizeGrades } from "../../../domain/grade.ts";
import type { Initiative, Kpi, PlanDocument, Policy } from "../../../domain/plan-document.ts";

export function kpi(key: string, label: string, baseline: string, target: string, current: string): Kpi {
  return {
    key,
    name: label.replace(/[（(]再掲[)）]$/, ""),
    label,
    relisted: /再掲/.test(label),
    baseline: { text: baseline, kind: "text" },
    target: { text: target, kind: "text" },
    current: { text: current, kind: "text" },
  };
}

export function initiative(
  number: number,
  title: string,
  grade: Grade | null,
  texts: Partial<
    Pick<Initiative, "departments" | "description" | "activities" | "committeeOpinion" | "nextYearGoal">
  > = {},
  kpis: Kpi[] = [],
): Initiative {
  return {
    number,
    title,
    departments: texts.departments ?? ["政策企画課"],
    description: texts.description ?? `${title}を推進します。`,
    activities: texts.activities ?? `${title}に取り組んだ。`,
    grade,
    committeeOpinion: texts.committeeOpinion ?? "引き続き取り組む必要がある。",
    nextYearGoal: texts.nextYearGoal ?? "更なる推進を図る。",
    kpis,
  };
}

export function planDocument(policies: Policy[], organization?: string): PlanDocument {
  const grades = policies.flatMap((p) => p.initiatives.map((i) => i.grade));
  return {
    format: "shinchoku.plan/v1",
    ...(organization ? { organization: { name: organization } } : {}),
    plan: {
      title: "行政改革後期アクションプラン",
      startFiscalYear: 2017,
      endFiscalYear: 2021,
      baselineFiscalYear: 2015,
    },
    report: { fiscalYear: 2019, asOf: "2020-03-31" },
    policies,
    gradeSummary: summarizeGrades(grades),
    diagnostics: [],
  };
}

/** A sentence of about 100 characters; repeated to make long cells. */
export const SENTENCE =
  "市民と行政との協働体制の確立に向けて、関係各課と連携し、事業の見直しと改善を継続的に行うとともに、その成果を市民に分かりやすく公表した。";

/** `SENTENCE` repeated, numbered so that every piece of a long text can be found again. */
export function longText(length: number): string {
  let text = "";
  for (let i = 1; text.length < length; i++) text += `【${i}】${SENTENCE}`;
  return text.slice(0, length);
}

/** Three policies, six initiatives: short and long cells, several KPIs, one initiative without any. */
export function smallDocument(): PlanDocument {
  return planDocument(
    [
      {
        code: "(ア)",
        title: "市民と行政との協働体制の確立",
        initiatives: [
          initiative(
            1,
            "産・学・官連携体制の推進",
            "B",
            { departments: ["政策企画課", "関係各課"], activities: longText(600) },
            [
              kpi("1-1", "産・学・官連携協定(※)件数", "52件", "62件", "66件"),
              kpi("1-2", "坂戸市産農畜産物のプラント認証件数", "0件", "20件", "24件"),
              kpi("1-3", "北坂戸にぎわいサロンの利用者数", "11,007人", "13,000人", "9,797人"),
            ],
          ),
          initiative(2, "シティプロモーションの推進", "C", { committeeOpinion: longText(400) }, [
            kpi("2-1", "ホームページサイト訪問者数", "649,417人", "886,000人", "1,310,189人"),
          ]),
        ],
      },
      {
        code: "(イ)",
        title: "効率的な自治体経営",
        initiatives: [
          initiative(3, "事務事業の見直し", "A", {}, []),
          initiative(4, "補助金の適正化", "D", { nextYearGoal: longText(300) }, [
            kpi("4-1", "補助金の見直し件数", "-", "拡大", "72事業(累計215)"),
            kpi("4-2", "北坂戸にぎわいサロンの利用者数(再掲)", "11,007人", "13,000人", "9,797人"),
          ]),
        ],
      },
      {
        code: "(ウ)",
        title: "市民満足度の向上",
        initiatives: [initiative(5, "窓口サービスの向上", "A"), initiative(6, "未評価の取組", null)],
      },
    ],
    "坂戸市",
  );
}
