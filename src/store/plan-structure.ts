import { sql } from "kysely";
import type { GradeScale } from "../domain/grade.ts";
import { formatKpiLabel } from "../domain/kpi-label.ts";
import { kpiValueColumns, kpiValueFromColumns } from "./kpi-value-columns.ts";
import { groupBy } from "./load-round.ts";
import { storeErrors } from "./messages.ts";
import type {
  InitiativeFields,
  KpiFields,
  NewPlan,
  PlanHead,
  PlanHeadChanges,
  PlanStructure,
  PlanStructureWrites,
  StructureEntity,
  StructureInitiative,
  StructureKpi,
} from "./plan-structure-types.ts";
import { type Scope, writerOf } from "./scope.ts";
import { ConflictError } from "./types.ts";

/**
 * The plan's structure (plan editor, issue 8): reads the plan's shared rows as one tree and writes
 * them one change at a time, each checked against the version it was read at and audited (entity
 * plan, policy, initiative or kpi; every entry names its plan, so the plan's history is one query).
 */
export class PlanStructures implements PlanStructureWrites {
  constructor(private readonly scope: Scope) {}

  private get db() {
    return this.scope.db;
  }

  async findByIdentity(
    organizationId: number,
    title: string,
    startFiscalYear: number,
    endFiscalYear: number,
  ): Promise<number | undefined> {
    const row = await this.db
      .selectFrom("plan")
      .select("id")
      .where("organization_id", "=", organizationId)
      .where("title", "=", title)
      .where("start_fiscal_year", "=", startFiscalYear)
      .where("end_fiscal_year", "=", endFiscalYear)
      .executeTakeFirst();
    return row?.id;
  }

  async hasPublication(planId: number): Promise<boolean> {
    const row = await this.db
      .selectFrom("publication")
      .select("id")
      .where("plan_id", "=", planId)
      .limit(1)
      .executeTakeFirst();
    return row !== undefined;
  }

  private async head(planId: number): Promise<PlanHead | undefined> {
    const row = await this.db.selectFrom("plan").selectAll().where("id", "=", planId).executeTakeFirst();
    if (!row) return undefined;
    return {
      id: row.id,
      organizationId: row.organization_id,
      title: row.title,
      startFiscalYear: row.start_fiscal_year,
      endFiscalYear: row.end_fiscal_year,
      baselineFiscalYear: row.baseline_fiscal_year,
      gradeScale: row.grade_scale === null ? null : this.scope.dialect.readJson<GradeScale>(row.grade_scale),
      notAssessedAllowed: Boolean(row.not_assessed_allowed),
      version: row.version,
    };
  }

