import {
  GRADE_LABELS,
  GRADES,
  type Grade,
  type GradeSummary,
  gradeShares,
  gradeSummaryTotal,
} from "../../domain/grade.ts";
import type { DocumentGradeSummary } from "../../domain/grade-summary.ts";
import { policyLabel } from "../../io/progress-table-columns.ts";
import { formatPercent, type Ui, uiLangInSource } from "../i18n.ts";
import { TableScroll } from "./table-scroll.tsx";

/** "B ほぼ順調": the grade as text; the colour of the letter is an extra cue, never the only one. */
export function GradeText(props: { grade: Grade | null; ui: Ui }) {
  const { grade, ui } = props;
  // Its label is UI text: English inside a part that an English page marks as Japanese.
  if (!grade)
    return (
      <span class="grade-none" lang={uiLangInSource(ui)}>
        {ui.t("initiative.ungraded")}
      </span>
    );
  return (
    <span class={`grade grade-${grade}`} lang={uiLangInSource(ui)}>
      <span class="grade-letter">{grade}</span>{" "}
      <span class="grade-label">{GRADE_LABELS[grade][ui.lang]}</span>
    </span>
  );
}

export function gradeHeader(grade: Grade, ui: Ui): string {
  return `${grade} ${GRADE_LABELS[grade][ui.lang]}`;
}

export interface SummaryRow {
  label: string;
  summary: GradeSummary;
}

export function summaryRows(summary: DocumentGradeSummary, ui: Ui): SummaryRow[] {
  return [
    { label: ui.t("summary.total"), summary: summary.total },
    ...summary.byPolicy.map((p) => ({ label: policyLabel(p), summary: p.summary })),
  ];
}

/** Counts and shares per grade, overall and per 基本方針. */
export function GradeSummaryTable(props: { summary: DocumentGradeSummary; fiscalYearLabel: string; ui: Ui }) {
  const { summary, fiscalYearLabel, ui } = props;
  return (
    <TableScroll labelledBy="summary-caption">
      <table class="data grade-summary">
        <caption id="summary-caption">{ui.t("summary.caption", { fy: fiscalYearLabel })}</caption>
        <thead>
          <tr>
            <th scope="col">{ui.t("col.policy")}</th>
            {GRADES.map((g) => (
              <th scope="col" class="num">
                {gradeHeader(g, ui)}
              </th>
            ))}
            <th scope="col" class="num">
              {ui.t("col.total")}
            </th>
          </tr>
        </thead>
        <tbody>
          {summaryRows(summary, ui).map((row) => {
            const shares = gradeShares(row.summary);
            return (
              <tr>
                <th scope="row">{row.label}</th>
                {GRADES.map((g) => (
                  <td class="num">
                    {ui.t("summary.cell", { count: row.summary[g], percent: formatPercent(shares[g]) })}
                  </td>
                ))}
                <td class="num">
                  {ui.t("summary.cell", {
                    count: gradeSummaryTotal(row.summary),
                    percent: formatPercent(gradeSummaryTotal(row.summary) > 0 ? 1 : 0),
                  })}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {summary.ungraded > 0 ? (
        <p class="meta">{ui.t("summary.ungraded", { count: summary.ungraded })}</p>
      ) : null}
    </TableScroll>
  );
}
