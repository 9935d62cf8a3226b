import { type AchievementAssessment, assessKpi, ratioToPercent } from "../domain/achievement.ts";
import { methodLabel, paceLabel, reasonText, statusLabel } from "../domain/achievement-words.ts";
import { formatFiscalYear } from "../domain/era.ts";
import { gradeLabel, gradeScaleOf } from "../domain/grade.ts";
import type { KpiValue } from "../domain/kpi-value.ts";
import type { Initiative, Kpi, PlanDocument } from "../domain/plan-document.ts";
import { expectedShare } from "../domain/plan-period.ts";
import {
  columnLabel,
  type ProgressColumnId,
  policyLabel,
  progressTableHeadings,
} from "./progress-table-columns.ts";

/**
 * The flat row model of a plan document: one row per initiative × KPI (an initiative without KPIs
 * gives one row with empty KPI cells). The CSV open-data export and the xlsx analysis sheet share it,
 * so the two cannot disagree on a header or a number. Columns are named as the progress table names
 * them, with the round's years (「R1年度取組内容 (D)」, 「当初 (H27末)」); docs/open-data.md describes each.
 */

/** The columns that come from the KPI; the others come from the plan, the round and the initiative. */
type KpiColumnId =
  | "kpiName"
  | "relisted"
  | "baseline"
  | "target"
  | "current"
  | "unit"
  | "baselineNumber"
  | "targetNumber"
  | "currentNumber"
  | "achievementStatus"
  | "achievementPercent"
  | "achievementMethod"
  | "achievementReason"
  | "pace";

export type KpiRowColumnId =
  | "localGovernmentCode"
  | "organization"
  | "planTitle"
  | "planStart"
  | "planEnd"
  | "fiscalYear"
  | "fiscalYearJa"
  | "asOf"
  | "expectedShare"
  | "policy"
  | "number"
  | "title"
  | "departments"
  | "description"
  | "activities"
  | KpiColumnId
  | "grade"
  | "gradeLabel"
  | "committeeOpinion"
  | "nextYearGoal";

/**
 * `text` cells are written as text; `integer` and `number` cells hold a number or nothing; `percent`
 * holds a percentage with one decimal (75.5 = 75.5%), the one unit achievement is given in.
 */
export type KpiRowCellType = "text" | "integer" | "number" | "percent";

/** The types as the column descriptions name them (docs/open-data.md, the xlsx 「列の説明」). */
export const CELL_TYPE_NAMES: Record<KpiRowCellType, string> = {
  text: "文字列",
  integer: "整数",
  number: "数値",
  percent: "数値（%）",
};

type Words = { ja: string; en: string };

interface ColumnSpec {
  id: KpiRowColumnId;
  type: KpiRowCellType;
  /** Character width in the xlsx analysis sheet. */
  width: number;
  /** A fixed header, or the progress-table column whose header (with this round's years) it takes. */
  header: Words | { table: ProgressColumnId; suffix?: Words };
  description: Words;
}

export interface KpiRowColumn {
  id: KpiRowColumnId;
  header: string;
  headerEn: string;
  type: KpiRowCellType;
  width: number;
  description: string;
  descriptionEn: string;
}

const NUMBER_SUFFIX: Words = { ja: " 数値", en: " (number)" };

