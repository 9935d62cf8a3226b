import { fiscalYearEnd } from "../domain/era.ts";
import { type Grade, isGradeOf } from "../domain/grade.ts";
import type { Principal } from "../domain/permissions.ts";
import {
  type ReportAction,
  reportActionRefusal,
  reportStateAfter,
  roundManageRefusal,
  roundMoveRefusal,
  roundStep,
} from "../domain/workflow.ts";
import type { RoundState } from "../domain/workflow-states.ts";
import type {
  Actor,
  PublicationRecord,
  ReportRecord,
  RoundRecord,
  Store,
  StoreTransaction,
} from "../store/types.ts";
import { StoreError } from "../store/types.ts";
import { GradeNotOnScale, NotAssessedNotAllowed, WorkflowRefusal } from "./refusal.ts";

/**
 * The round's commands: open the next fiscal year, move the round through its states, submit,
 * return, accept and grade reports, comment, publish. Each is one transaction; each asks the rules
 * of src/domain/workflow.ts with the state read inside the transaction, so two people acting at
 * once cannot both pass a check that only one of them should.
 */

export interface Acting {
  actor: Actor;
  principal: Principal;
}

/**
 * Opens FY N+1 after the plan's latest round (FY N), or a plan's first round: the plan's structure as
 * it stands (initiatives and KPI lines not retired), empty reports.
 */
export async function openRound(
  store: Store,
  acting: Acting,
  input: { planId: number; fiscalYear: number; asOf?: string; entryDeadline?: string | null },
): Promise<RoundRecord> {
  return store.transaction({ actor: acting.actor }, async (tx) => {
    const plan = await tx.plans.find(input.planId);
    if (!plan) throw new StoreError("not-found", "計画が見つかりません。");
    const refusal = roundManageRefusal(acting.principal, plan.organizationId);
    if (refusal) throw new WorkflowRefusal(refusal);
    const rounds = await tx.rounds.list(input.planId);
    if (rounds.some((r) => r.fiscalYear === input.fiscalYear))
      throw new WorkflowRefusal("workflow.roundExists");
    const earlier = rounds.filter((r) => r.fiscalYear < input.fiscalYear).at(-1);
    // A plan made in the browser opens its first round from its structure alone.
    if (!earlier && rounds.length > 0) throw new WorkflowRefusal("workflow.noEarlierRound");
    return tx.rounds.open({
      planId: input.planId,
      ...(earlier ? { fromRoundId: earlier.id } : {}),
      fiscalYear: input.fiscalYear,
      asOf: input.asOf ?? fiscalYearEnd(input.fiscalYear),
      entryDeadline: input.entryDeadline ?? null,
    });
  });
}

/**
 * Moves the round one step forward, or back with a reason. Publishing is its own command
 * (publishRound): it also freezes the table.
 */
export async function moveRound(
  store: Store,
  acting: Acting,
  input: { roundId: number; expectedVersion: number; to: RoundState; reason?: string },
): Promise<RoundRecord> {
  if (input.to === "published") throw new WorkflowRefusal("workflow.roundStep");
  return store.transaction({ actor: acting.actor }, async (tx) => {
    const round = await roundById(tx, input.roundId);
    const reason = input.reason?.trim() ?? "";
    const refusal = roundMoveRefusal(acting.principal, {
      organizationId: round.organizationId,
      from: round.state,
      to: input.to,
      reason,
    });
    if (refusal) throw new WorkflowRefusal(refusal);
    const step = roundStep(round.state, input.to);
    const moved = await tx.rounds.update(
      round.id,
      input.expectedVersion,
      { state: input.to },
      step === "back" ? reason : undefined,
    );
    if (input.to === "entry" && round.state === "preparing") await announceOpening(tx, moved);
    return moved;
  });
}

async function roundById(tx: StoreTransaction, roundId: number): Promise<RoundRecord> {
  const round = await tx.rounds.get(roundId);
  if (!round) throw new StoreError("not-found", "年度の進行管理が見つかりません。");
  return round;
}

/** Every department editor of the organization hears that entry is open. */
async function announceOpening(tx: StoreTransaction, round: RoundRecord): Promise<void> {
  const accounts = await tx.accounts.list(round.organizationId);
  await tx.notices.notify(
    accounts
      .filter((a) => !a.disabled && a.roles.includes("editor"))
      .map((a) => ({
        organizationId: round.organizationId,
        accountId: a.id,
        kind: "roundOpened" as const,
        roundId: round.id,
        params: { fiscalYear: round.fiscalYear, deadline: round.entryDeadline ?? "" },
      })),
  );
}

