/**
 * The states of a reporting round and of each report in it (docs/GLOSSARY.md). Which moves between
 * them are allowed, and for whom, is the workflow's (coming with the reporting round in the browser);
 * the names live here so that the store, the importer and the pages agree on them.
 */

/** 準備中 → 入力中 → 確認中 → 評価中 → 公表済 */
export const ROUND_STATES = ["preparing", "entry", "review", "grading", "published"] as const;
export type RoundState = (typeof ROUND_STATES)[number];

/** 未着手 → 入力中 → 提出済 → 差戻し ⇄ 提出済 → 確認済 → 評価済 */
export const REPORT_STATES = [
  "notStarted",
  "inProgress",
  "submitted",
  "returned",
  "accepted",
  "graded",
] as const;
export type ReportState = (typeof REPORT_STATES)[number];

export const ROUND_STATE_LABELS: Record<RoundState, { ja: string; en: string }> = {
  preparing: { ja: "準備中", en: "Preparing" },
  entry: { ja: "入力中", en: "Departments entering" },
  review: { ja: "確認中", en: "Secretariat review" },
  grading: { ja: "評価中", en: "Committee grading" },
  published: { ja: "公表済", en: "Published" },
};

export const REPORT_STATE_LABELS: Record<ReportState, { ja: string; en: string }> = {
  notStarted: { ja: "未着手", en: "Not started" },
  inProgress: { ja: "入力中", en: "In progress" },
  submitted: { ja: "提出済", en: "Submitted" },
  returned: { ja: "差戻し", en: "Returned" },
  accepted: { ja: "確認済", en: "Accepted" },
  graded: { ja: "評価済", en: "Graded" },
};

export function isRoundState(value: string): value is RoundState {
  return (ROUND_STATES as readonly string[]).includes(value);
}

export function isReportState(value: string): value is ReportState {
  return (REPORT_STATES as readonly string[]).includes(value);
}

/** The state an imported table's report is in: graded when the table graded it, else accepted. */
export function importedReportState(graded: boolean): ReportState {
  return graded ? "graded" : "accepted";
}

/** Where a publication came from: a table imported whole, or a round published in the browser. */
export const PUBLICATION_SOURCES = ["imported", "published"] as const;
export type PublicationSource = (typeof PUBLICATION_SOURCES)[number];
