import type { GradeScale } from "../domain/grade.ts";
import type { KpiValue } from "../domain/kpi-value.ts";

/**
 * The plan's structure as the plan editor (issue 8) reads and writes it: the plan's shared rows
 * (policy, initiative, initiative_department, kpi, initiative_kpi), retired ones included. Every new
 * round is opened from it; rounds already opened keep their own copies.
 */

export interface PlanHead {
  id: number;
  organizationId: number;
  title: string;
  startFiscalYear: number;
  endFiscalYear: number;
  baselineFiscalYear: number | null;
  /** NULL in the store: the default scale. */
  gradeScale: GradeScale | null;
  notAssessedAllowed: boolean;
  version: number;
}

export interface StructureDepartment {
  id: number;
  name: string;
}

export interface StructureKpi {
  kpiId: number;
  /** The listing's initiative. */
  initiativeId: number;
  name: string;
  label: string;
  relisted: boolean;
  /** The KPI's own initiative (its listing that is not a 再掲); undefined when there is none. */
  ownerInitiativeId: number | undefined;
  baseline: KpiValue;
  target: KpiValue;
  retired: boolean;
  /** The KPI row's version (a 再掲 shows its original's). */
  version: number;
}

export interface StructureInitiative {
  id: number;
  policyId: number;
  number: number;
  /** The No. as the city writes it ("1-2", "(1)-①"), absent when it is the number itself. */
  numberText?: string;
  title: string;
  description: string;
  retired: boolean;
  version: number;
  departments: StructureDepartment[];
  kpis: StructureKpi[];
}

export interface StructurePolicy {
  id: number;
  code: string;
  title: string;
  version: number;
  initiatives: StructureInitiative[];
}

export interface PlanStructure {
  plan: PlanHead;
  policies: StructurePolicy[];
}

export interface NewPlan {
  organizationId: number;
  title: string;
  startFiscalYear: number;
  endFiscalYear: number;
  baselineFiscalYear: number | null;
  gradeScale: GradeScale | null;
  notAssessedAllowed: boolean;
}

export type PlanHeadChanges = Partial<Omit<NewPlan, "organizationId">>;

export interface InitiativeFields {
  policyId: number;
  number: number;
  /** The No. as written, absent when it is the number itself. */
  numberText?: string;
  title: string;
  description: string;
  /** 関係課 in order, the lead first. */
  departmentIds: number[];
}

export interface KpiFields {
  name: string;
  baseline: KpiValue;
  target: KpiValue;
}

export type StructureEntity = "policy" | "initiative" | "kpi";

export interface PlanStructureReads {
  /** The plan with its structure, retired items included; undefined when there is no such plan. */
  load(planId: number): Promise<PlanStructure | undefined>;
  /** Whether any round of the plan has a publication (numbers are fixed from then on). */
  hasPublication(planId: number): Promise<boolean>;
  /** A plan of the organization with this title and period, if one exists. */
  findByIdentity(
    organizationId: number,
    title: string,
    startFiscalYear: number,
    endFiscalYear: number,
  ): Promise<number | undefined>;
}

export interface PlanStructureWrites extends PlanStructureReads {
  createPlan(input: NewPlan): Promise<PlanHead>;
  updatePlan(planId: number, expectedVersion: number, changes: PlanHeadChanges): Promise<PlanHead>;
  addPolicy(planId: number, fields: { code: string; title: string }): Promise<number>;
  updatePolicy(
    policyId: number,
    expectedVersion: number,
    fields: { code: string; title: string },
  ): Promise<void>;
  addInitiative(planId: number, fields: InitiativeFields): Promise<number>;
  updateInitiative(initiativeId: number, expectedVersion: number, fields: InitiativeFields): Promise<void>;
  addKpi(initiativeId: number, fields: KpiFields): Promise<number>;
  updateKpi(kpiId: number, expectedVersion: number, fields: KpiFields): Promise<void>;
  /** 再掲: lists the KPI again under another initiative (that initiative's version is checked). */
  relist(kpiId: number, initiativeId: number, expectedInitiativeVersion: number): Promise<void>;
  /** Takes a 再掲 listing off an initiative (the KPI and its own listing stay). */
  unlist(kpiId: number, initiativeId: number, expectedInitiativeVersion: number): Promise<void>;
  setRetired(
    entity: "initiative" | "kpi",
    id: number,
    expectedVersion: number,
    retired: boolean,
  ): Promise<void>;
  /**
   * One place up or down among its siblings (policies in the plan, initiatives under their policy,
   * KPI listings under their initiative; a listing's version is its initiative's).
   */
  move(
    entity: StructureEntity,
    id: number,
    expectedVersion: number,
    direction: "up" | "down",
    initiativeId?: number,
  ): Promise<void>;
  /** The department of this name (関係各課), made when the organization has none. */
  ensureDepartment(organizationId: number, name: string): Promise<number>;
}
