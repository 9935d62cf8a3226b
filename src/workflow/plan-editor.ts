import { type GradeScale, isDefaultGradeScale } from "../domain/grade.ts";
import {
  initiativeNumberKey,
  initiativeNumberLabel,
  readInitiativeNumber,
} from "../domain/initiative-number.ts";
import { kpiParseContext } from "../domain/kpi-context.ts";
import { parseKpiValue } from "../domain/kpi-parse.ts";
import type { KpiValue } from "../domain/kpi-value.ts";
import { can } from "../domain/permissions.ts";
import type { PlanHead, PlanStructure, StructureInitiative } from "../store/plan-structure-types.ts";
import type { Store, StoreTransaction } from "../store/types.ts";
import type { Acting } from "./round.ts";

/**
 * The plan editor's commands (issue 8, secretariat only): set up a plan, and change its structure
 * one thing at a time — 基本方針, 取組項目 with 関係課, KPIs, 再掲, retire and restore, move up and
 * down. Each is one transaction that reads the plan inside it, checks that every id it was given
 * belongs to that plan (and the departments to its organization), and names the version it read.
 * The structure lives in the plan's own rows; a round copies it when it is opened
 * (src/store/open-from-plan.ts), so rounds already opened and every publication stay as they were.
 */

export type PlanEditRefusalKey =
  | "planExists"
  | "numberTaken"
  | "numberUnreadable"
  | "numbersFixed"
  | "notInPlan"
  | "alreadyListed"
  | "relistOwn"
  | "notAllowed"
  | "periodOutsideRounds";

/** Nothing was written: `key` says why (src/server/routes/plan-editor/messages.ts words it). */
export class PlanEditRefusal extends Error {
  constructor(
    readonly key: PlanEditRefusalKey,
    /** The form field the refusal is about, when it is one. */
    readonly field?: string,
  ) {
    super(key);
    this.name = "PlanEditRefusal";
  }
}

export interface PlanSetup {
  title: string;
  startFiscalYear: number;
  endFiscalYear: number;
  baselineFiscalYear: number | null;
  gradeScale: GradeScale;
  notAssessedAllowed: boolean;
}

function allowed(acting: Acting, organizationId: number): void {
  if (!can(acting.principal, "plan.manage", { organizationId })) throw new PlanEditRefusal("notAllowed");
}

/** The default scale is stored as none, as imports store it. */
function storedScale(scale: GradeScale): GradeScale | null {
  return isDefaultGradeScale(scale) ? null : scale;
}

/** Creates a plan of the acting secretariat's organization (no round yet; nothing is published). */
export async function createPlan(store: Store, acting: Acting, input: PlanSetup): Promise<PlanHead> {
  const organizationId = acting.principal.organizationId;
  allowed(acting, organizationId);
  return store.transaction({ actor: acting.actor }, async (tx) => {
    const existing = await tx.planStructures.findByIdentity(
      organizationId,
      input.title,
      input.startFiscalYear,
      input.endFiscalYear,
    );
    if (existing !== undefined) throw new PlanEditRefusal("planExists", "title");
    return tx.planStructures.createPlan({
      organizationId,
      ...input,
      gradeScale: storedScale(input.gradeScale),
    });
  });
}

/** Changes the plan's title, period, baseline year or scale; the period must hold every round. */
export async function updatePlanSetup(
  store: Store,
  acting: Acting,
  input: PlanSetup & { planId: number; expectedVersion: number },
): Promise<PlanHead> {
  return store.transaction({ actor: acting.actor }, async (tx) => {
    const structure = await planIn(tx, acting, input.planId);
    const rounds = await tx.rounds.list(input.planId);
    if (rounds.some((r) => r.fiscalYear < input.startFiscalYear || r.fiscalYear > input.endFiscalYear))
      throw new PlanEditRefusal("periodOutsideRounds", "period");
    const other = await tx.planStructures.findByIdentity(
      structure.plan.organizationId,
      input.title,
      input.startFiscalYear,
      input.endFiscalYear,
    );
    if (other !== undefined && other !== input.planId) throw new PlanEditRefusal("planExists", "title");
    const { planId, expectedVersion, ...setup } = input;
    return tx.planStructures.updatePlan(planId, expectedVersion, {
      ...setup,
      gradeScale: storedScale(setup.gradeScale),
    });
  });
}

