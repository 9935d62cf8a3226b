import {
  DEFAULT_GRADE_SCALE,
  GRADES,
  type Grade,
  type GradeScale,
  type GradeSummary,
  gradeCount,
  gradeLabel,
  gradeShares,
  gradeSummaryTotal,
  gradeWithLabel,
} from "../../domain/grade.ts";
import { type DocumentGradeSummary, summaryCodes } from "../../domain/grade-summary.ts";
import { policyLabel } from "../../io/progress-table-columns.ts";
import { formatPercent, sourceLang, type Ui, uiLangInSource } from "../i18n.ts";
import { SourceText } from "./source-text.tsx";
import { TableScroll } from "./table-scroll.tsx";

/**
 * The colour a grade is drawn in, as one of the default scale's four (the CSS and the chart know
 * those): the default scale's own letter, else the level's place spread over A…D (best = A, worst = D).
 */
export function gradeColour(scale: GradeScale, grade: Grade): (typeof GRADES)[number] {
  const index = scale.findIndex((level) => level.code === grade);
  if (scale === DEFAULT_GRADE_SCALE || index < 0) return GRADES.includes(grade as "A") ? (grade as "A") : "D";
  const last = Math.max(1, scale.length - 1);
  return GRADES[Math.round((index * (GRADES.length - 1)) / last)] ?? "D";
}

/** "B ほぼ順調": the grade as text; the colour of the letter is an extra cue, never the only one. */
export function GradeText(props: {
  grade: Grade | null;
  ui: Ui;
  scale?: GradeScale | undefined;
  /** 対象外: not graded this year by decision. */
  notAssessed?: boolean | undefined;
}) {
  const { grade, ui } = props;
  const scale = props.scale ?? DEFAULT_GRADE_SCALE;
  // Its label is UI text: English inside a part that an English page marks as Japanese.
  if (!grade)
    return (
      <span class="grade-none" lang={uiLangInSource(ui)}>
        {ui.t(props.notAssessed ? "initiative.notAssessed" : "initiative.ungraded")}
      </span>
    );
  const label = gradeLabel(scale, grade, ui.lang);
  return (
    <span class={`grade grade-${gradeColour(scale, grade)}`} lang={uiLangInSource(ui)}>
      <span class="grade-letter">{grade}</span>
      {label === "" ? null : (
        <>
          {" "}
          <span class="grade-label">{label}</span>
        </>
      )}
    </span>
  );
}

/**
 * GradeText as markup, for rows built as strings: the same few spans for every initiative of a grade,
 * so each is rendered once per page.
 */
export function gradeTextHtml(
  ui: Ui,
  scale: GradeScale = DEFAULT_GRADE_SCALE,
): (grade: Grade | null, notAssessed?: boolean) => string {
  const rendered = new Map<string, string>();
  return (grade, notAssessed) => {
    const key = grade ?? (notAssessed ? "\0notAssessed" : "\0none");
    let html = rendered.get(key);
    if (html === undefined) {
      html = String((<GradeText grade={grade} ui={ui} scale={scale} notAssessed={notAssessed} />).toString());
      rendered.set(key, html);
    }
    return html;
  };
}

export function gradeHeader(grade: Grade, ui: Ui, scale: GradeScale = DEFAULT_GRADE_SCALE): string {
  return gradeWithLabel(scale, grade, ui.lang);
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
export function GradeChartLabel(props: {
  id: string;
  rows: SummaryRow[];
  fiscalYearLabel: string;
  ui: Ui;
  scale?: GradeScale;
}) {
  const { ui } = props;
  const lines = props.rows.map((row, i) => (
    <>
      {i > 0 ? (ui.lang === "ja" ? "。" : ". ") : ""}
      {ui.tParts("summary.chartLine", {
        row: row.fromSource ? <SourceText ui={ui}>{row.label}</SourceText> : row.label,
        counts: summaryCodes(row.summary, props.scale)
          .map((g) => `${gradeHeader(g, ui, props.scale)} ${gradeCount(row.summary, g)}`)
          .join(ui.lang === "ja" ? "、" : ", "),
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
  const codes = summaryCodes(summary.total, summary.scale);
  return (
    <TableScroll labelledBy="summary-caption">
      <table class="data grade-summary">
        <caption id="summary-caption">{ui.t("summary.caption", { fy: fiscalYearLabel })}</caption>
        <thead>
          <tr>
            <th scope="col">{ui.t("col.policy")}</th>
            {codes.map((g) => (
              <th scope="col" class="num">
                {gradeHeader(g, ui, summary.scale)}
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
                {codes.map((g) => (
                  <td class="num">
                    {ui.t("summary.cell", {
                      count: gradeCount(row.summary, g),
                      percent: formatPercent(gradeCount(shares, g)),
                    })}
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
      {summary.notAssessed > 0 ? (
        <p class="meta">
          {ui.t("summary.assessed", { assessed: summary.assessed, notAssessed: summary.notAssessed })}
        </p>
      ) : null}
      {summary.ungraded > 0 ? (
        <p class="meta">{ui.t("summary.ungraded", { count: summary.ungraded })}</p>
      ) : null}
    </TableScroll>
  );
}