const SPECS: readonly ColumnSpec[] = [
  {
    id: "localGovernmentCode",
    type: "text",
    width: 10,
    header: { ja: "全国地方公共団体コード", en: "Local government code" },
    description: {
      ja: "総務省の全国地方公共団体コード（検査数字を含む6桁。坂戸市は112399）。先頭の0を保つため文字列。登録されていなければ空欄",
      en: "The local government code of the Ministry of Internal Affairs (6 digits with the check digit; Sakado: 112399), as text to keep leading zeros; empty when not registered",
    },
  },
  {
    id: "organization",
    type: "text",
    width: 12,
    header: { ja: "地方公共団体名", en: "Organization" },
    description: { ja: "計画を公表した自治体の名称", en: "The municipality that published the plan" },
  },
  {
    id: "planTitle",
    type: "text",
    width: 24,
    header: { ja: "計画名", en: "Plan" },
    description: { ja: "計画の名称", en: "The plan's title" },
  },
  {
    id: "planStart",
    type: "integer",
    width: 10,
    header: { ja: "計画開始年度", en: "Plan's first fiscal year" },
    description: {
      ja: "計画期間の最初の年度（西暦。平成29年度 → 2017）",
      en: "First fiscal year of the plan period (Western year: 平成29年度 → 2017)",
    },
  },
  {
    id: "planEnd",
    type: "integer",
    width: 10,
    header: { ja: "計画終了年度", en: "Plan's last fiscal year" },
    description: {
      ja: "計画期間の最後の年度（西暦。令和3年度 → 2021）",
      en: "Last fiscal year of the plan period (Western year: 令和3年度 → 2021)",
    },
  },
  {
    id: "fiscalYear",
    type: "integer",
    width: 8,
    header: { ja: "年度", en: "Fiscal year" },
    description: {
      ja: "報告の年度（西暦。令和元年度 → 2019。4月1日から翌年3月31日まで）",
      en: "The reported fiscal year (Western year: 令和元年度 → 2019; April 1 to March 31)",
    },
  },
  {
    id: "fiscalYearJa",
    type: "text",
    width: 12,
    header: { ja: "年度（和暦）", en: "Fiscal year (Japanese era)" },
    description: { ja: "報告の年度の和暦表記", en: "The reported fiscal year in the Japanese era" },
  },
  {
    id: "asOf",
    type: "text",
    width: 12,
    header: { ja: "基準日", en: "As of" },
    description: {
      ja: "集計表の基準日（YYYY-MM-DD。「令和2年3月31日現在」→ 2020-03-31）",
      en: "The date the table describes (YYYY-MM-DD)",
    },
  },
  {
    id: "policy",
    type: "text",
    width: 24,
    header: { table: "policy" },
    description: {
      ja: "取組項目が属する基本方針（記号と名称）",
      en: "The basic policy the initiative belongs to (code and title)",
    },
  },
  {
    id: "number",
    type: "integer",
    width: 6,
    header: { table: "number" },
    description: {
      ja: "取組項目の番号（市の書き方のとおり。1-2、(1)-①、No.R1-1 のような番号は文字列）",
      en: "The initiative's number as the city writes it (text for numbers such as 1-2, (1)-①, No.R1-1)",
    },
  },
  {
    id: "title",
    type: "text",
    width: 24,
    header: { table: "title" },
    description: { ja: "取組項目の名称", en: "The initiative's title" },
  },
  {
    id: "departments",
    type: "text",
    width: 18,
    header: { table: "departments" },
    description: {
      ja: "関係課（「、」区切り。先頭が主担当。「関係各課」は関係するすべての課）",
      en: 'Departments, separated by "、"; the first leads; "関係各課" means every related department',
    },
  },
  {
    id: "description",
    type: "text",
    width: 30,
    header: { table: "description" },
    description: {
      ja: "計画期間を通じた取組の方針と内容",
      en: "What the initiative will do over the plan period",
    },
  },
  {
    id: "activities",
    type: "text",
    width: 30,
    header: { table: "activities" },
    description: { ja: "報告年度に行った取組", en: "What was done in the reported fiscal year" },
  },
  {
    id: "kpiName",
    type: "text",
    width: 30,
    header: { ja: "項目 (E)", en: "Indicator (E)" },
    description: {
      ja: "数値目標等 (E) の項目名（集計表の表記どおり。再掲の印を含む）",
      en: "The KPI's name under 数値目標等 (E), as printed (with its 再掲 mark)",
    },
  },
  {
    id: "relisted",
    type: "text",
    width: 6,
    header: { ja: "再掲", en: "Relisted" },
    description: {
      ja: "他の取組項目の数値目標を再び掲げたものに「○」",
      en: '"○" when the KPI is listed again from another initiative',
    },
  },
  {
    id: "baseline",
    type: "text",
    width: 14,
    header: { table: "kpiBaseline" },
    description: { ja: "計画の当初（集計表の表記どおり）", en: "The baseline value, as printed" },
  },
  {
    id: "target",
    type: "text",
    width: 14,
    header: { table: "kpiTarget" },
    description: {
      ja: "計画期間の最後の目標（表記どおり）",
      en: "The target for the plan's end, as printed",
    },
  },
  {
    id: "current",
    type: "text",
    width: 14,
    header: { table: "kpiCurrent" },
    description: {
      ja: "報告年度末の現状値（表記どおり）",
      en: "The value at the end of the reported fiscal year, as printed",
    },
  },
  {
    id: "unit",
    type: "text",
    width: 8,
    header: { ja: "単位", en: "Unit" },
    description: {
      ja: "数値の列の単位（金額はすべて円に換算）",
      en: "Unit of the number columns (money is converted to yen)",
    },
  },
  {
    id: "baselineNumber",
    type: "number",
    width: 14,
    header: { table: "kpiBaseline", suffix: NUMBER_SUFFIX },
    description: {
      ja: "当初の数値（桁区切りなし。金額は円。段階・方向などの数でない値は空欄）",
      en: "The baseline as a number (no separators; money in yen; empty for stages, directions and other non-numbers)",
    },
  },
  {
    id: "targetNumber",
    type: "number",
    width: 14,
    header: { table: "kpiTarget", suffix: NUMBER_SUFFIX },
    description: {
      ja: "目標の数（「30%以上」は 30。数でない目標は空欄）",
      en: 'The target as a number ("30%以上" → 30; empty for non-numbers)',
    },
  },
  {
    id: "currentNumber",
    type: "number",
    width: 14,
    header: { table: "kpiCurrent", suffix: NUMBER_SUFFIX },
    description: {
      ja: "現状値の数（数でない値は空欄）",
      en: "The current value as a number (empty for non-numbers)",
    },
  },
  {
    id: "achievementStatus",
    type: "text",
    width: 16,
    header: { ja: "達成状況", en: "Achievement status" },
    description: {
      ja: "達成（目標超過）・順調・遅れ・後退（当初より悪化）・算出不可 のいずれか（docs/ACHIEVEMENT.md）",
      en: "One of 達成 (met; 目標超過 beyond the target), 順調 (on track), 遅れ (behind), 後退 (regressed: worse than the baseline), 算出不可 (not computable) — see docs/ACHIEVEMENT.md",
    },
  },
  {
    id: "achievementPercent",
    type: "percent",
    width: 10,
    header: { ja: "達成率（%）", en: "Achievement (%)" },
    description: {
      ja: "当初から目標までのうち進んだ割合（%、小数1桁。100.0で目標どおり、負の値は当初より悪化）。達成したかどうかだけを見る目標と算出不可は空欄",
      en: "Share of the way from baseline to target, in percent with one decimal (100.0 = target reached; negative = worse than the baseline); empty for met-or-not targets and when not computable",
    },
  },
  {
    id: "achievementMethod",
    type: "text",
    width: 10,
    header: { ja: "算出方法", en: "Method" },
    description: {
      ja: "達成率の求め方：数値・上下限・方向・段階・累計",
      en: "How achievement was measured: numeric, bound, direction, stage, cumulative",
    },
  },
  {
    id: "achievementReason",
    type: "text",
    width: 30,
    header: { ja: "算出不可の理由", en: "Why not computable" },
    description: {
      ja: "達成状況が算出不可のときの理由",
      en: "Why achievement could not be computed (Japanese)",
    },
  },
  {
    id: "expectedShare",
    type: "percent",
    width: 10,
    header: { ja: "計画期間の経過率（%）", en: "Plan period passed (%)" },
    description: {
      ja: "報告年度末までに過ぎた計画期間の割合（経過した年度数 ÷ 計画の年度数。平成29〜令和3年度の令和元年度末は 3 ÷ 5 = 60.0）",
      en: "Share of the plan period passed at the end of the reported fiscal year (years passed ÷ years in the plan: FY2019 of FY2017–2021 → 3 ÷ 5 = 60.0)",
    },
  },
  {
    id: "pace",
    type: "text",
    width: 16,
    header: { ja: "経過率との比較", en: "Against the period passed" },
    description: {
      ja: "達成率と計画期間の経過率の比較：想定より先行（10ポイント以上上回る）・想定どおり・想定より遅れ（10ポイントを超えて下回る、または後退）。達成率が空欄なら空欄",
      en: "Achievement against the share of the period passed: ahead of the expected pace (10 points or more above), on the expected pace, behind it (more than 10 points below, or regressed); empty when the achievement is",
    },
  },
  {
    id: "grade",
    type: "text",
    width: 8,
    header: { table: "grade" },
    description: {
      ja: "本部会の評価（A・B・C・D）",
      en: "The committee's grade (A, B, C, D)",
    },
  },
  {
    id: "gradeLabel",
    type: "text",
    width: 12,
    header: { ja: "進捗状況の名称", en: "Progress (label)" },
    description: {
      ja: "評価の名称：A 順調・B ほぼ順調・C やや遅れ・D 停滞",
      en: "The grade's name: A 順調 (on track), B ほぼ順調 (mostly on track), C やや遅れ (slightly behind), D 停滞 (stalled)",
    },
  },
  {
    id: "committeeOpinion",
    type: "text",
    width: 30,
    header: { table: "committeeOpinion" },
    description: { ja: "本部会の意見", en: "The committee's opinion" },
  },
  {
    id: "nextYearGoal",
    type: "text",
    width: 30,
    header: { table: "nextYearGoal" },
    description: { ja: "次の年度の目標", en: "The goal for the next fiscal year" },
  },
];