async function planIn(tx: StoreTransaction, acting: Acting, planId: number): Promise<PlanStructure> {
  const structure = await tx.planStructures.load(planId);
  if (!structure) throw new PlanEditRefusal("notInPlan");
  allowed(acting, structure.plan.organizationId);
  return structure;
}

function initiativeIn(structure: PlanStructure, initiativeId: number): StructureInitiative {
  const initiative = structure.policies.flatMap((p) => p.initiatives).find((i) => i.id === initiativeId);
  if (!initiative) throw new PlanEditRefusal("notInPlan");
  return initiative;
}

function kpiIn(structure: PlanStructure, kpiId: number) {
  const kpi = structure.policies
    .flatMap((p) => p.initiatives)
    .flatMap((i) => i.kpis)
    .find((k) => k.kpiId === kpiId);
  if (!kpi) throw new PlanEditRefusal("notInPlan");
  return kpi;
}

export interface PolicyInput {
  planId: number;
  code: string;
  title: string;
}

export async function addPolicy(store: Store, acting: Acting, input: PolicyInput): Promise<number> {
  return store.transaction({ actor: acting.actor }, async (tx) => {
    await planIn(tx, acting, input.planId);
    return tx.planStructures.addPolicy(input.planId, { code: input.code, title: input.title });
  });
}

export async function updatePolicy(
  store: Store,
  acting: Acting,
  input: PolicyInput & { policyId: number; expectedVersion: number },
): Promise<void> {
  await store.transaction({ actor: acting.actor }, async (tx) => {
    const structure = await planIn(tx, acting, input.planId);
    if (!structure.policies.some((p) => p.id === input.policyId)) throw new PlanEditRefusal("notInPlan");
    await tx.planStructures.updatePolicy(input.policyId, input.expectedVersion, {
      code: input.code,
      title: input.title,
    });
  });
}

/** 関係各課: "every related department", kept as its own entry (a department row of that name). */
export const ALL_DEPARTMENTS = "関係各課";

export interface InitiativeInput {
  planId: number;
  policyId: number;
  /** The No. as the secretariat typed it: "3", "1-2", "(1)-①", "No.R1-1" (readInitiativeNumber). */
  number: string;
  title: string;
  description: string;
  /** Department ids of the organization, or "all" for 関係各課; the lead first. */
  departments: (number | "all")[];
}

async function departmentIds(
  tx: StoreTransaction,
  organizationId: number,
  chosen: (number | "all")[],
): Promise<number[]> {
  const known = new Set((await tx.departments.list(organizationId)).map((d) => d.id));
  const ids: number[] = [];
  for (const choice of chosen) {
    const id =
      choice === "all" ? await tx.planStructures.ensureDepartment(organizationId, ALL_DEPARTMENTS) : choice;
    if (choice !== "all" && !known.has(id)) throw new PlanEditRefusal("notInPlan", "departments");
    if (!ids.includes(id)) ids.push(id);
  }
  return ids;
}

/**
 * The key and the written No. of an initiative from what was typed. A plain whole number is its own
 * key; a written one ("1-2") keeps the initiative's key when it already had this written number,
 * else takes the next after the plan's largest (the rule the importers follow, so a later import of
 * the city's table finds it by its written number). Two numbers written alike are one number twice.
 */
function resolveNumber(
  structure: PlanStructure,
  typed: string,
  initiative?: StructureInitiative,
): { number: number; numberText?: string } {
  const reading = readInitiativeNumber(typed);
  if (!reading) throw new PlanEditRefusal("numberUnreadable", "number");
  const others = structure.policies.flatMap((p) => p.initiatives).filter((i) => i.id !== initiative?.id);
  const key = initiativeNumberKey(reading.text);
  if (others.some((i) => initiativeNumberKey(initiativeNumberLabel(i)) === key))
    throw new PlanEditRefusal("numberTaken", "number");
  if (reading.number !== undefined) {
    if (others.some((i) => i.number === reading.number)) throw new PlanEditRefusal("numberTaken", "number");
    return { number: reading.number };
  }
  if (initiative && initiativeNumberKey(initiativeNumberLabel(initiative)) === key)
    return { number: initiative.number, numberText: reading.text };
  const largest = Math.max(0, ...structure.policies.flatMap((p) => p.initiatives).map((i) => i.number));
  return { number: largest + 1, numberText: reading.text };
}

