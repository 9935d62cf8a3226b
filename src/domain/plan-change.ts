/**
 * What one change of a plan's structure changed, field by field, read from its audit entry's
 * before and after (the plan editor writes them: src/store/plan-structure.ts). Pure: the plan's
 * change history page words each line; nothing here knows a language.
 *
 * A field appears when its value differs between before and after (an edit), or, for an entry
 * without a before (something added), when it has a value. 関係課 are compared as lists: which
 * were added, which removed, and whether the lead (the first) changed.
 */

export type PlanChangeField =
  | "title"
  | "period"
  | "baselineFiscalYear"
  | "gradeScale"
  | "notAssessedAllowed"
  | "code"
  | "policyTitle"
  | "policy"
  | "number"
  | "initiativeTitle"
  | "description"
  | "departments"
  | "kpiName"
  | "baseline"
  | "target"
  | "retired"
  | "direction"
  | "listedUnder";

export type PlanChangeValue = string | number | boolean | null;

export interface PlanChangeLine {
  field: PlanChangeField;
  /** Absent when the entry adds something (there was no before). */
  before?: PlanChangeValue;
  after?: PlanChangeValue;
  /** 関係課 only: names added and removed (in the after's and the before's order). */
  added?: string[];
  removed?: string[];
  /** 関係課 only: the lead (the first) before and after, when it changed. */
  leadBefore?: string | null;
  leadAfter?: string | null;
}

/** What the entry is about: a plan, a 基本方針, an initiative (its No.) or a KPI (its name). */
export interface PlanChangeSubject {
  kind: "plan" | "policy" | "initiative" | "kpi";
  /** The initiative's No. (the key), and as written when it differs. */
  number?: number;
  numberText?: string;
  /** Plan title, policy code and title, initiative title or KPI name. */
  name: string;
}

export interface PlanChange {
  subject: PlanChangeSubject;
  lines: PlanChangeLine[];
}

type Fields = Record<string, unknown>;

function fields(value: unknown): Fields | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Fields) : undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

function num(value: unknown): number | undefined {
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}

function names(value: unknown): string[] | undefined {
  return Array.isArray(value) && value.every((v) => typeof v === "string") ? (value as string[]) : undefined;
}

/** A grade scale as stored in an entry: its levels' codes and labels in order, or the default. */
function scaleText(value: unknown): string | null {
  const scale = fields(value);
  const levels = scale && Array.isArray(scale.levels) ? scale.levels : undefined;
  if (!levels) return null;
  return levels
    .map((level) => {
      const l = fields(level);
      const code = text(l?.code) ?? "";
      const label = text(l?.label) ?? "";
      return label === "" ? code : `${code} ${label}`;
    })
    .join(" / ");
}

function subjectOf(entity: string, before: Fields | undefined, after: Fields | undefined): PlanChangeSubject {
  const pick = (key: string) => text(after?.[key]) ?? text(before?.[key]);
  switch (entity) {
    case "plan":
      return { kind: "plan", name: pick("title") ?? "" };
    case "policy":
      return { kind: "policy", name: `${pick("code") ?? ""} ${pick("title") ?? ""}`.trim() };
    case "initiative": {
      const number = num(after?.number) ?? num(before?.number);
      const numberText = pick("numberText");
      return {
        kind: "initiative",
        ...(number !== undefined ? { number } : {}),
        ...(numberText !== undefined ? { numberText } : {}),
        name: pick("title") ?? "",
      };
    }
    default:
      return { kind: "kpi", name: pick("name") ?? "" };
  }
}

/** One scalar field: a line when it changed (or, when something was added, when it has a value). */
function scalar(
  lines: PlanChangeLine[],
  field: PlanChangeField,
  before: Fields | undefined,
  after: Fields | undefined,
  read: (f: Fields) => PlanChangeValue | undefined,
): void {
  const a = after ? read(after) : undefined;
  if (!before) {
    if (a !== undefined && a !== null && a !== "") lines.push({ field, after: a });
    return;
  }
  const b = read(before);
  if (b === undefined && a === undefined) return;
  if ((b ?? null) !== (a ?? null)) lines.push({ field, before: b ?? null, after: a ?? null });
}