/** The columns of a round, headers with its years: 「R1年度取組内容 (D)」, 「現状値 (R1末) 数値」. */
export function kpiRowColumns(doc: Pick<PlanDocument, "plan" | "round">): KpiRowColumn[] {
  const table = new Map(progressTableHeadings(doc).columns.map((c) => [c.id, c]));
  return SPECS.map((spec) => {
    let header: Words;
    if ("table" in spec.header) {
      const column = table.get(spec.header.table);
      if (!column) throw new Error(`no progress-table column ${spec.header.table}`);
      const suffix = spec.header.suffix ?? { ja: "", en: "" };
      const en = column.letter ? `${column.headerEn} ${column.letter}` : column.headerEn;
      header = { ja: columnLabel(column) + suffix.ja, en: en + suffix.en };
    } else header = spec.header;
    return {
      id: spec.id,
      header: header.ja,
      headerEn: header.en,
      type: spec.type,
      width: spec.width,
      description: spec.description.ja,
      descriptionEn: spec.description.en,
    };
  });
}

export type KpiRowValue = string | number | null;
export type KpiRow = Record<KpiRowColumnId, KpiRowValue>;

/** Marks a 再掲 KPI in the 再掲 column. */
export const RELISTED_MARK = "○";
/** Joins 関係課 in one cell; department names never contain it. */
export const DEPARTMENT_JOINER = "、";
/** The grade label of an initiative not graded this year (対象外). */
export const NOT_ASSESSED_LABEL = "対象外";

