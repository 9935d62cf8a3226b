import { kpiParseContext } from "../domain/kpi-context.ts";
import { parseKpiValue } from "../domain/kpi-parse.ts";
import type { Actor, KpiValueRecord, ReportChanges, ReportRecord, Store } from "../store/types.ts";
import { StoreError } from "../store/types.ts";

export interface SaveReportInput {
  planId: number;
  fiscalYear: number;
  initiativeNumber: number;
  /** The report's version the editor started from. */
  expectedVersion: number;
  changes: Omit<ReportChanges, "state">;
  /** 現状値 as typed, by KPI id, each with the version read (null: there was none). */
  kpiValues?: { kpiId: number; text: string; expectedVersion: number | null }[];
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
  return store.transaction({ actor }, async (tx) => {
    const plan = await tx.plans.find(input.planId);
    const round = plan && (await tx.rounds.find(plan.id, input.fiscalYear));
    const current = round && (await tx.reports.find(round.id, input.initiativeNumber));
    if (!plan || !round || !current) throw new StoreError("not-found", "報告が見つかりません。");
    const report = await tx.reports.update(current.id, input.expectedVersion, {
      ...input.changes,
      ...(current.state === "notStarted" ? { state: "inProgress" as const } : {}),
    });
    const context = kpiParseContext({
      startFiscalYear: plan.startFiscalYear,
      endFiscalYear: plan.endFiscalYear,
    });
    const kpiValues: KpiValueRecord[] = [];
    for (const entry of input.kpiValues ?? []) {
      kpiValues.push(
        await tx.kpiValues.save({
          kpiId: entry.kpiId,
          roundId: round.id,
          expectedVersion: entry.expectedVersion,
          value: parseKpiValue(entry.text, context),
        }),
      );
    }
    return { report, kpiValues };
  });
}
