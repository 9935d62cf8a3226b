import type { Kysely } from "kysely";
import type { PlanDocument } from "../domain/plan-document.ts";
import type { StoreDialect } from "./dialect.ts";
import { importPlanDocument } from "./import-plan-document.ts";
import { loadInitiative } from "./load-initiative.ts";
import { loadRound } from "./load-round.ts";
import { migrateToLatest, pendingMigrations } from "./migrate.ts";
import * as records from "./records.ts";
import { readRevision } from "./revision.ts";
import type { Database } from "./schema.ts";
import { searchInitiatives } from "./search.ts";
import type {
  ImportOptions,
  ImportOutcome,
  InitiativeHistory,
  OrganizationRecord,
  PlanRecord,
  RoundRecord,
  Store,
} from "./types.ts";

/** The Store over Kysely; `db` is exposed for tests and maintenance tools, not for the server. */
export class SqlStore implements Store {
  constructor(
    readonly db: Kysely<Database>,
    readonly capabilities: StoreDialect,
    /** Opened read-only (a SQLite file this process cannot write): reads work, writes fail. */
    readonly readOnly = false,
  ) {}

  get dialect(): "sqlite" | "postgres" {
    return this.capabilities.name;
  }

  migrate(): Promise<string[]> {
    return migrateToLatest(this.db, this.capabilities);
  }

  /** Migrations not applied yet; reads only. */
  pendingMigrations(): Promise<string[]> {
    return pendingMigrations(this.db, this.capabilities);
  }

  private closing: Promise<void> | undefined;

  /** Safe to call more than once (a test may close what its helper closes again). */
  close(): Promise<void> {
    this.closing ??= this.db.destroy();
    return this.closing;
  }

  isEmpty(): Promise<boolean> {
    return records.isEmpty(this.db);
  }

  listOrganizations(): Promise<OrganizationRecord[]> {
    return records.listOrganizations(this.db);
  }

  findOrganization(slug: string): Promise<OrganizationRecord | undefined> {
    return records.findOrganization(this.db, slug);
  }

  listPlans(organizationId: number): Promise<PlanRecord[]> {
    return records.listPlans(this.db, organizationId);
  }

  findPlan(planId: number): Promise<PlanRecord | undefined> {
    return records.findPlan(this.db, planId);
  }

  listRounds(planId: number): Promise<RoundRecord[]> {
    return records.listRounds(this.db, planId);
  }

  loadRound(planId: number, fiscalYear: number): Promise<PlanDocument | undefined> {
    return loadRound(this.db, this.capabilities, planId, fiscalYear);
  }

  loadInitiative(planId: number, initiativeNumber: number): Promise<InitiativeHistory | undefined> {
    return loadInitiative(this.db, this.capabilities, planId, initiativeNumber);
  }

  searchInitiatives(planId: number, fiscalYear: number, query: string): Promise<number[]> {
    return searchInitiatives(this.db, this.capabilities, planId, fiscalYear, query);
  }

  revision(): Promise<number> {
    return readRevision(this.db);
  }

  importPlanDocument(document: PlanDocument, options: ImportOptions): Promise<ImportOutcome> {
    return importPlanDocument(this.db, this.capabilities, document, options);
  }
}
