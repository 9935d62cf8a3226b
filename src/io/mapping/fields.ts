/**
 * The fields a spreadsheet column can be mapped to. One row of a sheet is one KPI of an initiative
 * (or an initiative without KPIs); a row with an empty No. cell continues the initiative above it
 * with a further KPI.
 */
export const MAPPING_FIELDS = [
  "policy",
  "number",
  "title",
  "departments",
  "description",
  "activities",
  "kpiName",
  "unit",
  "relisted",
  "baseline",
  "target",
  "current",
  "grade",
  "committeeOpinion",
  "nextYearGoal",
  "fiscalYear",
  "asOf",
] as const;

export type MappingField = (typeof MAPPING_FIELDS)[number];

export const FIELD_LABELS: Record<MappingField, { ja: string; en: string }> = {
  policy: { ja: "基本方針", en: "basic policy" },
  number: { ja: "No.", en: "No." },
  title: { ja: "取組項目 (A)", en: "initiative (A)" },
  departments: { ja: "関係課 (B)", en: "departments (B)" },
  description: { ja: "取組の方針と内容 (C)", en: "policy and content (C)" },
  activities: { ja: "取組内容 (D)", en: "activities (D)" },
  kpiName: { ja: "項目", en: "indicator" },
  unit: { ja: "単位", en: "unit" },
  relisted: { ja: "再掲", en: "relisted" },
  baseline: { ja: "当初", en: "baseline" },
  target: { ja: "目標", en: "target" },
  current: { ja: "現状値", en: "current value" },
  grade: { ja: "進捗状況 (F)", en: "progress (F)" },
  committeeOpinion: { ja: "本部会意見 (G)", en: "committee opinion (G)" },
  nextYearGoal: { ja: "翌年度目標 (H)", en: "next year's goal (H)" },
  fiscalYear: { ja: "年度", en: "fiscal year" },
  asOf: { ja: "現在", en: "as of" },
};

/** Fields of the initiative itself, repeated (or left empty) on its continuation rows. */
export const INITIATIVE_TEXT_FIELDS = [
  "title",
  "departments",
  "description",
  "activities",
  "grade",
  "committeeOpinion",
  "nextYearGoal",
] as const satisfies readonly MappingField[];

export const KPI_FIELDS = [
  "kpiName",
  "unit",
  "relisted",
  "baseline",
  "target",
  "current",
] as const satisfies readonly MappingField[];

/** The KPI value fields a unit column completes (42 + 件 → 42件) and whose headers may carry a year. */
export const KPI_VALUE_FIELDS = ["baseline", "target", "current"] as const satisfies readonly MappingField[];
export type KpiValueField = (typeof KPI_VALUE_FIELDS)[number];

/** Resolved columns: 0-based column index per mapped field. */
export type ColumnIndexes = Partial<Record<MappingField, number>>;