export async function addInitiative(store: Store, acting: Acting, input: InitiativeInput): Promise<number> {
  return store.transaction({ actor: acting.actor }, async (tx) => {
    const structure = await planIn(tx, acting, input.planId);
    if (!structure.policies.some((p) => p.id === input.policyId))
      throw new PlanEditRefusal("notInPlan", "policyId");
    const numbered = resolveNumber(structure, input.number);
    // A new number changes no round's table: numbering rules bind renumbering only.
    return tx.planStructures.addInitiative(input.planId, {
      policyId: input.policyId,
      ...numbered,
      title: input.title,
      description: input.description,
      departmentIds: await departmentIds(tx, structure.plan.organizationId, input.departments),
    });
  });
}

/**
 * Changes an initiative. Its number may change only while no round of the plan is published:
 * rounds read the number from the plan, and a published table's numbers are what readers cite.
 */
export async function updateInitiative(
  store: Store,
  acting: Acting,
  input: InitiativeInput & { initiativeId: number; expectedVersion: number },
): Promise<void> {
  await store.transaction({ actor: acting.actor }, async (tx) => {
    const structure = await planIn(tx, acting, input.planId);
    const initiative = initiativeIn(structure, input.initiativeId);
    if (!structure.policies.some((p) => p.id === input.policyId))
      throw new PlanEditRefusal("notInPlan", "policyId");
    const typed = readInitiativeNumber(input.number);
    const same =
      typed !== undefined &&
      initiativeNumberKey(typed.text) === initiativeNumberKey(initiativeNumberLabel(initiative));
    if (!same && (await tx.planStructures.hasPublication(input.planId)))
      throw new PlanEditRefusal("numbersFixed", "number");
    const numbered = same
      ? {
          number: initiative.number,
          ...(initiative.numberText !== undefined ? { numberText: initiative.numberText } : {}),
        }
      : resolveNumber(structure, input.number, initiative);
    await tx.planStructures.updateInitiative(input.initiativeId, input.expectedVersion, {
      policyId: input.policyId,
      ...numbered,
      title: input.title,
      description: input.description,
      departmentIds: await departmentIds(tx, structure.plan.organizationId, input.departments),
    });
  });
}

export interface KpiInput {
  planId: number;
  name: string;
  /** 当初 and 目標 as the city writes them ("52件(H27年度)", "1億円(R2年度)"). */
  baseline: string;
  target: string;
}

function kpiValues(structure: PlanStructure, input: KpiInput) {
  const context = kpiParseContext({
    startFiscalYear: structure.plan.startFiscalYear,
    endFiscalYear: structure.plan.endFiscalYear,
    ...(structure.plan.baselineFiscalYear !== null
      ? { baselineFiscalYear: structure.plan.baselineFiscalYear }
      : {}),
  });
  return {
    name: input.name,
    baseline: parseKpiValue(input.baseline, context),
    target: parseKpiValue(input.target, context),
  };
}

export async function addKpi(
  store: Store,
  acting: Acting,
  input: KpiInput & { initiativeId: number },
): Promise<number> {
  return store.transaction({ actor: acting.actor }, async (tx) => {
    const structure = await planIn(tx, acting, input.planId);
    initiativeIn(structure, input.initiativeId);
    return tx.planStructures.addKpi(input.initiativeId, kpiValues(structure, input));
  });
}

export async function updateKpi(
  store: Store,
  acting: Acting,
  input: KpiInput & { kpiId: number; expectedVersion: number },
): Promise<void> {
  await store.transaction({ actor: acting.actor }, async (tx) => {
    const structure = await planIn(tx, acting, input.planId);
    const stored = kpiIn(structure, input.kpiId);
    const values = kpiValues(structure, input);
    await tx.planStructures.updateKpi(input.kpiId, input.expectedVersion, {
      ...values,
      baseline: keepingTime(stored.baseline, values.baseline),
      target: keepingTime(stored.target, values.target),
    });
  });
}

