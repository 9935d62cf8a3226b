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
import { formatPercent, sourceLang, type Ui, uiLangInSource } from "../i18n.ts";
import { SourceText } from "./source-text.tsx";
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

/**
 * GradeText as markup, for rows built as strings: the same few spans for every initiative of a grade,
 * so each is rendered once per page.
 */
export function gradeTextHtml(ui: Ui): (grade: Grade | null) => string {
  const rendered = new Map<Grade | null, string>();
  return (grade) => {
    let html = rendered.get(grade);
    if (html === undefined) {
      html = String((<GradeText grade={grade} ui={ui} />).toString());
      rendered.set(grade, html);
    }
    return html;
  };
}

export function gradeHeader(grade: Grade, ui: Ui): string {
  return `${grade} ${GRADE_LABELS[grade][ui.lang]}`;
}

export interface SummaryRow {
  label: string;
  /** A policy's own name (Japanese), not a UI word. */
  fromSource?: boolean;
  summary: GradeSummary;
}

export function summaryRows(summary: DocumentGradeSummary, ui: Ui): SummaryRow[] {
  return [
    { label: ui.t("summary.total"), summary: summary.total },
    ...summary.byPolicy.map((p) => ({ label: policyLabel(p), fromSource: true, summary: p.summary })),
  ];
}

/**
 * The chart's accessible name, every number in words. It is HTML (hidden, named by the chart's
 * aria-labelledby) rather than the SVG's <title>, because a <title> holds plain text only and could not
 * mark the Japanese policy names inside an English sentence.
 */
export function GradeChartLabel(props: { id: string; rows: SummaryRow[]; fiscalYearLabel: string; ui: Ui }) {
  const { ui } = props;
  const lines = props.rows.map((row, i) => (
    <>
      {i > 0 ? (ui.lang === "ja" ? "。" : ". ") : ""}
      {ui.tParts("summary.chartLine", {
        row: row.fromSource ? <SourceText ui={ui}>{row.label}</SourceText> : row.label,
        counts: GRADES.map((g) => `${gradeHeader(g, ui)} ${row.summary[g]}`).join(
          ui.lang === "ja" ? "、" : ", ",
        ),
      })}
    </>
  ));
  return (
    <p id={props.id} hidden>
      {ui.tParts("summary.chartLabel", { fy: props.fiscalYearLabel, lines: <>{lines}</> })}
    </p>
  );
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
                <th scope="row" lang={row.fromSource ? sourceLang(ui) : undefined}>
                  {row.label}
                </th>
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
