import { type GradeScale, gradeScaleOf } from "../../../domain/grade.ts";
import { kpiParseContext } from "../../../domain/kpi-context.ts";
import type { KpiParseContext, KpiValue } from "../../../domain/kpi-value.ts";
import type { Initiative } from "../../../domain/plan-document.ts";
import type {
  CommentRecord,
  DepartmentRecord,
  PlanRecord,
  ReportRecord,
  RoundRecord,
  Store,
} from "../../../store/types.ts";

/**
 * Everything the entry page of one initiative shows, read from the store (the round's draft and the
 * year before): the initiative as this round prints it, each KPI with its id, its 現状値 and the
 * version read, last year's values, goal (H) and grade, and the comment thread.
 */
export interface EntryKpi {
  /** "8-1": the field is `kpi-8-1`. */
  key: string;
  /** The KPI's id (a 再掲 line has its original's). */
  id: number;
  name: string;
  label: string;
  relisted: boolean;
  /** Number of the initiative whose report enters a 再掲 line's value. */
  relistNumber?: number;
  baseline: KpiValue;
  target: KpiValue;
  current: KpiValue;
  /** The stored value's version; null when there is none yet. */
  version: number | null;
  lastYear?: KpiValue;
  /** The department enters it here (not a 再掲 of another initiative's KPI). */
  editable: boolean;
}

export interface EntryData {
  plan: PlanRecord;
  round: RoundRecord;
  report: ReportRecord;
  policy: { code: string; title: string };
  initiative: Initiative;
  departments: DepartmentRecord[];
  kpis: EntryKpi[];
  lastYear?: {
    fiscalYear: number;
    nextYearGoal: string;
    grade: Initiative["grade"];
    notAssessed: boolean;
    /** The scale last year's table was graded on. */
    scale: GradeScale;
  };
  comments: CommentRecord[];
  context: KpiParseContext;
  /** (H) is asked for: the plan continues after this fiscal year. */
  asksNextYearGoal: boolean;
}

export async function loadEntry(
  store: Store,
  organizationId: number,
  planId: number,
  fiscalYear: number,
  number: number,
): Promise<EntryData | undefined> {
  const plan = await store.plans.find(planId);
  if (!plan || plan.organizationId !== organizationId) return undefined;
  const rounds = await store.rounds.list(plan.id);
  const round = rounds.find((r) => r.fiscalYear === fiscalYear);
  if (!round) return undefined;
  const [report, snapshot, departments, values] = await Promise.all([
    store.reports.find(round.id, number),
    store.rounds.snapshot(round.id),
    store.departments.ofInitiative(plan.id, number),
    store.kpiValues.list(round.id),
  ]);
  const policy = snapshot?.document.policies.find((p) => p.initiatives.some((i) => i.number === number));
  const initiative = policy?.initiatives.find((i) => i.number === number);
  if (!report || !snapshot || !policy || !initiative || !departments) return undefined;

  const earlier = rounds.filter((r) => r.fiscalYear < fiscalYear).at(-1);
  const before = earlier && (await store.rounds.snapshot(earlier.id));
  const lastInitiative = before?.document.policies
    .flatMap((p) => p.initiatives)
    .find((i) => i.number === number);
  const lastValues = new Map<number, KpiValue>();
  for (const kpi of before?.document.policies.flatMap((p) => p.initiatives).flatMap((i) => i.kpis) ?? []) {
    const id = before?.links.kpis[kpi.key];
    if (id !== undefined && !kpi.relisted) lastValues.set(id, kpi.current);
  }
  const versions = new Map(values.map((v) => [v.kpiId, v.version]));

  const kpis: EntryKpi[] = [];
  for (const kpi of initiative.kpis) {
    const id = snapshot.links.kpis[kpi.key];
    if (id === undefined) continue;
    const relistNumber = kpi.relistOf ? Number(kpi.relistOf.split("-")[0]) : undefined;
    const editable = !kpi.relisted || relistNumber === number;
    const last = lastValues.get(id);
    kpis.push({
      key: kpi.key,
      id,
      name: kpi.name,
      label: kpi.label,
      relisted: kpi.relisted,
      ...(relistNumber !== undefined && Number.isSafeInteger(relistNumber) ? { relistNumber } : {}),
      baseline: kpi.baseline,
      target: kpi.target,
      current: kpi.current,
      version: versions.get(id) ?? null,
      ...(last ? { lastYear: last } : {}),
      editable,
    });
  }
  return {
    plan,
    round,
    report,
    policy: { code: policy.code, title: policy.title },
    initiative,
    departments,
    kpis,
    ...(lastInitiative && earlier && before
      ? {
          lastYear: {
            fiscalYear: earlier.fiscalYear,
            nextYearGoal: lastInitiative.nextYearGoal,
            grade: lastInitiative.grade,
            notAssessed: lastInitiative.notAssessed === true,
            scale: gradeScaleOf(before.document.plan),
          },
        }
      : {}),
    comments: await store.comments.list(report.id),
    // The context saveReport reads with, so the page says what the store will keep.
    context: kpiParseContext({ startFiscalYear: plan.startFiscalYear, endFiscalYear: plan.endFiscalYear }),
    asksNextYearGoal: round.fiscalYear < plan.endFiscalYear,
  };
}

/** What the form holds: as typed (on an error) or as stored (when the page opens). */
export interface EntryValues {
  version: string;
  activities: string;
  nextYearGoal: string;
  selfGrade: string;
  selfGradeReason: string;
  /** By KPI key. */
  kpis: Record<string, string>;
  /** The version each KPI value was read at, by key ("" when there was none). */
  kpiVersions: Record<string, string>;
}

export function storedValues(data: EntryData): EntryValues {
  return {
    version: String(data.report.version),
    activities: data.report.activities,
    nextYearGoal: data.report.nextYearGoal,
    selfGrade: data.report.selfGrade ?? "",
    selfGradeReason: data.report.selfGradeReason,
    kpis: Object.fromEntries(data.kpis.filter((k) => k.editable).map((k) => [k.key, k.current.text])),
    kpiVersions: Object.fromEntries(
      data.kpis.filter((k) => k.editable).map((k) => [k.key, k.version === null ? "" : String(k.version)]),
    ),
  };
}
