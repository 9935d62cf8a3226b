import { formatFiscalYear } from "../domain/era.ts";
import { isGradeOf } from "../domain/grade.ts";
import { kpiParseContext } from "../domain/kpi-context.ts";
import { formatKpiValue, formatNumber } from "../domain/kpi-format.ts";
import { parseKpiValue } from "../domain/kpi-parse.ts";
import { can, type Principal } from "../domain/permissions.ts";
import type { Initiative, PlanDocument } from "../domain/plan-document.ts";
import { reportActionRefusal } from "../domain/workflow.ts";
import { REPORT_STATE_LABELS, ROUND_STATE_LABELS } from "../domain/workflow-states.ts";
import { gradeCodesText } from "../io/entry-workbook/checks.ts";
import { IDENTITY_CELL, INPUT_SHEET } from "../io/entry-workbook/layout.ts";
import {
  ENTRY_FIELD_LABELS,
  type EntryFieldKind,
  type EntryInitiative,
  type EntryWorkbookModel,
  type UploadedField,
  type UploadedWorkbook,
  type WorkbookProblem,
} from "../io/entry-workbook/model.ts";
import type {
  Actor,
  DepartmentRecord,
  PlanRecord,
  ReportChanges,
  ReportRecord,
  RoundRecord,
  Store,
  StoreReads,
} from "../store/types.ts";
import { type SaveReportInput, saveReportWithin } from "./save-report.ts";

/**
 * The entry workbook's side of the round (src/io/entry-workbook/): what a department's workbook holds
 * (its initiatives in the round, what is entered, last year's report), what an uploaded one would
 * change (checked against the store: whose it is, which round, whether each report may still be
 * changed and has not changed since), and applying it — every report of it in one transaction, each
 * saved as the entry form saves it (saveReport: versioned, audited), or none.
 */

export interface WorkbookScope {
  organizationId: number;
  organizationName: string;
  planId: number;
  fiscalYear: number;
}

/** The departments that have initiatives in the round, with how many. */
export async function departmentsOfRound(
  reads: StoreReads,
  scope: WorkbookScope,
): Promise<{ id: number; name: string; initiatives: number }[]> {
  const round = await reads.rounds.find(scope.planId, scope.fiscalYear);
  if (!round) return [];
  const counts = new Map<number, { id: number; name: string; initiatives: number }>();
  for (const report of await reads.reports.list(round.id)) {
    for (const department of (await reads.departments.ofInitiative(scope.planId, report.initiativeNumber)) ??
      []) {
      const entry = counts.get(department.id) ?? { id: department.id, name: department.name, initiatives: 0 };
      entry.initiatives++;
      counts.set(department.id, entry);
    }
  }
  return [...counts.values()].sort((a, b) => a.name.localeCompare(b.name, "ja"));
}

/** A department's entry workbook, as the store holds the round now; undefined when there is none. */
export async function entryWorkbookModel(
  reads: StoreReads,
  scope: WorkbookScope,
  departmentId: number,
  now: Date,
): Promise<EntryWorkbookModel | undefined> {
  const plan = await reads.plans.find(scope.planId);
  const round = plan && (await reads.rounds.find(plan.id, scope.fiscalYear));
  const snapshot = round && (await reads.rounds.snapshot(round.id));
  const department = (await reads.departments.list(scope.organizationId)).find((d) => d.id === departmentId);
  if (!plan || plan.organizationId !== scope.organizationId || !round || !snapshot || !department)
    return undefined;
  const reports = new Map((await reads.reports.list(round.id)).map((r) => [r.initiativeNumber, r]));
  const values = new Map((await reads.kpiValues.list(round.id)).map((v) => [v.kpiId, v]));
  const lastRound = await reads.rounds.find(plan.id, scope.fiscalYear - 1);
  const last = lastRound && (await reads.rounds.snapshot(lastRound.id));
  const lastInitiatives = new Map(initiativesOf(last?.document).map((i) => [i.number, i]));
  const lastKpiText = new Map<number, string>();
  for (const initiative of lastInitiatives.values())
    for (const kpi of initiative.kpis) {
      const id = last?.links.kpis[kpi.key];
      if (id !== undefined && !kpi.relisted) lastKpiText.set(id, kpi.current.text);
    }

  const initiatives: EntryInitiative[] = [];
  for (const initiative of initiativesOf(snapshot.document)) {
    const departments = (await reads.departments.ofInitiative(plan.id, initiative.number)) ?? [];
    if (!departments.some((d) => d.id === departmentId)) continue;
    const report = reports.get(initiative.number);
    if (!report) continue;
    const before = lastInitiatives.get(initiative.number);
    initiatives.push({
      number: initiative.number,
      title: initiative.title,
      departments: initiative.departments,
      reportVersion: report.version,
      activities: report.activities,
      selfGrade: report.selfGrade,
      selfGradeReason: report.selfGradeReason,
      nextYearGoal: report.nextYearGoal,
      kpis: initiative.kpis.map((kpi) => {
        const kpiId = snapshot.links.kpis[kpi.key] ?? 0;
        const value = values.get(kpiId);
        return {
          kpiId,
          label: kpi.label,
          baseline: kpi.baseline.text,
          target: kpi.target.text,
          current: value?.value.text ?? "",
          version: value?.version ?? null,
          lastYear: lastKpiText.get(kpiId) ?? "",
        };
      }),
      ...(before
        ? {
            lastYear: {
              activities: before.activities,
              grade: before.grade,
              nextYearGoal: before.nextYearGoal,
            },
          }
        : {}),
    });
  }
  return {
    identity: {
      organizationId: scope.organizationId,
      organizationName: scope.organizationName,
      planId: plan.id,
      planTitle: plan.title,
      fiscalYear: round.fiscalYear,
      roundId: round.id,
      departmentId: department.id,
      departmentName: department.name,
      createdAt: now.toISOString(),
    },
    asOf: round.asOf,
    asksNextYearGoal: round.fiscalYear < plan.endFiscalYear,
    gradeScale: plan.gradeScale,
    initiatives,
  };
}

