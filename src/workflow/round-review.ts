import { can } from "../domain/permissions.ts";
import type { ReportRecord, RoundRecord, Store } from "../store/types.ts";
import { StoreError } from "../store/types.ts";
import { WorkflowRefusal } from "./refusal.ts";
import type { Acting } from "./round.ts";
import { type SaveReportInput, type SaveReportOutcome, saveReport } from "./save-report.ts";

/**
 * The secretariat's commands around review that src/workflow/round.ts does not hold: the round's
 * as-of date and entry deadline, and a correction of a report's wording by the secretariat itself
 * (saved as the department's report, with a note in its thread so the department sees it).
 */

/** Changes the round's as-of date and entry deadline (not once it is published: reopen it first). */
export async function setRoundDates(
  store: Store,
  acting: Acting,
  input: { roundId: number; expectedVersion: number; asOf: string; entryDeadline: string | null },
): Promise<RoundRecord> {
  return store.transaction({ actor: acting.actor }, async (tx) => {
    const round = await tx.rounds.get(input.roundId);
    if (!round) throw new StoreError("not-found", "年度の進行管理が見つかりません。");
    if (!can(acting.principal, "round.manage", { organizationId: round.organizationId }))
      throw new WorkflowRefusal("workflow.notAllowed");
    if (round.state === "published") throw new WorkflowRefusal("workflow.wrongRoundState");
    return tx.rounds.update(round.id, input.expectedVersion, {
      asOf: input.asOf,
      entryDeadline: input.entryDeadline,
    });
  });
}

/**
 * The secretariat corrects a report's wording: the same save as the department's (versions,
 * KPI parsing, audit), then a correction note in the report's thread naming what was changed.
 */
export async function correctReport(
  store: Store,
  acting: Acting,
  input: Omit<SaveReportInput, "principal"> & { note: string; changedFields: string },
): Promise<SaveReportOutcome> {
  const round = await store.rounds.find(input.planId, input.fiscalYear);
  if (!round) throw new StoreError("not-found", "報告が見つかりません。");
  if (!can(acting.principal, "round.manage", { organizationId: round.organizationId }))
    throw new WorkflowRefusal("workflow.notAllowed");
  const outcome = await saveReport(store, acting.actor, { ...input, principal: acting.principal });
  const body = [input.changedFields, input.note.trim()].filter((t) => t !== "").join("\n");
  await addCorrectionNote(store, acting, outcome.report, body);
  return outcome;
}

async function addCorrectionNote(store: Store, acting: Acting, report: ReportRecord, body: string) {
  if (body === "") return;
  await store.transaction({ actor: acting.actor }, (tx) =>
    tx.comments.add({ reportId: report.id, kind: "correction", body }),
  );
}
