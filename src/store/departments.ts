import { type RawBuilder, sql } from "kysely";
import { replaceDepartment, sameList, withoutDepartment } from "../domain/department-rules.ts";
import { storeErrors } from "./messages.ts";
import { isoTimestamp, type Scope, writerOf } from "./scope.ts";
import {
  ConflictError,
  type DepartmentChangeEffects,
  type DepartmentRecord,
  type DepartmentUsage,
  type DepartmentWrites,
  type OpenRoundMention,
  StoreError,
} from "./types.ts";

const COLUMNS = ["id", "organization_id", "name", "version", "retired_at", "merged_into_id"] as const;

interface Row {
  id: number;
  organization_id: number;
  name: string;
  version: number;
  retired_at: Date | string | null;
  merged_into_id: number | null;
}

function record(row: Row): DepartmentRecord {
  return {
    id: row.id,
    organizationId: row.organization_id,
    name: row.name,
    version: row.version,
    retiredAt: row.retired_at === null ? null : isoTimestamp(row.retired_at),
    mergedIntoId: row.merged_into_id,
  };
}

/**
 * 課: an organization's departments (関係課 of initiatives; the editor role is bound to them), and
 * their changes (add, rename, merge, retire: issue 8).
 *
 * Three things name a department, and a change treats each as its own:
 * - each round's copy of its 関係課 names (report.departments): what that round printed or will
 *   print. Rounds with a publication are never touched (their tables and exports stay as they were);
 *   open rounds (no publication yet) are rewritten;
 * - the plan's current 関係課 (initiative_department, by id): who may enter an initiative's report,
 *   and what the next round opens with;
 * - the editors' departments (account_role.department_id).
 */
export class Departments implements DepartmentWrites {
  constructor(private readonly scope: Scope) {}

  async list(organizationId: number): Promise<DepartmentRecord[]> {
    const rows = await this.scope.db
      .selectFrom("department")
      .select(COLUMNS)
      .where("organization_id", "=", organizationId)
      .orderBy("name")
      .execute();
    return rows.map(record);
  }

  async formerNames(organizationId: number): Promise<Map<number, string[]>> {
    return formerNamesIn(this.scope, organizationId);
  }

  async find(organizationId: number, id: number): Promise<DepartmentRecord | undefined> {
    const row = await this.scope.db
      .selectFrom("department")
      .select(COLUMNS)
      .where("organization_id", "=", organizationId)
      .where("id", "=", id)
      .executeTakeFirst();
    return row && record(row);
  }

  /** 関係課 of a plan's initiative, lead first. */
  async ofInitiative(planId: number, initiativeNumber: number): Promise<DepartmentRecord[] | undefined> {
    const initiative = await this.scope.db
      .selectFrom("initiative")
      .select("id")
      .where("plan_id", "=", planId)
      .where("number", "=", initiativeNumber)
      .executeTakeFirst();
    if (!initiative) return undefined;
    const rows = await this.scope.db
      .selectFrom("initiative_department")
      .innerJoin("department", "department.id", "initiative_department.department_id")
      .select([
        "department.id",
        "department.organization_id",
        "department.name",
        "department.version",
        "department.retired_at",
        "department.merged_into_id",
      ])
      .where("initiative_department.initiative_id", "=", initiative.id)
      .orderBy("initiative_department.position")
      .execute();
    return rows.map(record);
  }

  async usage(organizationId: number): Promise<DepartmentUsage[]> {
    const { db } = this.scope;
    const [links, roles] = await Promise.all([
      db
        .selectFrom("initiative_department")
        .select(["department_id", "position"])
        .where("organization_id", "=", organizationId)
        .execute(),
      db
        .selectFrom("account_role")
        .select(["department_id", "account_id"])
        .where("organization_id", "=", organizationId)
        .where("department_id", "is not", null)
        .execute(),
    ]);
    const usage = new Map<number, DepartmentUsage>();
    const of = (id: number) => {
      let entry = usage.get(id);
      if (!entry) {
        entry = { departmentId: id, initiatives: 0, leads: 0, accounts: 0 };
        usage.set(id, entry);
      }
      return entry;
    };
    for (const link of links) {
      const entry = of(link.department_id);
      entry.initiatives += 1;
      if (link.position === 1) entry.leads += 1;
    }
    const accounts = new Map<number, Set<number>>();
    for (const role of roles) {
      const id = role.department_id as number;
      accounts.set(id, (accounts.get(id) ?? new Set()).add(role.account_id));
    }
    for (const [id, set] of accounts) of(id).accounts = set.size;
    return [...usage.values()];
  }