function initiativesOf(document: PlanDocument | undefined): Initiative[] {
  return document?.policies.flatMap((p) => p.initiatives) ?? [];
}

// ── Upload ──────────────────────────────────────────────────────────────────────────────────────

/** One field an upload would change. */
export interface FieldChange {
  cell: string;
  field: EntryFieldKind;
  /** 「(D) 取組内容」, 「現状値：協定件数」… */
  label: string;
  before: string;
  after: string;
  /** For a 現状値: what the KPI parser understood. */
  reading?: string;
}

/** One report an upload would change. */
export interface ReportChangeSet {
  initiativeNumber: number;
  title: string;
  reportVersion: number;
  changes: FieldChange[];
  save: Pick<SaveReportInput, "changes" | "kpiValues">;
}

export interface WorkbookPreview {
  departmentName: string;
  reports: ReportChangeSet[];
  /** Initiatives of the workbook it leaves as they are. */
  unchanged: number[];
}

export type WorkbookCheck =
  | { ok: true; preview: WorkbookPreview }
  | { ok: false; problems: WorkbookProblem[] };

/** The upload was refused when it was applied (re-checked inside the transaction). */
export class WorkbookRefused extends Error {
  constructor(readonly problems: WorkbookProblem[]) {
    super(problems.map((p) => p.message).join(" "));
    this.name = "WorkbookRefused";
  }
}

const identityProblem = (message: string): { ok: false; problems: WorkbookProblem[] } => ({
  ok: false,
  problems: [{ sheet: INPUT_SHEET, cell: IDENTITY_CELL, message }],
});

/**
 * Whether the workbook is for the round and department open here, and may be uploaded by
 * `principal`: the first thing said about an upload (before what its cells hold, which is read
 * against this plan's scale and would mislead about another plan's workbook).
 */
export async function checkWorkbookIdentity(
  reads: StoreReads,
  principal: Principal,
  scope: WorkbookScope,
  identity: UploadedWorkbook["identity"],
): Promise<
  | { ok: true; plan: PlanRecord; round: RoundRecord; department: DepartmentRecord }
  | { ok: false; problems: WorkbookProblem[] }
> {
  if (identity.organizationId !== scope.organizationId)
    return identityProblem(
      `この入力票は別の自治体のものです（${identity.organizationName || "不明"}）。${scope.organizationName}の入力票をアップロードしてください。`,
    );
  const plan = await reads.plans.find(scope.planId);
  const round = plan && (await reads.rounds.find(plan.id, scope.fiscalYear));
  if (!plan || !round) return identityProblem("この年度の進行管理が見つかりません。");
  if (identity.planId !== plan.id || identity.fiscalYear !== round.fiscalYear)
    return identityProblem(
      `この入力票は「${identity.planTitle}」${formatFiscalYear(identity.fiscalYear)}のものです。いま開いているのは「${plan.title}」${formatFiscalYear(round.fiscalYear)}です。`,
    );
  if (identity.roundId !== round.id)
    return identityProblem(
      `この入力票を作成した後に、${formatFiscalYear(round.fiscalYear)}の進行管理が作り直されました。新しい入力票をダウンロードし直してください。`,
    );
  const department = (await reads.departments.list(scope.organizationId)).find(
    (d) => d.id === identity.departmentId,
  );
  if (!department) return identityProblem("この入力票の所管課は、いまは登録されていません。");
  if (
    !can(principal, "report.edit", { organizationId: scope.organizationId, departmentIds: [department.id] })
  )
    return identityProblem(
      `この入力票は${department.name}のものです。あなたが入力を担当する課ではないため、アップロードできません。`,
    );
  if (round.state === "preparing" || round.state === "published")
    return identityProblem(
      `${formatFiscalYear(round.fiscalYear)}の進行管理は「${ROUND_STATE_LABELS[round.state].ja}」のため、入力できません。`,
    );
  return { ok: true, plan, round, department };
}

