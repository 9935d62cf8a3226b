import type { Grade } from "../../src/domain/grade.ts";
import { summarizeGrades } from "../../src/domain/grade.ts";
import type { KpiValue, Stage } from "../../src/domain/kpi-value.ts";
import {
  type Initiative,
  type Kpi,
  PLAN_DOCUMENT_FORMAT,
  type PlanDocument,
} from "../../src/domain/plan-document.ts";

/**
 * Small, valid plan documents for tests, written by hand after the seed table (坂戸市, FY2019) so
 * that they look like the real thing: two policies, five initiatives, KPIs of every common kind and
 * one 再掲 (No.4 lists No.1's 北坂戸にぎわいサロンの利用者数 again).
 *
 *   buildPlanDocument()                          FY2019 (令和元年度), as of 2020-03-31
 *   buildPlanDocument({ fiscalYear: 2020 })      the same plan a year later: new values and reports
 *   buildPlanDocument({ extraInitiatives: 995 }) a 1,000-initiative plan for performance tests
 *
 * Every call returns a fresh object, so tests may mutate what they get.
 */

export const FACTORY_ORGANIZATION = { slug: "sakado", name: "坂戸市" } as const;
export const FACTORY_PLAN_TITLE = "行政改革後期アクションプラン";

export interface PlanDocumentOptions {
  /** 2019 (default) or 2020. */
  fiscalYear?: 2019 | 2020;
  /** Synthetic initiatives appended after No.5 (numbered 6, 7, …), three KPIs each. */
  extraInitiatives?: number;
  /** Leave out `organization` (documents whose source does not name the municipality). */
  withoutOrganization?: boolean;
}

// KPI values, parsed by hand following docs/KPI-NOTATION.md.
export const kpiValue = {
  none: (text = "-"): KpiValue => ({ text, kind: "none" }),
  quantity: (text: string, value: number, unit?: string): KpiValue => ({
    text,
    kind: "quantity",
    value,
    ...(unit !== undefined ? { unit } : {}),
  }),
  money: (
    text: string,
    value: number,
    unit: "円" | "千円" | "万円" | "百万円" | "億円",
    yen: number,
  ): KpiValue => ({
    text,
    kind: "money",
    value,
    unit,
    yen,
  }),
  stage: (text: string, stage: Stage, extra: Partial<KpiValue> = {}): KpiValue => ({
    text,
    kind: "stage",
    stage,
    ...extra,
  }),
  direction: (text: "拡大" | "縮小"): KpiValue =>
    text === "拡大"
      ? { text, kind: "direction", direction: "increase", stage: "拡大" }
      : { text, kind: "direction", direction: "decrease" },
  atLeast: (text: string, value: number, unit: string): KpiValue => ({
    text,
    kind: "bound",
    value,
    unit,
    comparison: "atLeast",
  }),
};

const { quantity, money, stage, direction, atLeast } = kpiValue;

interface YearData {
  asOf: string;
  title: string;
  /** 現状値 by KPI key. */
  current: Record<string, KpiValue>;
  reports: Record<number, Pick<Initiative, "activities" | "grade" | "committeeOpinion" | "nextYearGoal">>;
}