interface ReportInRound {
  round: RoundRecord;
  report: ReportRecord;
  departmentIds: number[];
}

async function reportInRound(
  tx: StoreTransaction,
  input: { planId: number; fiscalYear: number; initiativeNumber: number },
): Promise<ReportInRound> {
  const round = await tx.rounds.find(input.planId, input.fiscalYear);
  const report = round && (await tx.reports.find(round.id, input.initiativeNumber));
  const departments = report && (await tx.departments.ofInitiative(input.planId, input.initiativeNumber));
  if (!round || !report || !departments) throw new StoreError("not-found", "報告が見つかりません。");
  return { round, report, departmentIds: departments.map((d) => d.id) };
}

function refuseUnless(acting: Acting, action: ReportAction, found: ReportInRound): void {
  const refusal = reportActionRefusal(acting.principal, action, {
    roundState: found.round.state,
    reportState: found.report.state,
    departmentIds: found.departmentIds,
    organizationId: found.round.organizationId,
  });
  if (refusal) throw new WorkflowRefusal(refusal);
}

export interface ReportTarget {
  planId: number;
  fiscalYear: number;
  initiativeNumber: number;
  expectedVersion: number;
}

/**
 * Submits a report (the lead department, or the secretariat for it). It must be complete: (D) and
 * every KPI's 現状値 written, and (H) when the plan continues after this year.
 */
export async function submitReport(store: Store, acting: Acting, input: ReportTarget): Promise<ReportRecord> {
  return store.transaction({ actor: acting.actor }, async (tx) => {
    const found = await reportInRound(tx, input);
    refuseUnless(acting, "submit", found);
    const missing = await incompleteFields(tx, found);
    if (missing.length > 0) throw new IncompleteReport(missing);
    const report = await tx.reports.update(found.report.id, input.expectedVersion, {
      state: reportStateAfter("submit", found.report.state),
      submitted: true,
    });
    await notifyRole(tx, found.round, "secretariat", "submitted", report);
    return report;
  });
}

/** What a report still lacks before it can be submitted (field names of the entry form). */
export class IncompleteReport extends WorkflowRefusal {
  constructor(readonly fields: string[]) {
    super("workflow.incomplete");
  }
}

async function incompleteFields(tx: StoreTransaction, found: ReportInRound): Promise<string[]> {
  const missing: string[] = [];
  if (found.report.activities.trim() === "") missing.push("activities");
  const snapshot = await tx.rounds.snapshot(found.round.id);
  const initiative = snapshot?.document.policies
    .flatMap((p) => p.initiatives)
    .find((i) => i.number === found.report.initiativeNumber);
  for (const kpi of initiative?.kpis ?? [])
    if (kpi.current.text.trim() === "") missing.push(`kpi-${kpi.key}`);
  const plan = snapshot?.document.plan;
  if (plan && found.round.fiscalYear < plan.endFiscalYear && found.report.nextYearGoal.trim() === "")
    missing.push("nextYearGoal");
  return missing;
}

/** Sends a report back to its department with a comment; the report reopens for entry. */
export async function returnReport(
  store: Store,
  acting: Acting,
  input: ReportTarget & { comment: string },
): Promise<ReportRecord> {
  const comment = input.comment.trim();
  if (comment === "") throw new WorkflowRefusal("workflow.commentRequired");
  return store.transaction({ actor: acting.actor }, async (tx) => {
    const found = await reportInRound(tx, input);
    refuseUnless(acting, "return", found);
    const report = await tx.reports.update(found.report.id, input.expectedVersion, {
      state: reportStateAfter("return", found.report.state),
    });
    await tx.comments.add({ reportId: report.id, kind: "return", body: comment });
    await notifyDepartments(tx, found, "returned", report, { comment });
    return report;
  });
}

/** Accepts a submitted report for grading (with an optional comment). */
export async function acceptReport(
  store: Store,
  acting: Acting,
  input: ReportTarget & { comment?: string },
): Promise<ReportRecord> {
  return store.transaction({ actor: acting.actor }, async (tx) => {
    const found = await reportInRound(tx, input);
    refuseUnless(acting, "accept", found);
    const report = await tx.reports.update(found.report.id, input.expectedVersion, {
      state: reportStateAfter("accept", found.report.state),
    });
    const comment = input.comment?.trim() ?? "";
    if (comment !== "") await tx.comments.add({ reportId: report.id, kind: "accept", body: comment });
    await notifyDepartments(tx, found, "accepted", report, {});
    return report;
  });
}

