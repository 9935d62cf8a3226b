import { assessKpi } from "../../../domain/achievement.ts";
import { percentText, statusLabel } from "../../../domain/achievement-words.ts";
import type { GradeScale } from "../../../domain/grade.ts";
import type { Initiative } from "../../../domain/plan-document.ts";
import type { CommentRecord, ReportRecord } from "../../../store/types.ts";
import { sourceLang, type Ui } from "../../i18n.ts";
import { GradeText } from "../../views/grade.tsx";
import { TableScroll } from "../../views/table-scroll.tsx";
import { timeText } from "./dashboard.tsx";
import { Prose } from "./views-common.tsx";

/** The KPI lines of a report: 当初, 目標, last year's value, this year's 現状値 and its achievement. */
export function KpiTable(props: {
  ui: Ui;
  id: string;
  initiative: Initiative;
  lastYear: Initiative | undefined;
  expectedShare: number;
}) {
  const { ui, initiative } = props;
  if (initiative.kpis.length === 0) return null;
  const last = new Map((props.lastYear?.kpis ?? []).map((k) => [k.key, k.current.text]));
  return (
    <TableScroll labelledBy={`${props.id}-caption`}>
      <table class="data">
        <caption id={`${props.id}-caption`}>{ui.t("review.kpis")}</caption>
        <thead>
          <tr>
            <th scope="col">{ui.t("review.kpiName")}</th>
            <th scope="col">{ui.t("review.baseline")}</th>
            <th scope="col">{ui.t("review.target")}</th>
            <th scope="col">{ui.t("review.lastValue")}</th>
            <th scope="col">{ui.t("review.current")}</th>
            <th scope="col">{ui.t("review.achievement")}</th>
          </tr>
        </thead>
        <tbody>
          {initiative.kpis.map((kpi) => {
            const assessment = assessKpi(kpi, props.expectedShare);
            return (
              <tr>
                <th scope="row" lang={sourceLang(ui)}>
                  {kpi.label}
                </th>
                <td lang={sourceLang(ui)}>{kpi.baseline.text || "—"}</td>
                <td lang={sourceLang(ui)}>{kpi.target.text || "—"}</td>
                <td lang={sourceLang(ui)}>{last.get(kpi.key) || "—"}</td>
                <td lang={sourceLang(ui)}>{kpi.current.text || "—"}</td>
                <td>
                  {kpi.current.text.trim() === ""
                    ? "—"
                    : `${assessment.percent === null ? "" : `${percentText(assessment.percent)} `}${statusLabel(assessment, ui.lang)}`}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableScroll>
  );
}

/** The department's own view of progress (shown to the secretariat and the committee only). */
export function SelfView(props: { ui: Ui; report: ReportRecord; scale: GradeScale }) {
  const { ui, report } = props;
  return (
    <>
      <h3>{ui.t("review.selfView")}</h3>
      {report.selfGrade ? (
        <p>
          <strong>
            <GradeText grade={report.selfGrade} ui={ui} scale={props.scale} />
          </strong>
        </p>
      ) : (
        <p class="muted">{ui.t("review.noSelfView")}</p>
      )}
      {report.selfGradeReason.trim() !== "" ? <Prose ui={ui} text={report.selfGradeReason} /> : null}
    </>
  );
}

/** Last year's (F) and (G), on the scale last year's table printed. */
export function LastYearGrade(props: { ui: Ui; initiative: Initiative; scale: GradeScale }) {
  return (
    <>
      <h3>{props.ui.t("review.lastGrade")}</h3>
      <p>
        <GradeText
          grade={props.initiative.grade}
          ui={props.ui}
          scale={props.scale}
          notAssessed={props.initiative.notAssessed}
        />
      </p>
      <h3>{props.ui.t("review.opinion")}</h3>
      <Prose ui={props.ui} text={props.initiative.committeeOpinion} />
    </>
  );
}

export function CommentThread(props: { ui: Ui; comments: CommentRecord[] }) {
  const { ui } = props;
  if (props.comments.length === 0) return <p class="muted">{ui.t("review.noComments")}</p>;
  return (
    <ol class="thread">
      {props.comments.map((comment) => (
        <li class={`kind-${comment.kind}`}>
          <p class="meta">
            <strong>{ui.t(`review.commentKind.${comment.kind}`)}</strong> {comment.authorName}（
            {timeText(comment.createdAt, ui.lang)}）
          </p>
          <Prose ui={ui} text={comment.body} />
        </li>
      ))}
    </ol>
  );
}