const YEARS: Record<2019 | 2020, YearData> = {
  2019: {
    asOf: "2020-03-31",
    title: "行政改革後期アクションプラン（平成29年度～令和3年度）進行管理集計表（令和2年3月31日現在）",
    current: {
      "1-1": quantity("66件", 66, "件"),
      "1-2": quantity("9,797人", 9797, "人"),
      "2-1": quantity("7件", 7, "件"),
      "2-2": stage("検討", "検討"),
      "3-1": money("75,683千円", 75683, "千円", 75683000),
      "3-2": quantity("27.0%", 27, "%"),
      "4-1": { text: "1団地(素案)", kind: "quantity", value: 1, unit: "団地", note: "素案" },
      "4-2": quantity("9,797人", 9797, "人"),
    },
    reports: {
      1: {
        activities:
          "城西大学をはじめ市内及び近隣の大学と協働し、にぎわいサロンの運営など多様な取組を継続した。",
        grade: "B",
        committeeOpinion: "大学との連携は順調に推移している。",
        nextYearGoal: "市内3大学を中心に更なる連携強化に取り組む。",
      },
      2: {
        activities: "オープンデータ県HPのデータの更新を行った。公開型GISの導入準備を行った。",
        grade: "A",
        committeeOpinion: "公表項目の拡充を図るよう調査研究を進めていく。",
        nextYearGoal: "オープンデータ化を推進するため、公表項目の拡充を検討する。",
      },
      3: {
        activities: "私立幼稚園運営費補助金が、対象となる園の減少に伴い、前年度から201千円減額となった。",
        grade: "C",
        committeeOpinion: "補助金の見直しが必要である。",
        nextYearGoal: "補助金支出の面からも活動実態や効果などを精査する。",
      },
      4: {
        activities: "北坂戸にぎわいサロンを運営する大学に補助金を交付し、地域住民との協働を進めた。",
        grade: "D",
        committeeOpinion: "早急に対処策を整理する必要がある。",
        nextYearGoal: "団地の現状データを収集し、将来ビジョン策定に繋げていく。",
      },
      5: {
        activities: "申請様式_Aの電子化を検討し、手数料の100%電子納付に向けた調査を行った。",
        grade: null,
        committeeOpinion: "",
        nextYearGoal: "電子申請の対象手続を拡大する。",
      },
    },
  },
  2020: {
    asOf: "2021-03-31",
    title: "行政改革後期アクションプラン（平成29年度～令和3年度）進行管理集計表（令和3年3月31日現在）",
    current: {
      "1-1": quantity("70件", 70, "件"),
      "1-2": quantity("4,120人", 4120, "人"),
      "2-1": quantity("12件", 12, "件"),
      "2-2": stage("実施(2年度)", "実施", { fiscalYear: 2020 }),
      "3-1": money("74,900千円", 74900, "千円", 74900000),
      "3-2": quantity("28.1%", 28.1, "%"),
      "4-1": { text: "2団地(素案)", kind: "quantity", value: 2, unit: "団地", note: "素案" },
      "4-2": quantity("4,120人", 4120, "人"),
    },
    reports: {
      1: {
        activities: "オンラインで大学との意見交換を重ね、包括連携協定を4件締結した。",
        grade: "A",
        committeeOpinion: "新しい生活様式の下でも連携が進んだ。",
        nextYearGoal: "協定の成果を市民に分かりやすく発信する。",
      },
      2: {
        activities: "公開型GISを公開し、オープンデータを拡充した。",
        grade: "A",
        committeeOpinion: "引き続き公開データの拡充に努める。",
        nextYearGoal: "公開データの利用状況を把握する。",
      },
      3: {
        activities: "補助金の交付基準を見直した。",
        grade: "B",
        committeeOpinion: "見直しの効果を検証する必要がある。",
        nextYearGoal: "見直し後の補助金の効果を検証する。",
      },
      4: {
        activities: "感染症の影響により、にぎわいサロンの利用者が減少した。",
        grade: "C",
        committeeOpinion: "利用者の回復に向けた工夫が必要である。",
        nextYearGoal: "若年層の利用を増やす企画を大学と検討する。",
      },
      5: {
        activities: "電子申請の対象手続を拡大した。",
        grade: "B",
        committeeOpinion: "利用率の向上を図られたい。",
        nextYearGoal: "電子申請の利用率を把握し、周知を図る。",
      },
    },
  },
};

function kpi(
  key: string,
  name: string,
  baseline: KpiValue,
  target: KpiValue,
  current: KpiValue,
  relistOf?: string,
): Kpi {
  return {
    key,
    name,
    label: relistOf ? `${name}(再掲)` : name,
    relisted: relistOf !== undefined,
    ...(relistOf ? { relistOf } : {}),
    baseline,
    target,
    current,
  };
}

function currentOf(year: YearData, key: string): KpiValue {
  const value = year.current[key];
  if (!value) throw new Error(`factory: no current value for ${key}`);
  return { ...value };
}

function initiative(
  year: YearData,
  number: number,
  fields: Pick<Initiative, "title" | "departments" | "description">,
  kpis: Kpi[],
): Initiative {
  const report = year.reports[number];
  if (!report) throw new Error(`factory: no report for No.${number}`);
  return { number, ...fields, ...report, kpis };
}

const SALON = "北坂戸にぎわいサロンの利用者数";
const SYNTHETIC_GRADES: Grade[] = ["A", "B", "B", "C", "D"];

function syntheticInitiative(number: number, fiscalYear: number): Initiative {
  const kpis = [1, 2, 3].map((position) =>
    kpi(
      `${number}-${position}`,
      `取組${number}の指標${position}`,
      quantity(`${position * 10}件`, position * 10, "件"),
      quantity(`${position * 20}件`, position * 20, "件"),
      quantity(`${position * 15 + (fiscalYear - 2019)}件`, position * 15 + (fiscalYear - 2019), "件"),
    ),
  );
  return {
    number,
    title: `業務改善の取組 第${number}号`,
    departments: [`第${(number % 40) + 1}課`, "関係各課"],
    description: `取組${number}では、事務の効率化と市民サービスの向上を図ります。`,
    activities: `${fiscalYear}年度は取組${number}の手順を見直した。`,
    grade: SYNTHETIC_GRADES[number % SYNTHETIC_GRADES.length] ?? null,
    committeeOpinion: `取組${number}は引き続き推進されたい。`,
    nextYearGoal: `取組${number}の成果を検証する。`,
    kpis,
  };
}

