import { isGradeOf } from "../domain/grade.ts";
import { kpiParseContext } from "../domain/kpi-context.ts";
import { parseKpiValue } from "../domain/kpi-parse.ts";
import type { Principal } from "../domain/permissions.ts";
import { reportActionRefusal, reportStateAfter } from "../domain/workflow.ts";
import type {
  Actor,
  KpiValueRecord,
  ReportChanges,
  ReportRecord,
  Store,
  StoreTransaction,
} from "../store/types.ts";
import { StoreError } from "../store/types.ts";
import { GradeNotOnScale, WorkflowRefusal } from "./refusal.ts";

export interface SaveReportInput {
  planId: number;
  fiscalYear: number;
  initiativeNumber: number;
  /** The report's version the editor started from. */
  expectedVersion: number;
  changes: Omit<ReportChanges, "state" | "submitted" | "grade" | "notAssessed" | "committeeOpinion">;
  /** 現状値 as typed, by KPI id, each with the version read (null: there was none). */
  kpiValues?: { kpiId: number; text: string; expectedVersion: number | null }[];
  /**
   * Who saves, for the round's rules (src/domain/workflow.ts): a department only while its report
   * is open for entry, the secretariat at any time before publication. Absent for system actors.
   */
  principal?: Principal;
}

export interface SaveReportOutcome {
  report: ReportRecord;
  kpiValues: KpiValueRecord[];
}

/**
 * Saves a draft of one initiative's report: its texts and its KPIs' 現状値, read with the KPI parser
 * of the plan (the text is kept exactly as typed). All of it or nothing: a conflict on any part
 * (someone saved in between) leaves everything as it was and throws ConflictError with the current
 * record. Who may save what is asked of the policy before this is called (the accounts issue).
 */
export function saveReport(store: Store, actor: Actor, input: SaveReportInput): Promise<SaveReportOutcome> {
  return store.transaction({ actor }, (tx) => saveReportWithin(tx, input));
}

/**
 * saveReport inside a transaction the caller holds, for a command that saves several reports as one
 * (an uploaded entry workbook: all of them or none).
 */
export async function saveReportWithin(
  tx: StoreTransaction,
  input: SaveReportInput,
): Promise<SaveReportOutcome> {
  const plan = await tx.plans.find(input.planId);
  const round = plan && (await tx.rounds.find(plan.id, input.fiscalYear));
  const current = round && (await tx.reports.find(round.id, input.initiativeNumber));
  if (!plan || !round || !current) throw new StoreError("not-found", "報告が見つかりません。");
  if (input.principal) {
    const departments = await tx.departments.ofInitiative(plan.id, input.initiativeNumber);
    const refusal = reportActionRefusal(input.principal, "edit", {
      roundState: round.state,
      reportState: current.state,
      departmentIds: (departments ?? []).map((d) => d.id),
      organizationId: round.organizationId,
    });
    if (refusal) throw new WorkflowRefusal(refusal);
  }
  const selfGrade = input.changes.selfGrade;
  if (selfGrade != null && !isGradeOf(plan.gradeScale, selfGrade))
    throw new GradeNotOnScale("selfGrade", selfGrade);
  const state = reportStateAfter("edit", current.state);
  const report = await tx.reports.update(current.id, input.expectedVersion, {
    ...input.changes,
    ...(state !== current.state ? { state } : {}),
  });
  const context = kpiParseContext({
    startFiscalYear: plan.startFiscalYear,
    endFiscalYear: plan.endFiscalYear,
  });
  const kpiValues = await tx.kpiValues.saveAll(
    round.id,
    (input.kpiValues ?? []).map((entry) => ({
      kpiId: entry.kpiId,
      expectedVersion: entry.expectedVersion,
      value: parseKpiValue(entry.text, context),
    })),
  );
  return { report, kpiValues };
}