  async openRoundMentions(organizationId: number, departmentId: number): Promise<OpenRoundMention[]> {
    const department = await this.find(organizationId, departmentId);
    if (!department) return [];
    const rows = await this.openReports(organizationId);
    const mentions = new Map<number, OpenRoundMention>();
    for (const row of rows) {
      const index = row.names.indexOf(department.name);
      if (index < 0) continue;
      let mention = mentions.get(row.roundId);
      if (!mention) {
        mention = {
          roundId: row.roundId,
          planId: row.planId,
          planTitle: row.planTitle,
          fiscalYear: row.fiscalYear,
          state: row.state,
          initiatives: [],
        };
        mentions.set(row.roundId, mention);
      }
      mention.initiatives.push({ number: row.number, lead: index === 0 });
    }
    return [...mentions.values()];
  }

  async add(organizationId: number, name: string): Promise<DepartmentRecord> {
    const writer = writerOf(this.scope);
    await this.requireFreeName(organizationId, name);
    const { id } = await this.scope.db
      .insertInto("department")
      .values({ organization_id: organizationId, name })
      .returning("id")
      .executeTakeFirstOrThrow();
    const added = await this.find(organizationId, id);
    if (!added) throw storeErrors.notFound("課");
    await writer.audit({
      organizationId,
      action: "department.add",
      entity: "department",
      entityId: id,
      after: { name },
    });
    return added;
  }

  async rename(organizationId: number, id: number, expectedVersion: number, name: string) {
    const writer = writerOf(this.scope);
    const before = await this.current(organizationId, id, expectedVersion);
    if (before.name !== name) await this.requireFreeName(organizationId, name);
    await this.fillCopies(organizationId);
    const reports = await this.rewriteOpenCopies(organizationId, (names) =>
      replaceDepartment(names, before.name, name),
    );
    const department = await this.bump(before, { name });
    const effects: DepartmentChangeEffects = { reports, initiatives: [], accounts: [] };
    await writer.audit({
      organizationId,
      action: "department.rename",
      entity: "department",
      entityId: id,
      before: { name: before.name, version: before.version },
      after: { name, version: department.version, openRoundReports: auditReports(reports) },
    });
    return { department, effects };
  }

  async merge(
    organizationId: number,
    id: number,
    expectedVersion: number,
    intoId: number,
    action: "department.merge" | "department.retire" = "department.merge",
  ) {
    const writer = writerOf(this.scope);
    const before = await this.current(organizationId, id, expectedVersion);
    const into = await this.find(organizationId, intoId);
    if (!into || into.id === id) throw storeErrors.notFound("統合先の課");
    if (into.retiredAt !== null)
      throw new StoreError("department.retired", storeErrors.departmentRetired(into.name));
    await this.fillCopies(organizationId);
    const reports = await this.rewriteOpenCopies(organizationId, (names) =>
      replaceDepartment(names, before.name, into.name),
    );
    const initiatives = await this.relink(organizationId, id, (ids) => replaceDepartment(ids, id, into.id));
    const accounts = await this.moveEditors(organizationId, id, into.id);
    const department = await this.bump(before, { retired: true, mergedIntoId: into.id });
    const effects: DepartmentChangeEffects = { reports, initiatives, accounts };
    await writer.audit({
      organizationId,
      action,
      entity: "department",
      entityId: id,
      before: { name: before.name, version: before.version, retiredAt: null },
      after: {
        name: before.name,
        version: department.version,
        retiredAt: department.retiredAt,
        mergedInto: { id: into.id, name: into.name },
        openRoundReports: auditReports(reports),
        initiativeIds: initiatives,
        accountIds: accounts,
      },
    });
    return { department, into, effects };
  }