/** The committee's grade (F) and opinion (G). */
export async function gradeReport(
  store: Store,
  acting: Acting,
  input: ReportTarget & { grade: Grade | null; committeeOpinion: string; notAssessed?: boolean },
): Promise<ReportRecord> {
  return store.transaction({ actor: acting.actor }, async (tx) => {
    const found = await reportInRound(tx, input);
    refuseUnless(acting, "grade", found);
    // 対象外 is a decision not to grade: it never stands beside a grade.
    const notAssessed = input.notAssessed === true;
    const grade = notAssessed ? null : input.grade;
    const plan = await tx.plans.find(input.planId);
    // The plan says whether 対象外 is a choice at all; a publication made before keeps its own.
    if (notAssessed && !plan?.notAssessedAllowed) throw new NotAssessedNotAllowed();
    if (grade !== null && (!plan || !isGradeOf(plan.gradeScale, grade)))
      throw new GradeNotOnScale("grade", grade);
    return tx.reports.update(found.report.id, input.expectedVersion, {
      grade,
      notAssessed,
      committeeOpinion: input.committeeOpinion,
      state: reportStateAfter("grade", found.report.state),
    });
  });
}

/** A comment on a report's thread. */
export async function commentOnReport(
  store: Store,
  acting: Acting,
  input: Omit<ReportTarget, "expectedVersion"> & { body: string },
): Promise<void> {
  const body = input.body.trim();
  if (body === "") throw new WorkflowRefusal("workflow.commentRequired");
  await store.transaction({ actor: acting.actor }, async (tx) => {
    const found = await reportInRound(tx, input);
    refuseUnless(acting, "comment", found);
    await tx.comments.add({ reportId: found.report.id, kind: "comment", body });
  });
}

/**
 * Publishes the round (公表): its table as the store holds it becomes the next revision. The first
 * publication needs every report graded (or accepted); a later one is a correction and needs its
 * reason.
 */
export async function publishRound(
  store: Store,
  acting: Acting,
  input: { roundId: number; expectedVersion: number; reason?: string },
): Promise<PublicationRecord> {
  return store.transaction({ actor: acting.actor }, async (tx) => {
    const round = await roundById(tx, input.roundId);
    const reports = await tx.reports.list(round.id);
    const earlier = await tx.publications.revisions(round.planId, round.fiscalYear);
    const reason = input.reason?.trim() ?? "";
    const refusal = roundMoveRefusal(acting.principal, {
      organizationId: round.organizationId,
      from: round.state,
      to: "published",
      reason,
      reportStates: reports.map((r) => r.state),
      revisions: earlier.length,
    });
    if (refusal) throw new WorkflowRefusal(refusal);
    await tx.rounds.update(round.id, input.expectedVersion, { state: "published" });
    const publication = await tx.publications.publish(round.id, {
      source: "published",
      ...(reason !== "" ? { reason } : {}),
    });
    const accounts = await tx.accounts.list(round.organizationId);
    await tx.notices.notify(
      accounts
        .filter((a) => !a.disabled)
        .map((a) => ({
          organizationId: round.organizationId,
          accountId: a.id,
          kind: "published" as const,
          roundId: round.id,
          params: { fiscalYear: round.fiscalYear, revision: publication.revision },
        })),
    );
    return publication;
  });
}

async function notifyRole(
  tx: StoreTransaction,
  round: RoundRecord,
  role: "secretariat",
  kind: "submitted",
  report: ReportRecord,
): Promise<void> {
  const accounts = await tx.accounts.list(round.organizationId);
  await tx.notices.notify(
    accounts
      .filter((a) => !a.disabled && a.roles.includes(role))
      .map((a) => ({
        organizationId: round.organizationId,
        accountId: a.id,
        kind,
        roundId: round.id,
        reportId: report.id,
        params: { fiscalYear: round.fiscalYear, number: report.initiativeNumber },
      })),
  );
}

async function notifyDepartments(
  tx: StoreTransaction,
  found: ReportInRound,
  kind: "returned" | "accepted",
  report: ReportRecord,
  params: Record<string, string>,
): Promise<void> {
  const accounts = await tx.accounts.list(found.round.organizationId);
  await tx.notices.notify(
    accounts
      .filter((a) => !a.disabled && a.roles.includes("editor"))
      .filter((a) => a.departmentIds.some((d) => found.departmentIds.includes(d)))
      .map((a) => ({
        organizationId: found.round.organizationId,
        accountId: a.id,
        kind,
        roundId: found.round.id,
        reportId: report.id,
        params: { fiscalYear: found.round.fiscalYear, number: report.initiativeNumber, ...params },
      })),
  );
}