function departmentLine(before: Fields | undefined, after: Fields | undefined): PlanChangeLine | undefined {
  const a = names(after?.departments);
  if (a === undefined) return undefined;
  const b = names(before?.departments);
  if (!before || b === undefined)
    return a.length > 0 ? { field: "departments", added: a, removed: [] } : undefined;
  const added = a.filter((name) => !b.includes(name));
  const removed = b.filter((name) => !a.includes(name));
  const leadBefore = b[0] ?? null;
  const leadAfter = a[0] ?? null;
  const leadChanged = leadBefore !== leadAfter;
  if (added.length === 0 && removed.length === 0 && !leadChanged) {
    // Only the order after the lead moved.
    return a.join("、") === b.join("、")
      ? undefined
      : { field: "departments", before: b.join("、"), after: a.join("、"), added, removed };
  }
  return {
    field: "departments",
    added,
    removed,
    ...(leadChanged ? { leadBefore, leadAfter } : {}),
  };
}

/**
 * The change one audit entry of the plan editor records. `entity` and `action` as stored
 * ("initiative", "initiative.update"); before and after as stored (the after carries planId).
 */
export function planChangeOf(
  entity: string,
  action: string,
  beforeValue: unknown,
  afterValue: unknown,
): PlanChange {
  const before = fields(beforeValue);
  const after = fields(afterValue);
  const subject = subjectOf(entity, before, after);
  const lines: PlanChangeLine[] = [];
  const verb = action.slice(action.indexOf(".") + 1);

  if (verb === "move") {
    const direction = text(after?.direction);
    if (direction !== undefined) lines.push({ field: "direction", after: direction });
    return { subject, lines };
  }
  if (verb === "retire" || verb === "restore") {
    lines.push({ field: "retired", before: verb === "restore", after: verb === "retire" });
    return { subject, lines };
  }
  if (verb === "relist" || verb === "unlist") {
    const number = num(after?.number) ?? num(before?.number);
    if (number !== undefined)
      lines.push(
        verb === "relist"
          ? { field: "listedUnder", after: number }
          : { field: "listedUnder", before: number, after: null },
      );
    return { subject, lines };
  }

  switch (entity) {
    case "plan": {
      scalar(lines, "title", before, after, (f) => text(f.title));
      const period = (f: Fields) => {
        const start = num(f.startFiscalYear);
        const end = num(f.endFiscalYear);
        return start === undefined || end === undefined ? undefined : `${start}-${end}`;
      };
      scalar(lines, "period", before, after, period);
      scalar(lines, "baselineFiscalYear", before, after, (f) =>
        "baselineFiscalYear" in f ? (num(f.baselineFiscalYear) ?? null) : undefined,
      );
      scalar(lines, "gradeScale", before, after, (f) =>
        "gradeScale" in f ? scaleText(f.gradeScale) : undefined,
      );
      scalar(lines, "notAssessedAllowed", before, after, (f) =>
        typeof f.notAssessedAllowed === "boolean" ? f.notAssessedAllowed : undefined,
      );
      break;
    }
    case "policy":
      scalar(lines, "code", before, after, (f) => text(f.code));
      scalar(lines, "policyTitle", before, after, (f) => text(f.title));
      break;
    case "initiative": {
      // The No. as the city writes it when it has one, else the key.
      scalar(lines, "number", before, after, (f) => text(f.numberText) ?? num(f.number));
      scalar(lines, "policy", before, after, (f) => num(f.policyId));
      scalar(lines, "initiativeTitle", before, after, (f) => text(f.title));
      scalar(lines, "description", before, after, (f) => text(f.description));
      const departments = departmentLine(before, after);
      if (departments) lines.push(departments);
      break;
    }
    case "kpi":
      scalar(lines, "kpiName", before, after, (f) => text(f.name));
      scalar(lines, "baseline", before, after, (f) => text(f.baseline));
      scalar(lines, "target", before, after, (f) => text(f.target));
      break;
  }
  return { subject, lines };
}
