import type { Grade, GradeSummary } from "../domain/grade.ts";
import type { KpiValue } from "../domain/kpi-value.ts";
import type { PlanDocument } from "../domain/plan-document.ts";

/**
 * What the rest of the product may ask of the store. The store is the only code that speaks SQL;
 * everything it returns is a plain domain object.
 */

export interface OrganizationRecord {
  id: number;
  /** URL name, e.g. "sakado". */
  slug: string;
  /** 坂戸市 */
  name: string;
}

export interface PlanRecord {
  id: number;
  organizationId: number;
  title: string;
  startFiscalYear: number;
  endFiscalYear: number;
  baselineFiscalYear: number | null;
}

/** ReportingRound: one plan's yearly cycle. */
export interface RoundRecord {
  id: number;
  planId: number;
  fiscalYear: number;
  /** ISO date */
  asOf: string;
  title: string | null;
  gradeSummary: GradeSummary;
  initiativeCount: number;
}

export interface KpiHistory {
  id: number;
  name: string;
  /** As written under this initiative (marker included when relisted). */
  label: string;
  relisted: boolean;
  baseline: KpiValue;
  target: KpiValue;
  /** 現状値 per reported fiscal year, oldest first. */
  values: { fiscalYear: number; value: KpiValue }[];
  /** The other initiatives that list the same KPI (再掲 links), by number. */
  alsoListedIn: { initiativeNumber: number; title: string; relisted: boolean }[];
}

export interface ReportRecord {
  fiscalYear: number;
  activities: string;
  grade: Grade | null;
  committeeOpinion: string;
  nextYearGoal: string;
}

/** An initiative with every fiscal year the store knows of, for the initiative page. */
export interface InitiativeHistory {
  plan: PlanRecord;
  policy: { code: string; title: string };
  number: number;
  title: string;
  departments: string[];
  description: string;
  kpis: KpiHistory[];
  reports: ReportRecord[];
}

export interface ImportOptions {
  organization: { slug: string; name: string };
  /** Replace an existing round of the same plan and fiscal year instead of refusing. */
  replace?: boolean;
}

export interface ImportOutcome {
  organizationId: number;
  planId: number;
  roundId: number;
  fiscalYear: number;
  planCreated: boolean;
  replaced: boolean;
}

export type StoreErrorCode = "round.exists" | "document.invalid" | "not-found";

/** A refusal the user can act on; `message` is Japanese. */
export class StoreError extends Error {
  constructor(
    readonly code: StoreErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "StoreError";
  }
}

export interface Store {
  readonly dialect: "sqlite" | "postgres";
  /** Applies pending migrations; returns the names applied now. */
  migrate(): Promise<string[]>;
  close(): Promise<void>;
  isEmpty(): Promise<boolean>;

  listOrganizations(): Promise<OrganizationRecord[]>;
  findOrganization(slug: string): Promise<OrganizationRecord | undefined>;
  listPlans(organizationId: number): Promise<PlanRecord[]>;
  findPlan(planId: number): Promise<PlanRecord | undefined>;
  /** Rounds of a plan, oldest fiscal year first. */
  listRounds(planId: number): Promise<RoundRecord[]>;
  /** Rebuilds the plan document of one round (what was imported, minus import diagnostics). */
  loadRound(planId: number, fiscalYear: number): Promise<PlanDocument | undefined>;
  loadInitiative(planId: number, initiativeNumber: number): Promise<InitiativeHistory | undefined>;
  /** Initiative numbers matching a free-text query (Japanese, substring semantics), in number order. */
  searchInitiatives(planId: number, fiscalYear: number, query: string): Promise<number[]>;

  /**
   * The store revision: a number that changes whenever a committed write changes what this store
   * returns, whichever process made it (`shinchoku import` beside a running server included). It
   * does not change when a write is refused or rolls back; it may change without a visible
   * difference (a re-import of the same document). Compare it for equality only: copies derived
   * from the data (the server's page cache) are valid while it stays the same. One trivial query.
   */
  revision(): Promise<number>;

  /** Stores a plan document in one transaction: all of it or nothing. */
  importPlanDocument(document: PlanDocument, options: ImportOptions): Promise<ImportOutcome>;
}