  async retire(organizationId: number, id: number, expectedVersion: number) {
    const writer = writerOf(this.scope);
    const before = await this.current(organizationId, id, expectedVersion);
    await this.fillCopies(organizationId);
    const reports = await this.rewriteOpenCopies(organizationId, (names) =>
      withoutDepartment(names, before.name),
    );
    const initiatives = await this.relink(organizationId, id, (ids) => withoutDepartment(ids, id));
    const department = await this.bump(before, { retired: true });
    const effects: DepartmentChangeEffects = { reports, initiatives, accounts: [] };
    await writer.audit({
      organizationId,
      action: "department.retire",
      entity: "department",
      entityId: id,
      before: { name: before.name, version: before.version, retiredAt: null },
      after: {
        name: before.name,
        version: department.version,
        retiredAt: department.retiredAt,
        openRoundReports: auditReports(reports),
        initiativeIds: initiatives,
      },
    });
    return { department, effects };
  }

  async restore(organizationId: number, id: number, expectedVersion: number): Promise<DepartmentRecord> {
    const writer = writerOf(this.scope);
    const before = await this.find(organizationId, id);
    if (!before) throw storeErrors.notFound("課");
    if (before.version !== expectedVersion) throw new ConflictError(storeErrors.conflict("この課"), before);
    if (before.retiredAt === null) return before;
    if (before.mergedIntoId !== null)
      throw new StoreError("department.merged", storeErrors.departmentMerged(before.name));
    const updated = await this.scope.db
      .updateTable("department")
      .set({ retired_at: null, version: sql`version + 1` })
      .where("id", "=", id)
      .where("version", "=", before.version)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) throw new ConflictError(storeErrors.conflict("この課"), before);
    const department = (await this.find(organizationId, id)) as DepartmentRecord;
    await writer.audit({
      organizationId,
      action: "department.restore",
      entity: "department",
      entityId: id,
      before: { name: before.name, version: before.version, retiredAt: before.retiredAt },
      after: { name: department.name, version: department.version, retiredAt: null },
    });
    return department;
  }

  /** The department as the caller read it, still in use; ConflictError when changed since. */
  private async current(
    organizationId: number,
    id: number,
    expectedVersion: number,
  ): Promise<DepartmentRecord> {
    const found = await this.find(organizationId, id);
    if (!found) throw storeErrors.notFound("課");
    if (found.version !== expectedVersion) throw new ConflictError(storeErrors.conflict("この課"), found);
    if (found.retiredAt !== null)
      throw new StoreError("department.retired", storeErrors.departmentRetired(found.name));
    return found;
  }

  private async requireFreeName(organizationId: number, name: string): Promise<void> {
    const taken = await this.scope.db
      .selectFrom("department")
      .select(["id", "retired_at"])
      .where("organization_id", "=", organizationId)
      .where("name", "=", name)
      .executeTakeFirst();
    if (taken)
      throw new StoreError(
        "department.exists",
        storeErrors.departmentExists(name, taken.retired_at !== null),
      );
  }

  /** Writes the row with its version taken (the version read was checked by current()). */
  private async bump(
    before: DepartmentRecord,
    changes: { name?: string; retired?: boolean; mergedIntoId?: number },
  ): Promise<DepartmentRecord> {
    const updated = await this.scope.db
      .updateTable("department")
      .set({
        ...(changes.name !== undefined ? { name: changes.name } : {}),
        ...(changes.retired ? { retired_at: this.scope.dialect.nowDefault as RawBuilder<string> } : {}),
        ...(changes.mergedIntoId !== undefined ? { merged_into_id: changes.mergedIntoId } : {}),
        version: sql`version + 1`,
      })
      .where("id", "=", before.id)
      .where("version", "=", before.version)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) throw new ConflictError(storeErrors.conflict("この課"), before);
    const after = await this.find(before.organizationId, before.id);
    if (!after) throw storeErrors.notFound("課");
    return after;
  }

  /**
   * Rounds stored before migration 2026_11_25_003 print their 関係課 from the plan's current list:
   * before that list changes, they get their own copy, so they go on printing what they printed.
   */
  private async fillCopies(organizationId: number): Promise<void> {
    const { db } = this.scope;
    const lacking = await db
      .selectFrom("report")
      .select("initiative_id")
      .distinct()
      .where("organization_id", "=", organizationId)
      .where("departments", "is", null)
      .execute();
    if (lacking.length === 0) return;
    const ids = lacking.map((r) => r.initiative_id);
    const names = await this.currentNames(ids);
    for (const initiativeId of ids) {
      await db
        .updateTable("report")
        .set({ departments: JSON.stringify(names.get(initiativeId) ?? []) })
        .where("initiative_id", "=", initiativeId)
        .where("departments", "is", null)
        .execute();
    }
  }

  /** The plan's current 関係課 names of each initiative, lead first. */
  private async currentNames(initiativeIds: readonly number[]): Promise<Map<number, string[]>> {
    const names = new Map<number, string[]>();
    for (const chunk of chunks(initiativeIds)) {
      const rows = await this.scope.db
        .selectFrom("initiative_department")
        .innerJoin("department", "department.id", "initiative_department.department_id")
        .select(["initiative_department.initiative_id", "department.name"])
        .where("initiative_department.initiative_id", "in", chunk)
        .orderBy("initiative_department.initiative_id")
        .orderBy("initiative_department.position")
        .execute();
      for (const row of rows)
        names.set(row.initiative_id, [...(names.get(row.initiative_id) ?? []), row.name]);
    }
    return names;
  }

  /** The reports of the organization's open rounds (state not published, no publication yet). */
  private async openReports(organizationId: number) {
    const rows = await this.scope.db
      .selectFrom("report")
      .innerJoin("reporting_round", "reporting_round.id", "report.round_id")
      .innerJoin("plan", "plan.id", "reporting_round.plan_id")
      .innerJoin("initiative", "initiative.id", "report.initiative_id")
      .select([
        "report.id",
        "report.round_id",
        "report.departments",
        "report.initiative_id",
        "reporting_round.plan_id",
        "reporting_round.fiscal_year",
        "reporting_round.state",
        "plan.title as plan_title",
        "initiative.number",
      ])
      .where("report.organization_id", "=", organizationId)
      .where("reporting_round.state", "!=", "published")
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom("publication")
              .select("publication.id")
              .whereRef("publication.round_id", "=", "reporting_round.id"),
          ),
        ),
      )
      .orderBy("reporting_round.plan_id")
      .orderBy("reporting_round.fiscal_year")
      .orderBy("report.position")
      .orderBy("initiative.number")
      .execute();
    // Open rounds lacking copies (opened from a round stored before 2026_11_25_003) print the current list.
    const lacking = rows.filter((row) => row.departments === null);
    const current =
      lacking.length > 0 ? await this.currentNames(lacking.map((r) => r.initiative_id)) : new Map();
    return rows.map((row) => ({
      reportId: row.id,
      roundId: row.round_id,
      planId: row.plan_id,
      planTitle: row.plan_title,
      fiscalYear: row.fiscal_year,
      state: row.state,
      number: row.number,
      names:
        row.departments === null
          ? ((current.get(row.initiative_id) as string[] | undefined) ?? [])
          : this.scope.dialect.readJson<string[]>(row.departments),
    }));
  }

  /** Rewrites open rounds' 関係課 copies; their draft caches move (content_revision). */
  private async rewriteOpenCopies(organizationId: number, change: (names: string[]) => string[]) {
    const { db } = this.scope;
    const changed: DepartmentChangeEffects["reports"] = [];
    for (const row of await this.openReports(organizationId)) {
      const before = row.names;
      const after = change(before);
      if (sameList(before, after)) continue;
      await db
        .updateTable("report")
        .set({ departments: JSON.stringify(after) })
        .where("id", "=", row.reportId)
        .execute();
      changed.push({ roundId: row.roundId, fiscalYear: row.fiscalYear, number: row.number, before, after });
    }
    const rounds = [...new Set(changed.map((c) => c.roundId))];
    if (rounds.length > 0)
      await db
        .updateTable("reporting_round")
        .set({ content_revision: sql`content_revision + 1` })
        .where("id", "in", rounds)
        .execute();
    return changed;
  }

  /** Rewrites the plan's current 関係課 of every initiative that names `departmentId`; their ids. */
  private async relink(
    organizationId: number,
    departmentId: number,
    change: (ids: number[]) => number[],
  ): Promise<number[]> {
    const { db, dialect } = this.scope;
    const named = await db
      .selectFrom("initiative_department")
      .select("initiative_id")
      .where("organization_id", "=", organizationId)
      .where("department_id", "=", departmentId)
      .execute();
    const initiativeIds = [...new Set(named.map((r) => r.initiative_id))].sort((a, b) => a - b);
    for (const initiativeId of initiativeIds) {
      const rows = await db
        .selectFrom("initiative_department")
        .select("department_id")
        .where("initiative_id", "=", initiativeId)
        .orderBy("position")
        .execute();
      const after = change(rows.map((r) => r.department_id));
      await db.deleteFrom("initiative_department").where("initiative_id", "=", initiativeId).execute();
      if (after.length > 0)
        await db
          .insertInto("initiative_department")
          .values(
            after.map((id, index) => ({
              organization_id: organizationId,
              initiative_id: initiativeId,
              department_id: id,
              position: index + 1,
              lead: dialect.bool(index === 0),
            })),
          )
          .execute();
    }
    return initiativeIds;
  }

  /** Editors bound to `fromId` are bound to `toId` instead (once); their accounts' versions move. */
  private async moveEditors(organizationId: number, fromId: number, toId: number): Promise<number[]> {
    const { db } = this.scope;
    const roles = await db
      .selectFrom("account_role")
      .select(["id", "account_id", "role", "department_id"])
      .where("organization_id", "=", organizationId)
      .where("department_id", "in", [fromId, toId])
      .execute();
    const accountIds = [...new Set(roles.filter((r) => r.department_id === fromId).map((r) => r.account_id))];
    for (const role of roles.filter((r) => r.department_id === fromId)) {
      const hasTarget = roles.some(
        (r) => r.account_id === role.account_id && r.role === role.role && r.department_id === toId,
      );
      if (hasTarget) await db.deleteFrom("account_role").where("id", "=", role.id).execute();
      else
        await db.updateTable("account_role").set({ department_id: toId }).where("id", "=", role.id).execute();
    }
    if (accountIds.length > 0)
      await db
        .updateTable("account")
        .set({ version: sql`version + 1` })
        .where("id", "in", accountIds)
        .execute();
    return accountIds.sort((a, b) => a - b);
  }
}

