import type { Initiative, Kpi, PlanDocument } from "./plan-document.ts";

/**
 * What changed between two plan documents of one round (two revisions of a publication), field by
 * field, in the order a reader meets them in the table: the round's heading, then each initiative by
 * No. (its texts, then each KPI line by key). Pure; texts are compared exactly as written.
 */
export type DocumentField =
  | "asOf"
  | "title"
  | "policyTitle"
  | "initiativeAdded"
  | "initiativeRemoved"
  | "kpiAdded"
  | "kpiRemoved"
  | `field.${InitiativeField}`
  | `kpi.${KpiField}`;

type InitiativeField =
  | "title"
  | "departments"
  | "description"
  | "activities"
  | "grade"
  | "committeeOpinion"
  | "nextYearGoal";
type KpiField = "label" | "baseline" | "target" | "current";

export interface DocumentChange {
  field: DocumentField;
  /** The initiative's No., when the change is in one. */
  initiativeNumber?: number;
  /** That No. as written, when it is not the key ("1-2", "No.R1-1"; the newer document's). */
  initiativeNumberText?: string;
  /** The KPI line's label (as written in the newer document when it is in both). */
  kpiLabel?: string;
  before: string;
  after: string;
}

const INITIATIVE_FIELDS: readonly InitiativeField[] = [
  "title",
  "departments",
  "description",
  "activities",
  "grade",
  "committeeOpinion",
  "nextYearGoal",
];
const KPI_FIELDS: readonly KpiField[] = ["label", "baseline", "target", "current"];

function initiativeText(initiative: Initiative, field: InitiativeField): string {
  switch (field) {
    case "departments":
      return initiative.departments.join("、");
    case "grade":
      return initiative.grade ?? "";
    default:
      return initiative[field];
  }
}

function kpiText(kpi: Kpi, field: KpiField): string {
  return field === "label" ? kpi.label : kpi[field].text;
}

function initiativesOf(document: PlanDocument): Map<number, { initiative: Initiative; policy: string }> {
  const out = new Map<number, { initiative: Initiative; policy: string }>();
  for (const policy of document.policies)
    for (const initiative of policy.initiatives)
      out.set(initiative.number, { initiative, policy: `${policy.code}${policy.title}` });
  return out;
}

export function diffDocuments(before: PlanDocument, after: PlanDocument): DocumentChange[] {
  const changes: DocumentChange[] = [];
  const push = (change: DocumentChange) => {
    if (change.before !== change.after) changes.push(change);
  };
  const written = new Map<number, string>();
  for (const document of [before, after])
    for (const policy of document.policies)
      for (const initiative of policy.initiatives)
        if (initiative.numberText !== undefined) written.set(initiative.number, initiative.numberText);
  push({ field: "asOf", before: before.round.asOf, after: after.round.asOf });
  push({ field: "title", before: before.round.title ?? "", after: after.round.title ?? "" });

  const old = initiativesOf(before);
  const now = initiativesOf(after);
  const numbers = [...new Set([...old.keys(), ...now.keys()])].sort((a, b) => a - b);
  for (const number of numbers) {
    const a = old.get(number);
    const b = now.get(number);
    if (!a && b) {
      changes.push({
        field: "initiativeAdded",
        initiativeNumber: number,
        before: "",
        after: b.initiative.title,
      });
      continue;
    }
    if (a && !b) {
      changes.push({
        field: "initiativeRemoved",
        initiativeNumber: number,
        before: a.initiative.title,
        after: "",
      });
      continue;
    }
    if (!a || !b) continue;
    push({ field: "policyTitle", initiativeNumber: number, before: a.policy, after: b.policy });
    for (const field of INITIATIVE_FIELDS)
      push({
        field: `field.${field}`,
        initiativeNumber: number,
        before: initiativeText(a.initiative, field),
        after: initiativeText(b.initiative, field),
      });
    const oldKpis = new Map(a.initiative.kpis.map((k) => [k.key, k]));
    const newKpis = new Map(b.initiative.kpis.map((k) => [k.key, k]));
    const keys = [...new Set([...oldKpis.keys(), ...newKpis.keys()])].sort(byKpiKey);
    for (const key of keys) {
      const x = oldKpis.get(key);
      const y = newKpis.get(key);
      if (!x && y) {
        changes.push({
          field: "kpiAdded",
          initiativeNumber: number,
          kpiLabel: y.label,
          before: "",
          after: y.label,
        });
        continue;
      }
      if (x && !y) {
        changes.push({
          field: "kpiRemoved",
          initiativeNumber: number,
          kpiLabel: x.label,
          before: x.label,
          after: "",
        });
        continue;
      }
      if (!x || !y) continue;
      for (const field of KPI_FIELDS)
        push({
          field: `kpi.${field}`,
          initiativeNumber: number,
          kpiLabel: y.label,
          before: kpiText(x, field),
          after: kpiText(y, field),
        });
    }
  }
  return changes.map((change) => {
    const text = change.initiativeNumber === undefined ? undefined : written.get(change.initiativeNumber);
    return text === undefined ? change : { ...change, initiativeNumberText: text };
  });
}

/** "6-2" before "6-10": by the numbers in the key. */
function byKpiKey(a: string, b: string): number {
  const [a1 = 0, a2 = 0] = a.split("-").map(Number);
  const [b1 = 0, b2 = 0] = b.split("-").map(Number);
  return a1 - b1 || a2 - b2;
}