/**
 * The number a KPI value stands for in the numeric columns: money in yen (76,006千円 → 76006000), a
 * percentage as its number (5.7% → 5.7), a quantity or a bound (30%以上) as written; null for stages,
 * directions, relative bounds, unreadable text and no value.
 */
export function kpiNumber(value: KpiValue): number | null {
  if (value.kind === "money") return finite(value.yen);
  if (value.kind === "quantity" || value.kind === "bound") return finite(value.value);
  return null;
}

function finite(n: number | undefined): number | null {
  return n !== undefined && Number.isFinite(n) ? n : null;
}

/**
 * The unit of the numeric columns: 円 when any value is money (they are converted to yen), else the
 * first written unit of target, baseline, current (the target names what is measured).
 */
export function kpiUnit(kpi: Pick<Kpi, "baseline" | "target" | "current">): string {
  const values = [kpi.target, kpi.baseline, kpi.current];
  if (values.some((v) => v.kind === "money")) return "円";
  for (const v of values) if ((v.kind === "quantity" || v.kind === "bound") && v.unit) return v.unit;
  return "";
}

function initiativeCells(
  doc: PlanDocument,
  share: number,
  policy: string,
  initiative: Initiative,
): Omit<KpiRow, KpiColumnId> {
  return {
    localGovernmentCode: doc.organization?.localGovernmentCode ?? "",
    organization: doc.organization?.name ?? "",
    planTitle: doc.plan.title,
    planStart: doc.plan.startFiscalYear,
    planEnd: doc.plan.endFiscalYear,
    fiscalYear: doc.round.fiscalYear,
    fiscalYearJa: formatFiscalYear(doc.round.fiscalYear, "long"),
    asOf: doc.round.asOf,
    expectedShare: ratioToPercent(share),
    policy,
    number: initiative.numberText ?? initiative.number,
    title: initiative.title,
    departments: initiative.departments.join(DEPARTMENT_JOINER),
    description: initiative.description,
    activities: initiative.activities,
    grade: initiative.grade ?? "",
    gradeLabel: initiative.grade
      ? gradeLabel(gradeScaleOf(doc.plan), initiative.grade)
      : initiative.notAssessed
        ? NOT_ASSESSED_LABEL
        : "",
    committeeOpinion: initiative.committeeOpinion,
    nextYearGoal: initiative.nextYearGoal,
  };
}