/** The audit entry names the open rounds' reports that changed (by fiscal year and No.). */
function auditReports(reports: DepartmentChangeEffects["reports"]) {
  return reports.map((r) => ({
    fiscalYear: r.fiscalYear,
    number: r.number,
    before: r.before,
    after: r.after,
  }));
}

function chunks<T>(items: readonly T[], size = 500): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * A round just opened prints the plan's current 関係課 (renames, merges and retirements since the
 * round it was opened from included), not the names that round printed. An initiative the plan
 * has no current list for keeps the copied one.
 */
export async function copyCurrentDepartments(scope: Scope, roundId: number): Promise<void> {
  const { db } = scope;
  const rows = await db
    .selectFrom("report")
    .innerJoin("initiative_department", "initiative_department.initiative_id", "report.initiative_id")
    .innerJoin("department", "department.id", "initiative_department.department_id")
    .select(["report.id", "department.name"])
    .where("report.round_id", "=", roundId)
    .orderBy("report.id")
    .orderBy("initiative_department.position")
    .execute();
  const names = new Map<number, string[]>();
  for (const row of rows) names.set(row.id, [...(names.get(row.id) ?? []), row.name]);
  // One update per distinct list: a thousand initiatives share a few dozen lists.
  const byList = new Map<string, number[]>();
  for (const [reportId, list] of names) {
    const json = JSON.stringify(list);
    byList.set(json, [...(byList.get(json) ?? []), reportId]);
  }
  for (const [json, reportIds] of byList)
    for (const chunk of chunks(reportIds))
      await db.updateTable("report").set({ departments: json }).where("id", "in", chunk).execute();
}

/** Read from the renames' audit entries (the department row keeps only its current name). */
export async function formerNamesIn(
  scope: Pick<Scope, "db" | "dialect">,
  organizationId: number,
): Promise<Map<number, string[]>> {
  const rows = await scope.db
    .selectFrom("audit_log")
    .select(["entity_id", "before"])
    .where("organization_id", "=", organizationId)
    .where("action", "=", "department.rename")
    .orderBy("id")
    .execute();
  const names = new Map<number, string[]>();
  for (const row of rows) {
    const before = scope.dialect.readJson<{ name?: unknown } | null>(row.before);
    if (row.entity_id === null || typeof before?.name !== "string") continue;
    names.set(row.entity_id, [...(names.get(row.entity_id) ?? []), before.name]);
  }
  return names;
}