/**
 * What applying `upload` as `principal` would change, or why it cannot be applied. A cell left as it
 * was when the workbook was made changes nothing (even if the report changed since); a changed cell
 * whose report changed since, or may no longer be changed, refuses the whole upload.
 */
export async function checkWorkbookUpload(
  reads: StoreReads,
  principal: Principal,
  scope: WorkbookScope,
  upload: UploadedWorkbook,
): Promise<WorkbookCheck> {
  const checked = await checkWorkbookIdentity(reads, principal, scope, upload.identity);
  if (!checked.ok) return checked;
  const { plan, round, department } = checked;

  const snapshot = await reads.rounds.snapshot(round.id);
  const initiatives = new Map(initiativesOf(snapshot?.document).map((i) => [i.number, i]));
  const reports = new Map((await reads.reports.list(round.id)).map((r) => [r.initiativeNumber, r]));
  const values = new Map((await reads.kpiValues.list(round.id)).map((v) => [v.kpiId, v]));
  const context = kpiParseContext({
    startFiscalYear: plan.startFiscalYear,
    endFiscalYear: plan.endFiscalYear,
  });

  const problems: WorkbookProblem[] = [];
  const byInitiative = new Map<number, UploadedField[]>();
  for (const field of upload.fields) {
    const list = byInitiative.get(field.initiativeNumber) ?? [];
    list.push(field);
    byInitiative.set(field.initiativeNumber, list);
  }
  const preview: WorkbookPreview = { departmentName: department.name, reports: [], unchanged: [] };
  const kpisTaken = new Set<number>();
  for (const [number, fields] of byInitiative) {
    const first = fields[0] as UploadedField;
    const at = (field: { cell: string }, message: string) =>
      problems.push({ sheet: INPUT_SHEET, cell: field.cell, message: `No.${number}：${message}` });
    const initiative = initiatives.get(number);
    const report = reports.get(number);
    if (!initiative || !report || !snapshot) {
      at(first, `${formatFiscalYear(round.fiscalYear)}の進行管理にこの取組項目はありません。`);
      continue;
    }
    const departmentIds = ((await reads.departments.ofInitiative(plan.id, number)) ?? []).map((d) => d.id);
    if (!departmentIds.includes(department.id)) {
      at(
        first,
        `${department.name}の取組項目ではありません（関係課：${initiative.departments.join("、")}）。`,
      );
      continue;
    }
    const kpiIds = new Map(initiative.kpis.map((kpi) => [snapshot.links.kpis[kpi.key] ?? 0, kpi] as const));
    const changes: FieldChange[] = [];
    const save: ReportChangeSet["save"] = { changes: {}, kpiValues: [] };
    const reportChanges: Omit<ReportChanges, "state" | "submitted" | "grade" | "committeeOpinion"> = {};
    let moved: UploadedField | undefined;
    for (const field of fields) {
      if (field.field === "kpi") {
        const kpi = field.kpiId !== null ? kpiIds.get(field.kpiId) : undefined;
        if (!kpi || field.kpiId === null || kpisTaken.has(field.kpiId)) {
          at(field, "この数値目標は、この取組項目にありません。新しい入力票をダウンロードし直してください。");
          continue;
        }
        kpisTaken.add(field.kpiId);
        if (!field.edited) continue;
        const current = values.get(field.kpiId);
        const before = current?.value.text ?? "";
        if (before === field.value) continue;
        if ((current?.version ?? null) !== field.kpiVersion || report.version !== field.reportVersion)
          moved ??= field;
        const parsed = parseKpiValue(field.value, context);
        changes.push({
          cell: field.cell,
          field: "kpi",
          label: `現状値：${kpi.label}`,
          before,
          after: field.value,
          reading: kpiReading(parsed, context),
        });
        save.kpiValues?.push({ kpiId: field.kpiId, text: field.value, expectedVersion: field.kpiVersion });
        continue;
      }
      if (!field.edited) continue;
      const before = reportFieldText(report, field.field);
      if (before === field.value) continue;
      // The plan's scale as the store holds it now (it may have changed since the workbook was made).
      if (field.field === "selfGrade" && field.value !== "" && !isGradeOf(plan.gradeScale, field.value)) {
        at(
          field,
          `自己評価「${field.value}」は、この計画の評価の区分にありません。${gradeCodesText(plan.gradeScale)} のどれかを一覧から選んでください（空欄でもかまいません）。`,
        );
        continue;
      }
      if (report.version !== field.reportVersion) moved ??= field;
      changes.push({
        cell: field.cell,
        field: field.field,
        label: ENTRY_FIELD_LABELS[field.field],
        before,
        after: field.value,
      });
      if (field.field === "activities") reportChanges.activities = field.value;
      if (field.field === "nextYearGoal") reportChanges.nextYearGoal = field.value;
      if (field.field === "selfGradeReason") reportChanges.selfGradeReason = field.value;
      if (field.field === "selfGrade")
        reportChanges.selfGrade = field.value === "" ? null : (field.value as ReportRecord["selfGrade"]);
    }
    if (changes.length === 0) {
      preview.unchanged.push(number);
      continue;
    }
    if (moved) {
      at(
        moved,
        "この報告は、入力票を作成した後にほかの人が変更しました（上書きしないため、取り込みません）。" +
          "新しい入力票をダウンロードして入力し直すか、画面で入力してください。",
      );
      continue;
    }
    const refusal = reportActionRefusal(principal, "edit", {
      roundState: round.state,
      reportState: report.state,
      departmentIds,
      organizationId: scope.organizationId,
    });
    if (refusal) {
      at(
        changes[0] as FieldChange,
        refusal === "workflow.wrongReportState"
          ? `この報告は「${REPORT_STATE_LABELS[report.state].ja}」のため、変更できません（差戻しされると入力できます）。`
          : "この報告は、いまは変更できません。",
      );
      continue;
    }
    save.changes = reportChanges;
    preview.reports.push({
      initiativeNumber: number,
      title: initiative.title,
      reportVersion: report.version,
      changes,
      save,
    });
  }
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, preview };
}