/** The words of an assessment in the row's achievement columns (achievement-words.ts). */
function achievementCells(a: AchievementAssessment | undefined) {
  return {
    achievementStatus: a ? statusWord(a) : "",
    achievementPercent: a?.percent ?? null,
    achievementMethod: a ? methodLabel(a) : "",
    achievementReason: a ? reasonText(a) : "",
    pace: a?.pace ? paceLabel(a) : "",
  };
}

/** The status without the reason (that has its own column): 算出不可, 達成（目標超過）, 後退（当初より悪化）. */
function statusWord(a: AchievementAssessment): string {
  return a.status === "notComputable" ? "算出不可" : statusLabel(a);
}

function kpiCells(kpi: Kpi | undefined, share: number): Pick<KpiRow, KpiColumnId> {
  if (!kpi) {
    return {
      kpiName: "",
      relisted: "",
      baseline: "",
      target: "",
      current: "",
      unit: "",
      baselineNumber: null,
      targetNumber: null,
      currentNumber: null,
      ...achievementCells(undefined),
    };
  }
  return {
    // As printed, 再掲 marker included: texts are exported verbatim (the 再掲 column repeats the mark).
    kpiName: kpi.label,
    relisted: kpi.relisted ? RELISTED_MARK : "",
    baseline: kpi.baseline.text,
    target: kpi.target.text,
    current: kpi.current.text,
    unit: kpiUnit(kpi),
    baselineNumber: kpiNumber(kpi.baseline),
    targetNumber: kpiNumber(kpi.target),
    currentNumber: kpiNumber(kpi.current),
    ...achievementCells(assessKpi(kpi, share)),
  };
}

/**
 * One literal with every column, instead of spreading the two halves: a spread of 32 properties
 * made V8 build slow dictionary objects, and the rows of a 1,000-initiative plan took ten times
 * longer to make than to write as CSV.
 */
function joinRow(i: Omit<KpiRow, KpiColumnId>, k: Pick<KpiRow, KpiColumnId>): KpiRow {
  return {
    localGovernmentCode: i.localGovernmentCode,
    organization: i.organization,
    planTitle: i.planTitle,
    planStart: i.planStart,
    planEnd: i.planEnd,
    fiscalYear: i.fiscalYear,
    fiscalYearJa: i.fiscalYearJa,
    asOf: i.asOf,
    expectedShare: i.expectedShare,
    policy: i.policy,
    number: i.number,
    title: i.title,
    departments: i.departments,
    description: i.description,
    activities: i.activities,
    kpiName: k.kpiName,
    relisted: k.relisted,
    baseline: k.baseline,
    target: k.target,
    current: k.current,
    unit: k.unit,
    baselineNumber: k.baselineNumber,
    targetNumber: k.targetNumber,
    currentNumber: k.currentNumber,
    achievementStatus: k.achievementStatus,
    achievementPercent: k.achievementPercent,
    achievementMethod: k.achievementMethod,
    achievementReason: k.achievementReason,
    pace: k.pace,
    grade: i.grade,
    gradeLabel: i.gradeLabel,
    committeeOpinion: i.committeeOpinion,
    nextYearGoal: i.nextYearGoal,
  };
}

export function kpiRows(doc: PlanDocument): KpiRow[] {
  const share = expectedShare(doc.plan, doc.round.fiscalYear).share;
  const rows: KpiRow[] = [];
  for (const policy of doc.policies) {
    const label = policyLabel(policy);
    for (const initiative of policy.initiatives) {
      const common = initiativeCells(doc, share, label, initiative);
      const kpis: (Kpi | undefined)[] = initiative.kpis.length > 0 ? initiative.kpis : [undefined];
      for (const kpi of kpis) rows.push(joinRow(common, kpiCells(kpi, share)));
    }
  }
  return rows;
}

/** Header cells in column order. */
export function kpiRowHeaders(
  doc: Pick<PlanDocument, "plan" | "round">,
  locale: "ja" | "en" = "ja",
): string[] {
  return kpiRowColumns(doc).map((c) => (locale === "ja" ? c.header : c.headerEn));
}