export function buildPlanDocument(options: PlanDocumentOptions = {}): PlanDocument {
  const fiscalYear = options.fiscalYear ?? 2019;
  const year = YEARS[fiscalYear];
  const salonBaseline = () => quantity("11,007人", 11007, "人");
  const salonTarget = () => quantity("13,000人", 13000, "人");

  const policies: PlanDocument["policies"] = [
    {
      code: "(ア)",
      title: "市民と行政との協働体制の確立",
      initiatives: [
        initiative(
          year,
          1,
          {
            title: "産・学・官連携体制の推進",
            departments: ["政策企画課", "関係各課"],
            description:
              "企業や大学などと連携し、市民の声とまちの資源を生かした活力ある魅力的なまちづくりを推進します。",
          },
          [
            kpi(
              "1-1",
              "産・学・官連携協定(※)件数",
              quantity("52件", 52, "件"),
              quantity("62件", 62, "件"),
              currentOf(year, "1-1"),
            ),
            kpi("1-2", SALON, salonBaseline(), salonTarget(), currentOf(year, "1-2")),
          ],
        ),
        initiative(
          year,
          2,
          {
            title: "行政の「見える化」とオープンデータ化の推進",
            departments: ["情報政策課", "関係各課"],
            description:
              "データをパソコン等で処理可能な形式で市民に公開し、透明性の高いまちづくりを目指します。",
          },
          [
            kpi(
              "2-1",
              "オープンデータ県HP公表数",
              quantity("3件", 3, "件"),
              quantity("30件", 30, "件"),
              currentOf(year, "2-1"),
            ),
            kpi(
              "2-2",
              "統合型GISの活用",
              stage("検討", "検討"),
              stage("実施", "実施"),
              currentOf(year, "2-2"),
            ),
          ],
        ),
      ],
    },
    {
      code: "(イ)",
      title: "効率的・効果的な行財政運営",
      initiatives: [
        initiative(
          year,
          3,
          {
            title: "各種団体等の自立促進",
            departments: ["財政課", "関係各課"],
            description:
              "各団体の自主・自立を促進するため、市が行っている外郭団体等の事務局機能を各団体へ移行します。",
          },
          [
            kpi(
              "3-1",
              "団体補助金額",
              money("76,006千円", 76006, "千円", 76006000),
              direction("縮小"),
              currentOf(year, "3-1"),
            ),
            kpi(
              "3-2",
              "リサイクル率",
              quantity("29.6%", 29.6, "%"),
              atLeast("30%以上", 30, "%"),
              currentOf(year, "3-2"),
            ),
          ],
        ),
        initiative(
          year,
          4,
          {
            title: "住宅(団)地対応の推進",
            departments: ["政策企画課", "都市計画課", "関係各課"],
            description:
              "住宅(団)地の高齢化や単身化等の課題に対応するため、地域住民参加のもと団地ビジョンを作成します。",
          },
          [
            kpi(
              "4-1",
              "住宅(団)地ごとの将来ビジョンの作成",
              stage("検討", "検討"),
              stage("実施(31年度)", "実施", { fiscalYear: 2019 }),
              currentOf(year, "4-1"),
            ),
            kpi("4-2", SALON, salonBaseline(), salonTarget(), currentOf(year, "4-2"), "1-2"),
          ],
        ),
        initiative(
          year,
          5,
          {
            title: "電子申請の推進",
            departments: ["行政経営課"],
            description: "手続の電子化により、来庁せずに申請できる手続を増やします。",
          },
          [],
        ),
      ],
    },
  ];

  const extra = options.extraInitiatives ?? 0;
  for (let i = 0; i < extra; i += 1) policies[1]?.initiatives.push(syntheticInitiative(6 + i, fiscalYear));

  const gradeSummary = summarizeGrades(policies.flatMap((p) => p.initiatives.map((i) => i.grade)));
  return {
    format: PLAN_DOCUMENT_FORMAT,
    ...(options.withoutOrganization ? {} : { organization: { name: FACTORY_ORGANIZATION.name } }),
    plan: { title: FACTORY_PLAN_TITLE, startFiscalYear: 2017, endFiscalYear: 2021, baselineFiscalYear: 2015 },
    round: { fiscalYear, asOf: year.asOf, title: year.title },
    policies,
    gradeSummary,
    declaredGradeSummary: { ...gradeSummary },
    diagnostics: [],
  };
}