  async load(planId: number): Promise<PlanStructure | undefined> {
    const plan = await this.head(planId);
    if (!plan) return undefined;
    const { dialect } = this.scope;
    const [policies, initiatives, departments, listings] = await Promise.all([
      this.db
        .selectFrom("policy")
        .select(["id", "code", "title", "version"])
        .where("plan_id", "=", planId)
        .orderBy("position")
        .orderBy("id")
        .execute(),
      this.db
        .selectFrom("initiative")
        .select(["id", "policy_id", "number", "number_text", "title", "description", "retired", "version"])
        .where("plan_id", "=", planId)
        .orderBy(sql`coalesce(position, number)`)
        .orderBy("number")
        .execute(),
      this.db
        .selectFrom("initiative_department")
        .innerJoin("initiative", "initiative.id", "initiative_department.initiative_id")
        .innerJoin("department", "department.id", "initiative_department.department_id")
        .select(["initiative_department.initiative_id", "department.id", "department.name"])
        .where("initiative.plan_id", "=", planId)
        .orderBy("initiative_department.initiative_id")
        .orderBy("initiative_department.position")
        .execute(),
      this.db
        .selectFrom("initiative_kpi")
        .innerJoin("kpi", "kpi.id", "initiative_kpi.kpi_id")
        .select([
          "initiative_kpi.initiative_id",
          "initiative_kpi.kpi_id",
          "initiative_kpi.label",
          "initiative_kpi.relisted",
          "kpi.name",
          "kpi.baseline_text",
          "kpi.baseline",
          "kpi.target_text",
          "kpi.target",
          "kpi.retired",
          "kpi.version",
        ])
        .where("kpi.plan_id", "=", planId)
        .orderBy("initiative_kpi.initiative_id")
        .orderBy("initiative_kpi.position")
        .orderBy("initiative_kpi.kpi_id")
        .execute(),
    ]);
    const owner = new Map<number, number>();
    for (const row of listings) if (!row.relisted) owner.set(row.kpi_id, row.initiative_id);
    const departmentsOf = groupBy(departments, (row) => row.initiative_id);
    const kpisOf = groupBy(
      listings.map(
        (row): StructureKpi => ({
          kpiId: row.kpi_id,
          initiativeId: row.initiative_id,
          name: row.name,
          label: row.label,
          relisted: Boolean(row.relisted),
          ownerInitiativeId: owner.get(row.kpi_id),
          baseline: kpiValueFromColumns(dialect, row.baseline_text, row.baseline),
          target: kpiValueFromColumns(dialect, row.target_text, row.target),
          retired: Boolean(row.retired),
          version: row.version,
        }),
      ),
      (kpi) => kpi.initiativeId,
    );
    const initiativesOf = groupBy(
      initiatives.map(
        (row): StructureInitiative => ({
          id: row.id,
          policyId: row.policy_id,
          number: row.number,
          ...(row.number_text !== null ? { numberText: row.number_text } : {}),
          title: row.title,
          description: row.description,
          retired: Boolean(row.retired),
          version: row.version,
          departments: (departmentsOf.get(row.id) ?? []).map((d) => ({ id: d.id, name: d.name })),
          kpis: kpisOf.get(row.id) ?? [],
        }),
      ),
      (initiative) => initiative.policyId,
    );
    return {
      plan,
      policies: policies.map((p) => ({ ...p, initiatives: initiativesOf.get(p.id) ?? [] })),
    };
  }

