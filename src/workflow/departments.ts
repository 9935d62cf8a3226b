import type { Problem } from "../domain/account-rules.ts";
import {
  cleanDepartmentName,
  type DepartmentField,
  departmentNameProblems,
} from "../domain/department-rules.ts";
import {
  type Actor,
  ConflictError,
  type DepartmentChangeEffects,
  type DepartmentRecord,
  type OpenRoundMention,
  type Store,
  StoreError,
} from "../store/types.ts";

/**
 * The secretariat's changes to its organization's departments (issue 8): add, rename, merge (統合,
 * the yearly 機構改革) and retire (廃止). Each is one transaction, checks the version the form was
 * read at, and is audited by the store (before → after). Rounds with a publication, and their
 * publications and downloads, are never touched: only open rounds and the plan's current 関係課 move.
 */

type Problems = { kind: "problems"; problems: Problem<DepartmentField>[] };
type Conflict = { kind: "conflict"; current: DepartmentRecord };
type Saved<T = object> = {
  kind: "saved";
  department: DepartmentRecord;
  effects: DepartmentChangeEffects;
} & T;

/** Retirement refused: open rounds still have it as their lead (主担当); a successor must take over. */
export type LeadInOpenRound = { kind: "lead-in-open-round"; mentions: OpenRoundMention[] };

export async function addDepartment(
  store: Store,
  actor: Actor,
  input: { organizationId: number; name: string },
): Promise<{ kind: "saved"; department: DepartmentRecord } | Problems | Conflict> {
  const problems = departmentNameProblems(input.name);
  if (problems.length > 0) return { kind: "problems", problems };
  try {
    const department = await store.transaction({ actor }, (tx) =>
      tx.departments.add(input.organizationId, cleanDepartmentName(input.name)),
    );
    return { kind: "saved", department };
  } catch (error) {
    return refused(error, "name");
  }
}

export async function renameDepartment(
  store: Store,
  actor: Actor,
  input: { organizationId: number; departmentId: number; expectedVersion: number; name: string },
): Promise<Saved | Problems | Conflict> {
  const problems = departmentNameProblems(input.name);
  if (problems.length > 0) return { kind: "problems", problems };
  try {
    const { department, effects } = await store.transaction({ actor }, (tx) =>
      tx.departments.rename(
        input.organizationId,
        input.departmentId,
        input.expectedVersion,
        cleanDepartmentName(input.name),
      ),
    );
    return { kind: "saved", department, effects };
  } catch (error) {
    return refused(error, "name");
  }
}

/** Merges the department into another (A into B): B takes over everything A had that is still open. */
export async function mergeDepartment(
  store: Store,
  actor: Actor,
  input: {
    organizationId: number;
    departmentId: number;
    expectedVersion: number;
    intoId: number | undefined;
  },
): Promise<Saved<{ into: DepartmentRecord }> | Problems | Conflict> {
  if (input.intoId === undefined)
    return { kind: "problems", problems: [{ field: "into", key: "departments.missingInto" }] };
  if (input.intoId === input.departmentId)
    return { kind: "problems", problems: [{ field: "into", key: "departments.intoItself" }] };
  const intoId = input.intoId;
  try {
    const result = await store.transaction({ actor }, (tx) =>
      tx.departments.merge(input.organizationId, input.departmentId, input.expectedVersion, intoId),
    );
    return { kind: "saved", ...result };
  } catch (error) {
    return refused(error, "into");
  }
}

/**
 * Retires the department. With a successor, the successor takes over as in a merge. Without one,
 * it is refused while an open round has the department as an initiative's lead (主担当), since the
 * report would be left without the department that answers for it; elsewhere it simply leaves the
 * 関係課 lists of open rounds and of the plan.
 */
export async function retireDepartment(
  store: Store,
  actor: Actor,
  input: {
    organizationId: number;
    departmentId: number;
    expectedVersion: number;
    successorId: number | undefined;
  },
): Promise<Saved<{ successor?: DepartmentRecord }> | Problems | Conflict | LeadInOpenRound> {
  if (input.successorId === input.departmentId)
    return { kind: "problems", problems: [{ field: "successor", key: "departments.intoItself" }] };
  const successorId = input.successorId;
  try {
    return await store.transaction({ actor }, async (tx) => {
      if (successorId !== undefined) {
        const { department, into, effects } = await tx.departments.merge(
          input.organizationId,
          input.departmentId,
          input.expectedVersion,
          successorId,
          "department.retire",
        );
        return { kind: "saved" as const, department, successor: into, effects };
      }
      const mentions = (await tx.departments.openRoundMentions(input.organizationId, input.departmentId))
        .map((m) => ({ ...m, initiatives: m.initiatives.filter((i) => i.lead) }))
        .filter((m) => m.initiatives.length > 0);
      if (mentions.length > 0) throw new LeadRefusal(mentions);
      const { department, effects } = await tx.departments.retire(
        input.organizationId,
        input.departmentId,
        input.expectedVersion,
      );
      return { kind: "saved" as const, department, effects };
    });
  } catch (error) {
    if (error instanceof LeadRefusal) return { kind: "lead-in-open-round", mentions: error.mentions };
    return refused(error, "successor");
  }
}

/**
 * Restores (元に戻す) a department retired without a successor, e.g. when a new year's table still
 * names it: it is offered again, and comes back into no 関係課 list by itself.
 */
export async function restoreDepartment(
  store: Store,
  actor: Actor,
  input: { organizationId: number; departmentId: number; expectedVersion: number },
): Promise<{ kind: "saved"; department: DepartmentRecord } | Problems | Conflict> {
  try {
    return await store.transaction({ actor }, async (tx) => ({
      kind: "saved" as const,
      department: await tx.departments.restore(
        input.organizationId,
        input.departmentId,
        input.expectedVersion,
      ),
    }));
  } catch (error) {
    if (error instanceof StoreError && error.code === "department.merged")
      return { kind: "problems", problems: [{ field: "name", key: "departments.mergedNoRestore" }] };
    return refused(error, "name");
  }
}

/** What a merge or a retirement would change, for its confirmation page (reads only). */
export async function departmentChangePreview(
  store: Store,
  input: { organizationId: number; departmentId: number },
): Promise<{ mentions: OpenRoundMention[]; initiatives: number; leads: number; accounts: number }> {
  const [mentions, usage] = await Promise.all([
    store.departments.openRoundMentions(input.organizationId, input.departmentId),
    store.departments.usage(input.organizationId),
  ]);
  const own = usage.find((u) => u.departmentId === input.departmentId);
  return {
    mentions,
    initiatives: own?.initiatives ?? 0,
    leads: own?.leads ?? 0,
    accounts: own?.accounts ?? 0,
  };
}

class LeadRefusal extends Error {
  constructor(readonly mentions: OpenRoundMention[]) {
    super("lead in an open round");
  }
}

/** The store's refusals a form can show beside a field; anything else is not the user's to fix. */
function refused(error: unknown, field: DepartmentField): Problems | Conflict {
  if (error instanceof ConflictError) return { kind: "conflict", current: error.current as DepartmentRecord };
  if (error instanceof StoreError && error.code === "department.exists")
    return { kind: "problems", problems: [{ field, key: "departments.nameTaken" }] };
  if (error instanceof StoreError && (error.code === "department.retired" || error.code === "not-found"))
    return { kind: "problems", problems: [{ field, key: "departments.notAvailable" }] };
  throw error;
}