/**
 * A value whose text is unchanged keeps the time it was stored with: an import may take a value's
 * year from its column's header (基準値（H27）), which the text alone does not say.
 */
function keepingTime(stored: KpiValue, typed: KpiValue): KpiValue {
  if (typed.text !== stored.text || typed.fiscalYear !== undefined || stored.fiscalYear === undefined)
    return typed;
  return { ...typed, fiscalYear: stored.fiscalYear };
}

/** 再掲: lists a KPI of the plan again under another initiative (one KPI, two listings). */
export async function relistKpi(
  store: Store,
  acting: Acting,
  input: { planId: number; kpiId: number; initiativeId: number; expectedVersion: number },
): Promise<void> {
  await store.transaction({ actor: acting.actor }, async (tx) => {
    const structure = await planIn(tx, acting, input.planId);
    const kpi = kpiIn(structure, input.kpiId);
    const initiative = initiativeIn(structure, input.initiativeId);
    if (kpi.ownerInitiativeId === initiative.id) throw new PlanEditRefusal("relistOwn", "kpiId");
    if (initiative.kpis.some((k) => k.kpiId === kpi.kpiId))
      throw new PlanEditRefusal("alreadyListed", "kpiId");
    await tx.planStructures.relist(input.kpiId, input.initiativeId, input.expectedVersion);
  });
}

export async function unlistKpi(
  store: Store,
  acting: Acting,
  input: { planId: number; kpiId: number; initiativeId: number; expectedVersion: number },
): Promise<void> {
  await store.transaction({ actor: acting.actor }, async (tx) => {
    const structure = await planIn(tx, acting, input.planId);
    const initiative = initiativeIn(structure, input.initiativeId);
    if (!initiative.kpis.some((k) => k.kpiId === input.kpiId && k.relisted))
      throw new PlanEditRefusal("notInPlan");
    await tx.planStructures.unlist(input.kpiId, input.initiativeId, input.expectedVersion);
  });
}

/**
 * 廃止 (or its undoing): a retired initiative or KPI is left out of the rounds opened from now on;
 * the rounds that showed it, and their publications, keep it.
 */
export async function setRetired(
  store: Store,
  acting: Acting,
  input: {
    planId: number;
    entity: "initiative" | "kpi";
    id: number;
    expectedVersion: number;
    retired: boolean;
  },
): Promise<void> {
  await store.transaction({ actor: acting.actor }, async (tx) => {
    const structure = await planIn(tx, acting, input.planId);
    if (input.entity === "initiative") initiativeIn(structure, input.id);
    else kpiIn(structure, input.id);
    await tx.planStructures.setRetired(input.entity, input.id, input.expectedVersion, input.retired);
  });
}

/** One place up or down (policies in the plan, initiatives under their policy, KPIs under their initiative). */
export async function moveItem(
  store: Store,
  acting: Acting,
  input: {
    planId: number;
    entity: "policy" | "initiative" | "kpi";
    id: number;
    initiativeId?: number;
    expectedVersion: number;
    direction: "up" | "down";
  },
): Promise<void> {
  await store.transaction({ actor: acting.actor }, async (tx) => {
    const structure = await planIn(tx, acting, input.planId);
    if (input.entity === "policy" && !structure.policies.some((p) => p.id === input.id))
      throw new PlanEditRefusal("notInPlan");
    if (input.entity === "initiative") initiativeIn(structure, input.id);
    if (input.entity === "kpi") {
      if (input.initiativeId === undefined) throw new PlanEditRefusal("notInPlan");
      const initiative = initiativeIn(structure, input.initiativeId);
      if (!initiative.kpis.some((k) => k.kpiId === input.id)) throw new PlanEditRefusal("notInPlan");
    }
    await tx.planStructures.move(
      input.entity,
      input.id,
      input.expectedVersion,
      input.direction,
      input.initiativeId,
    );
  });
}