function reportFieldText(report: ReportRecord, field: Exclude<EntryFieldKind, "kpi">): string {
  switch (field) {
    case "activities":
      return report.activities;
    case "nextYearGoal":
      return report.nextYearGoal;
    case "selfGrade":
      return report.selfGrade ?? "";
    case "selfGradeReason":
      return report.selfGradeReason;
  }
}

/** What the KPI parser understood, in the words the entry form uses. */
export function kpiReading(
  value: ReturnType<typeof parseKpiValue>,
  context: ReturnType<typeof kpiParseContext>,
): string {
  if (value.kind === "text") return "数値として読み取れません（文字のまま公表されます）";
  if (value.kind === "none") return value.text.trim() === "" ? "（空欄）" : "値なし";
  if (value.kind === "money" && value.yen !== undefined)
    return `${value.text} → ${formatNumber(value.yen)}円`;
  const cumulative =
    value.cumulativeTotal !== undefined
      ? `（累計 ${formatNumber(value.cumulativeTotal)}）`
      : value.cumulative
        ? "（累計）"
        : "";
  if (value.kind === "quantity" && value.value !== undefined)
    return `${formatNumber(value.value)}${value.unit ?? ""}${cumulative}`;
  return formatKpiValue(value, context);
}

/**
 * Applies an upload: checked again inside the transaction (what the preview showed may have moved
 * on), then every report saved with the versions the workbook was made from. Throws WorkbookRefused,
 * ConflictError or WorkflowRefusal with nothing written.
 */
export async function applyWorkbookUpload(
  store: Store,
  acting: { actor: Actor; principal: Principal },
  scope: WorkbookScope,
  upload: UploadedWorkbook,
): Promise<WorkbookPreview> {
  return store.transaction({ actor: acting.actor }, async (tx) => {
    const check = await checkWorkbookUpload(tx, acting.principal, scope, upload);
    if (!check.ok) throw new WorkbookRefused(check.problems);
    for (const report of check.preview.reports) {
      await saveReportWithin(tx, {
        principal: acting.principal,
        planId: scope.planId,
        fiscalYear: scope.fiscalYear,
        initiativeNumber: report.initiativeNumber,
        expectedVersion: report.reportVersion,
        ...report.save,
      });
    }
    return check.preview;
  });
}
