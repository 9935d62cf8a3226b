import type { Principal } from "./permissions.ts";
import { can } from "./permissions.ts";
import { type ReportState, ROUND_STATES, type RoundState } from "./workflow-states.ts";

/**
 * The yearly cycle's rules (進行管理の流れ): which moves of a round and of a report are allowed, in
 * which state, for whom. Pure: the workflow commands ask these before they write, the pages ask them
 * to offer only what can be done, and a table-driven test walks every state × role.
 *
 * A round moves one step at a time: 準備中 → 入力中 → 確認中 → 評価中 → 公表済, and back one step with a
 * reason (a published round goes back to 評価中 to be corrected, then is published as its next
 * revision). Reports move within the round's state:
 *
 *   未着手 ─save→ 入力中 ─submit→ 提出済 ─accept→ 確認済 ─grade→ 評価済
 *                  ↑               │return
 *                  └── 差戻し ←──────┘   (差戻し ─submit→ 提出済)
 */

export function roundStep(from: RoundState, to: RoundState): "forward" | "back" | undefined {
  const difference = ROUND_STATES.indexOf(to) - ROUND_STATES.indexOf(from);
  return difference === 1 ? "forward" : difference === -1 ? "back" : undefined;
}

export interface RoundMove {
  /** The organization the round belongs to. */
  organizationId: number;
  from: RoundState;
  to: RoundState;
  /** Why (a step back, or a correction after publication); "" when none was given. */
  reason: string;
  /** For publishing: the states of the round's reports, and how many revisions were published before. */
  reportStates?: readonly ReportState[];
  revisions?: number;
}

/**
 * Whether `principal` may move a round from one state to another now: only the organization's
 * secretariat, one step at a time, back only with a reason; publishing (評価中 → 公表済) only when
 * every report is graded or accepted, and a correction (a revision after the first) only with its
 * reason. Opening a round and setting its dates are the secretariat's too (`roundManageRefusal`).
 */
export function roundMoveRefusal(principal: Principal, move: RoundMove): Refusal | RoundRefusal | undefined {
  const refusal = roundManageRefusal(principal, move.organizationId);
  if (refusal) return refusal;
  const step = roundStep(move.from, move.to);
  if (!step) return "workflow.roundStep";
  const reason = move.reason.trim() !== "";
  if (step === "back" && !reason) return "workflow.reasonRequired";
  if (move.to === "published") {
    if (!readyToPublish(move.reportStates ?? [])) return "workflow.notReadyToPublish";
    if ((move.revisions ?? 0) > 0 && !reason) return "workflow.reasonRequired";
  }
  return undefined;
}

/** Why a round cannot be moved as asked. Message keys of the UI catalogue. */
export type RoundRefusal = "workflow.roundStep" | "workflow.reasonRequired" | "workflow.notReadyToPublish";

/** Opening, moving, publishing a round and setting its dates: the organization's secretariat only. */
export function roundManageRefusal(principal: Principal, organizationId: number): Refusal | undefined {
  return can(principal, "round.manage", { organizationId }) ? undefined : "workflow.notAllowed";
}

export type ReportAction =
  /** Department fields: (D), the KPIs' 現状値, the department's own view, (H). */
  | "edit"
  /** Hand the report to the secretariat (the lead department). */
  | "submit"
  /** Send it back with a comment (the secretariat). */
  | "return"
  /** Accept it for grading (the secretariat). */
  | "accept"
  /** Set (F) and write (G) (the committee). */
  | "grade"
  /** Comment on the report (anyone who may read it). */
  | "comment";

export interface ReportSituation {
  /** The organization the report belongs to. */
  organizationId: number;
  roundState: RoundState;
  reportState: ReportState;
  /** The 関係課 of the initiative, lead first. */
  departmentIds: readonly number[];
}

/** Why an action cannot be done now; undefined when it can. Message keys of the UI catalogue. */
export type Refusal =
  | "workflow.notYourDepartment"
  | "workflow.notLead"
  | "workflow.wrongRoundState"
  | "workflow.wrongReportState"
  | "workflow.notAllowed";

/** States in which the department may still change its report. */
const OPEN_FOR_ENTRY: readonly ReportState[] = ["notStarted", "inProgress", "returned"];

/**
 * Whether `principal` may do `action` to a report now. The secretariat may correct any report's
 * wording in any state but published (it then reopens the round to correct it), and act for a
 * department; departments act on their own initiatives while the round takes entries; the
 * committee grades accepted reports while the round is being graded.
 */
export function reportActionRefusal(
  principal: Principal,
  action: ReportAction,
  situation: ReportSituation,
): Refusal | undefined {
  const { roundState, reportState, departmentIds, organizationId } = situation;
  if (principal.organizationId !== organizationId) return "workflow.notAllowed";
  const secretariat = principal.roles.has("secretariat");
  const editor = can(principal, "report.edit", { organizationId, departmentIds });
  const lead = departmentIds[0] !== undefined && principal.departmentIds.includes(departmentIds[0]);
  const entry = roundState === "entry" || roundState === "review";

  switch (action) {
    case "comment":
      return can(principal, "drafts.read", { organizationId }) ? undefined : "workflow.notAllowed";
    case "edit":
      if (roundState === "published" || roundState === "preparing") return "workflow.wrongRoundState";
      if (secretariat) return undefined;
      if (!editor) return "workflow.notYourDepartment";
      if (!entry) return "workflow.wrongRoundState";
      return OPEN_FOR_ENTRY.includes(reportState) ? undefined : "workflow.wrongReportState";
    case "submit":
      if (!secretariat && !editor) return "workflow.notYourDepartment";
      if (!secretariat && !lead) return "workflow.notLead";
      if (!entry) return "workflow.wrongRoundState";
      return OPEN_FOR_ENTRY.includes(reportState) ? undefined : "workflow.wrongReportState";
    case "return":
      if (!can(principal, "round.manage", { organizationId })) return "workflow.notAllowed";
      if (!entry && roundState !== "grading") return "workflow.wrongRoundState";
      return reportState === "submitted" || reportState === "accepted"
        ? undefined
        : "workflow.wrongReportState";
    case "accept":
      if (!can(principal, "round.manage", { organizationId })) return "workflow.notAllowed";
      if (!entry && roundState !== "grading") return "workflow.wrongRoundState";
      return reportState === "submitted" ? undefined : "workflow.wrongReportState";
    case "grade":
      if (!can(principal, "report.grade", { organizationId })) return "workflow.notAllowed";
      if (roundState !== "grading") return "workflow.wrongRoundState";
      return reportState === "accepted" || reportState === "graded" ? undefined : "workflow.wrongReportState";
  }
}

/** The state a report is in after `action` (edit moves a report out of 未着手 only). */
export function reportStateAfter(action: Exclude<ReportAction, "comment">, before: ReportState): ReportState {
  switch (action) {
    case "edit":
      return before === "notStarted" ? "inProgress" : before;
    case "submit":
      return "submitted";
    case "return":
      return "returned";
    case "accept":
      return "accepted";
    case "grade":
      return "graded";
  }
}

/** A round can be published once every report is graded (or, for an initiative not graded, accepted). */
export function readyToPublish(reportStates: readonly ReportState[]): boolean {
  return reportStates.every((s) => s === "graded" || s === "accepted");
}