  async createPlan(input: NewPlan): Promise<PlanHead> {
    const { id } = await this.db
      .insertInto("plan")
      .values({
        organization_id: input.organizationId,
        title: input.title,
        start_fiscal_year: input.startFiscalYear,
        end_fiscal_year: input.endFiscalYear,
        baseline_fiscal_year: input.baselineFiscalYear,
        grade_scale: input.gradeScale ? JSON.stringify(input.gradeScale) : null,
        not_assessed_allowed: this.scope.dialect.bool(input.notAssessedAllowed),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const plan = await this.head(id);
    if (!plan) throw storeErrors.notFound("計画");
    await this.audit(plan.organizationId, id, "plan.create", "plan", id, undefined, headFields(plan));
    return plan;
  }

  async updatePlan(planId: number, expectedVersion: number, changes: PlanHeadChanges): Promise<PlanHead> {
    const before = await this.head(planId);
    if (!before) throw storeErrors.notFound("計画");
    if (before.version !== expectedVersion) throw new ConflictError(storeErrors.conflict("この計画"), before);
    await this.db
      .updateTable("plan")
      .set({
        ...(changes.title !== undefined ? { title: changes.title } : {}),
        ...(changes.startFiscalYear !== undefined ? { start_fiscal_year: changes.startFiscalYear } : {}),
        ...(changes.endFiscalYear !== undefined ? { end_fiscal_year: changes.endFiscalYear } : {}),
        ...(changes.baselineFiscalYear !== undefined
          ? { baseline_fiscal_year: changes.baselineFiscalYear }
          : {}),
        ...(changes.gradeScale !== undefined
          ? { grade_scale: changes.gradeScale ? JSON.stringify(changes.gradeScale) : null }
          : {}),
        ...(changes.notAssessedAllowed !== undefined
          ? { not_assessed_allowed: this.scope.dialect.bool(changes.notAssessedAllowed) }
          : {}),
        version: sql`version + 1`,
      })
      .where("id", "=", planId)
      .execute();
    const after = (await this.head(planId)) as PlanHead;
    await this.audit(
      after.organizationId,
      planId,
      "plan.update",
      "plan",
      planId,
      headFields(before),
      headFields(after),
    );
    return after;
  }

  async addPolicy(planId: number, fields: { code: string; title: string }): Promise<number> {
    const plan = await this.head(planId);
    if (!plan) throw storeErrors.notFound("計画");
    const { max } = await this.db
      .selectFrom("policy")
      .select((eb) => eb.fn.max("position").as("max"))
      .where("plan_id", "=", planId)
      .executeTakeFirstOrThrow();
    const { id } = await this.db
      .insertInto("policy")
      .values({
        organization_id: plan.organizationId,
        plan_id: planId,
        position: Number(max ?? 0) + 1,
        code: fields.code,
        title: fields.title,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await this.audit(plan.organizationId, planId, "policy.create", "policy", id, undefined, fields);
    return id;
  }

  async updatePolicy(policyId: number, expectedVersion: number, fields: { code: string; title: string }) {
    const before = await this.db
      .selectFrom("policy")
      .selectAll()
      .where("id", "=", policyId)
      .executeTakeFirst();
    if (!before) throw storeErrors.notFound("基本方針");
    if (before.version !== expectedVersion)
      throw new ConflictError(storeErrors.conflict("この基本方針"), before);
    await this.db
      .updateTable("policy")
      .set({ code: fields.code, title: fields.title, version: sql`version + 1` })
      .where("id", "=", policyId)
      .execute();
    await this.audit(
      before.organization_id,
      before.plan_id,
      "policy.update",
      "policy",
      policyId,
      { code: before.code, title: before.title },
      fields,
    );
  }

  async addInitiative(planId: number, fields: InitiativeFields): Promise<number> {
    const plan = await this.head(planId);
    if (!plan) throw storeErrors.notFound("計画");
    const { max } = await this.db
      .selectFrom("initiative")
      .select((eb) => eb.fn.max(sql<number>`coalesce(position, number)`).as("max"))
      .where("plan_id", "=", planId)
      .where("policy_id", "=", fields.policyId)
      .executeTakeFirstOrThrow();
    const { id } = await this.db
      .insertInto("initiative")
      .values({
        organization_id: plan.organizationId,
        plan_id: planId,
        policy_id: fields.policyId,
        number: fields.number,
        number_text: fields.numberText ?? null,
        title: fields.title,
        description: fields.description,
        position: Number(max ?? 0) + 1,
        // Added here: a removal of a round never retires it (migration 2026_12_02_205).
        retired_source: "editor",
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await this.writeDepartments(plan.organizationId, id, fields.departmentIds);
    await this.audit(plan.organizationId, planId, "initiative.create", "initiative", id, undefined, {
      ...fields,
      departments: await this.departmentNames(fields.departmentIds),
    });
    return id;
  }

  async updateInitiative(initiativeId: number, expectedVersion: number, fields: InitiativeFields) {
    const before = await this.initiativeRow(initiativeId);
    if (before.version !== expectedVersion)
      throw new ConflictError(storeErrors.conflict("この取組項目"), before);
    const departmentsBefore = await this.db
      .selectFrom("initiative_department")
      .innerJoin("department", "department.id", "initiative_department.department_id")
      .select("department.name")
      .where("initiative_department.initiative_id", "=", initiativeId)
      .orderBy("initiative_department.position")
      .execute();
    const policyChanged = before.policy_id !== fields.policyId;
    let position = before.position;
    if (policyChanged) {
      const { max } = await this.db
        .selectFrom("initiative")
        .select((eb) => eb.fn.max(sql<number>`coalesce(position, number)`).as("max"))
        .where("policy_id", "=", fields.policyId)
        .executeTakeFirstOrThrow();
      position = Number(max ?? 0) + 1;
    }
    await this.db
      .updateTable("initiative")
      .set({
        policy_id: fields.policyId,
        number: fields.number,
        number_text: fields.numberText ?? null,
        title: fields.title,
        description: fields.description,
        position,
        version: sql`version + 1`,
      })
      .where("id", "=", initiativeId)
      .execute();
    await this.writeDepartments(before.organization_id, initiativeId, fields.departmentIds);
    await this.audit(
      before.organization_id,
      before.plan_id,
      "initiative.update",
      "initiative",
      initiativeId,
      {
        policyId: before.policy_id,
        number: before.number,
        ...(before.number_text !== null ? { numberText: before.number_text } : {}),
        title: before.title,
        description: before.description,
        departments: departmentsBefore.map((d) => d.name),
      },
      { ...fields, departments: await this.departmentNames(fields.departmentIds) },
    );
  }

  private async initiativeRow(initiativeId: number) {
    const row = await this.db
      .selectFrom("initiative")
      .selectAll()
      .where("id", "=", initiativeId)
      .executeTakeFirst();
    if (!row) throw storeErrors.notFound("取組項目");
    return row;
  }

  private async writeDepartments(organizationId: number, initiativeId: number, departmentIds: number[]) {
    await this.db.deleteFrom("initiative_department").where("initiative_id", "=", initiativeId).execute();
    if (departmentIds.length === 0) return;
    await this.db
      .insertInto("initiative_department")
      .values(
        departmentIds.map((departmentId, index) => ({
          organization_id: organizationId,
          initiative_id: initiativeId,
          department_id: departmentId,
          position: index + 1,
          lead: this.scope.dialect.bool(index === 0),
        })),
      )
      .execute();
  }

  private async departmentNames(ids: number[]): Promise<string[]> {
    if (ids.length === 0) return [];
    const rows = await this.db
      .selectFrom("department")
      .select(["id", "name"])
      .where("id", "in", ids)
      .execute();
    const names = new Map(rows.map((r) => [r.id, r.name]));
    return ids.map((id) => names.get(id) ?? String(id));
  }

  async ensureDepartment(organizationId: number, name: string): Promise<number> {
    await this.db
      .insertInto("department")
      .values({ organization_id: organizationId, name })
      .onConflict((oc) => oc.columns(["organization_id", "name"]).doNothing())
      .execute();
    const row = await this.db
      .selectFrom("department")
      .select("id")
      .where("organization_id", "=", organizationId)
      .where("name", "=", name)
      .executeTakeFirstOrThrow();
    return row.id;
  }

  async addKpi(initiativeId: number, fields: KpiFields): Promise<number> {
    const initiative = await this.initiativeRow(initiativeId);
    const baseline = kpiValueColumns(fields.baseline);
    const target = kpiValueColumns(fields.target);
    const { id } = await this.db
      .insertInto("kpi")
      .values({
        organization_id: initiative.organization_id,
        plan_id: initiative.plan_id,
        name: fields.name,
        baseline_text: baseline.text,
        baseline: baseline.parsed,
        baseline_numeric: baseline.numeric,
        target_text: target.text,
        target: target.parsed,
        target_numeric: target.numeric,
        retired_source: "editor",
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await this.db
      .insertInto("initiative_kpi")
      .values({
        organization_id: initiative.organization_id,
        initiative_id: initiativeId,
        kpi_id: id,
        position: (await this.lastListing(initiativeId)) + 1,
        label: formatKpiLabel(fields.name, false),
        relisted: this.scope.dialect.bool(false),
      })
      .execute();
    await this.audit(initiative.organization_id, initiative.plan_id, "kpi.create", "kpi", id, undefined, {
      initiativeId,
      ...kpiFields(fields),
    });
    return id;
  }

  private async lastListing(initiativeId: number): Promise<number> {
    const { max } = await this.db
      .selectFrom("initiative_kpi")
      .select((eb) => eb.fn.max("position").as("max"))
      .where("initiative_id", "=", initiativeId)
      .executeTakeFirstOrThrow();
    return Number(max ?? 0);
  }

  private async kpiRow(kpiId: number) {
    const row = await this.db.selectFrom("kpi").selectAll().where("id", "=", kpiId).executeTakeFirst();
    if (!row) throw storeErrors.notFound("数値目標");
    return row;
  }

  async updateKpi(kpiId: number, expectedVersion: number, fields: KpiFields): Promise<void> {
    const before = await this.kpiRow(kpiId);
    if (before.version !== expectedVersion)
      throw new ConflictError(storeErrors.conflict("この数値目標"), before);
    const baseline = kpiValueColumns(fields.baseline);
    const target = kpiValueColumns(fields.target);
    await this.db
      .updateTable("kpi")
      .set({
        name: fields.name,
        baseline_text: baseline.text,
        baseline: baseline.parsed,
        baseline_numeric: baseline.numeric,
        target_text: target.text,
        target: target.parsed,
        target_numeric: target.numeric,
        version: sql`version + 1`,
      })
      .where("id", "=", kpiId)
      .execute();
    if (fields.name !== before.name) {
      // A label follows the renamed KPI; each listing keeps whether it is a 再掲.
      const trueValue = this.scope.dialect.bool(true);
      await this.db
        .updateTable("initiative_kpi")
        .set({ label: formatKpiLabel(fields.name, false) })
        .where("kpi_id", "=", kpiId)
        .where("relisted", "<>", trueValue)
        .execute();
      await this.db
        .updateTable("initiative_kpi")
        .set({ label: formatKpiLabel(fields.name, true) })
        .where("kpi_id", "=", kpiId)
        .where("relisted", "=", trueValue)
        .execute();
    }
    await this.audit(
      before.organization_id,
      before.plan_id,
      "kpi.update",
      "kpi",
      kpiId,
      { name: before.name, baseline: before.baseline_text, target: before.target_text },
      kpiFields(fields),
    );
  }

  async relist(kpiId: number, initiativeId: number, expectedInitiativeVersion: number): Promise<void> {
    const kpi = await this.kpiRow(kpiId);
    const initiative = await this.bumpInitiative(initiativeId, expectedInitiativeVersion);
    await this.db
      .insertInto("initiative_kpi")
      .values({
        organization_id: initiative.organization_id,
        initiative_id: initiativeId,
        kpi_id: kpiId,
        position: (await this.lastListing(initiativeId)) + 1,
        label: formatKpiLabel(kpi.name, true),
        relisted: this.scope.dialect.bool(true),
      })
      .execute();
    await this.audit(kpi.organization_id, kpi.plan_id, "kpi.relist", "kpi", kpiId, undefined, {
      initiativeId,
      number: initiative.number,
      name: kpi.name,
    });
  }

  async unlist(kpiId: number, initiativeId: number, expectedInitiativeVersion: number): Promise<void> {
    const kpi = await this.kpiRow(kpiId);
    const initiative = await this.bumpInitiative(initiativeId, expectedInitiativeVersion);
    await this.db
      .deleteFrom("initiative_kpi")
      .where("kpi_id", "=", kpiId)
      .where("initiative_id", "=", initiativeId)
      .where("relisted", "=", this.scope.dialect.bool(true))
      .execute();
    await this.audit(
      kpi.organization_id,
      kpi.plan_id,
      "kpi.unlist",
      "kpi",
      kpiId,
      { initiativeId, number: initiative.number, name: kpi.name },
      undefined,
    );
  }

  /** A change to an initiative's KPI listings is a change of the initiative: its version moves. */
  private async bumpInitiative(initiativeId: number, expectedVersion: number) {
    const initiative = await this.initiativeRow(initiativeId);
    if (initiative.version !== expectedVersion)
      throw new ConflictError(storeErrors.conflict("この取組項目"), initiative);
    await this.db
      .updateTable("initiative")
      .set({ version: sql`version + 1` })
      .where("id", "=", initiativeId)
      .execute();
    return initiative;
  }

  async setRetired(
    entity: "initiative" | "kpi",
    id: number,
    expectedVersion: number,
    retired: boolean,
  ): Promise<void> {
    const before = entity === "initiative" ? await this.initiativeRow(id) : await this.kpiRow(id);
    if (before.version !== expectedVersion)
      throw new ConflictError(
        storeErrors.conflict(entity === "initiative" ? "この取組項目" : "この数値目標"),
        before,
      );
    // The plan editor's word stands: a removal of a round recomputes only what an import set.
    const set = {
      retired: this.scope.dialect.bool(retired),
      retired_source: "editor",
      version: sql<number>`version + 1`,
    };
    if (entity === "initiative")
      await this.db.updateTable("initiative").set(set).where("id", "=", id).execute();
    else await this.db.updateTable("kpi").set(set).where("id", "=", id).execute();
    const what = "number" in before ? { number: before.number, title: before.title } : { name: before.name };
    await this.audit(
      before.organization_id,
      before.plan_id,
      `${entity}.${retired ? "retire" : "restore"}`,
      entity,
      id,
      { ...what, retired: Boolean(before.retired) },
      { ...what, retired },
    );
  }

  async move(
    entity: StructureEntity,
    id: number,
    expectedVersion: number,
    direction: "up" | "down",
    initiativeId?: number,
  ): Promise<void> {
    if (entity === "policy") return this.movePolicy(id, expectedVersion, direction);
    if (entity === "initiative") return this.moveInitiative(id, expectedVersion, direction);
    if (initiativeId === undefined) throw storeErrors.notFound("数値目標");
    return this.moveListing(id, initiativeId, expectedVersion, direction);
  }

  private async movePolicy(id: number, expectedVersion: number, direction: "up" | "down") {
    const policy = await this.db.selectFrom("policy").selectAll().where("id", "=", id).executeTakeFirst();
    if (!policy) throw storeErrors.notFound("基本方針");
    if (policy.version !== expectedVersion)
      throw new ConflictError(storeErrors.conflict("この基本方針"), policy);
    const siblings = await this.db
      .selectFrom("policy")
      .select("id")
      .where("plan_id", "=", policy.plan_id)
      .orderBy("position")
      .orderBy("id")
      .execute();
    const order = swapped(
      siblings.map((s) => s.id),
      id,
      direction,
    );
    if (!order) return;
    for (const [index, siblingId] of order.entries())
      await this.db
        .updateTable("policy")
        .set({ position: index + 1, ...(siblingId === id ? { version: sql`version + 1` } : {}) })
        .where("id", "=", siblingId)
        .execute();
    await this.audit(policy.organization_id, policy.plan_id, "policy.move", "policy", id, undefined, {
      code: policy.code,
      direction,
    });
  }

  private async moveInitiative(id: number, expectedVersion: number, direction: "up" | "down") {
    const initiative = await this.initiativeRow(id);
    if (initiative.version !== expectedVersion)
      throw new ConflictError(storeErrors.conflict("この取組項目"), initiative);
    const siblings = await this.db
      .selectFrom("initiative")
      .select(["id", "retired"])
      .where("policy_id", "=", initiative.policy_id)
      .orderBy(sql`coalesce(position, number)`)
      .orderBy("number")
      .execute();
    const order = swapped(
      siblings.map((s) => s.id),
      id,
      direction,
      skippedBy(initiative.retired, siblings),
    );
    if (!order) return;
    for (const [index, siblingId] of order.entries())
      await this.db
        .updateTable("initiative")
        .set({ position: index + 1, ...(siblingId === id ? { version: sql`version + 1` } : {}) })
        .where("id", "=", siblingId)
        .execute();
    await this.audit(
      initiative.organization_id,
      initiative.plan_id,
      "initiative.move",
      "initiative",
      id,
      undefined,
      {
        number: initiative.number,
        direction,
      },
    );
  }

  private async moveListing(
    kpiId: number,
    initiativeId: number,
    expectedVersion: number,
    direction: "up" | "down",
  ) {
    const kpi = await this.kpiRow(kpiId);
    const initiative = await this.bumpInitiative(initiativeId, expectedVersion);
    const siblings = await this.db
      .selectFrom("initiative_kpi")
      .innerJoin("kpi", "kpi.id", "initiative_kpi.kpi_id")
      .select(["initiative_kpi.kpi_id", "kpi.retired"])
      .where("initiative_kpi.initiative_id", "=", initiativeId)
      .orderBy("initiative_kpi.position")
      .orderBy("initiative_kpi.kpi_id")
      .execute();
    const order = swapped(
      siblings.map((s) => s.kpi_id),
      kpiId,
      direction,
      skippedBy(
        kpi.retired,
        siblings.map((s) => ({ id: s.kpi_id, retired: s.retired })),
      ),
    );
    if (!order) return;
    for (const [index, siblingId] of order.entries())
      await this.db
        .updateTable("initiative_kpi")
        .set({ position: index + 1 })
        .where("initiative_id", "=", initiativeId)
        .where("kpi_id", "=", siblingId)
        .execute();
    await this.audit(kpi.organization_id, kpi.plan_id, "kpi.move", "kpi", kpiId, undefined, {
      number: initiative.number,
      name: kpi.name,
      direction,
    });
  }

  private async audit(
    organizationId: number,
    planId: number,
    action: string,
    entity: string,
    entityId: number,
    before: unknown,
    after: unknown,
  ): Promise<void> {
    await writerOf(this.scope).audit({
      organizationId,
      action,
      entity,
      entityId,
      ...(before !== undefined ? { before } : {}),
      after: { planId, ...(after as object | undefined) },
    });
  }
}

function headFields(plan: PlanHead) {
  return {
    title: plan.title,
    startFiscalYear: plan.startFiscalYear,
    endFiscalYear: plan.endFiscalYear,
    baselineFiscalYear: plan.baselineFiscalYear,
    gradeScale: plan.gradeScale,
    notAssessedAllowed: plan.notAssessedAllowed,
  };
}

function kpiFields(fields: KpiFields) {
  return { name: fields.name, baseline: fields.baseline.text, target: fields.target.text };
}

/**
 * A live item moves past retired siblings to the next live one: the editor hides retired items by
 * default, and a swap with a hidden one would change nothing the secretariat sees. A retired item
 * moves among all.
 */
function skippedBy(
  movedRetired: boolean | number,
  siblings: readonly { id: number; retired: boolean | number }[],
): ReadonlySet<number> {
  if (movedRetired) return new Set();
  return new Set(siblings.filter((s) => Boolean(s.retired)).map((s) => s.id));
}

/** The ids with `id` swapped with the next one that way not skipped; undefined when there is none. */
function swapped(
  ids: number[],
  id: number,
  direction: "up" | "down",
  skipped: ReadonlySet<number> = new Set(),
): number[] | undefined {
  const index = ids.indexOf(id);
  const step = direction === "up" ? -1 : 1;
  let other = index + step;
  while (other >= 0 && other < ids.length && skipped.has(ids[other] as number)) other += step;
  if (index < 0 || other < 0 || other >= ids.length) return undefined;
  const order = [...ids];
  [order[index], order[other]] = [order[other] as number, order[index] as number];
  return order;
}
