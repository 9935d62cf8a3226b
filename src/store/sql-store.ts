import type { Kysely } from "kysely";
import { Accounts } from "./accounts.ts";
import { AuditLog, auditWriter } from "./audit.ts";
import { Comments } from "./comments.ts";
import { Departments } from "./departments.ts";
import type { StoreDialect } from "./dialect.ts";
import { ImportMappings } from "./import-mappings.ts";
import { KpiValues } from "./kpi-values.ts";
import { migrateToLatest, pendingMigrations } from "./migrate.ts";
import { Notices } from "./notices.ts";
import { Organizations } from "./organizations.ts";
import { PlanStructures } from "./plan-structure.ts";
import { Plans } from "./plans.ts";
import { Publications } from "./publications.ts";
import { Removals } from "./removals.ts";
import { Reports } from "./reports.ts";
import { bumpRevision, readPublicRevisions, readRevision } from "./revision.ts";
import { Rounds } from "./rounds.ts";
import type { Database } from "./schema.ts";
import type { Scope } from "./scope.ts";
import { Sessions } from "./sessions.ts";
import { Tokens } from "./tokens.ts";
import type { NoticeWritten, PublicRevisions, Store, StoreTransaction, WriteContext } from "./types.ts";

/** Every resource of the store over one scope (the connection, or one transaction with its writer). */
class Resources {
  readonly organizations: Organizations;
  readonly plans: Plans;
  readonly rounds: Rounds;
  readonly reports: Reports;
  readonly kpiValues: KpiValues;
  readonly departments: Departments;
  readonly publications: Publications;
  readonly audit: AuditLog;
  readonly accounts: Accounts;
  readonly sessions: Sessions;
  readonly tokens: Tokens;
  readonly comments: Comments;
  readonly notices: Notices;
  readonly removals: Removals;
  readonly planStructures: PlanStructures;
  readonly importMappings: ImportMappings;

  constructor(scope: Scope) {
    this.organizations = new Organizations(scope);
    this.plans = new Plans(scope);
    this.rounds = new Rounds(scope);
    this.reports = new Reports(scope);
    this.kpiValues = new KpiValues(scope);
    this.departments = new Departments(scope);
    this.publications = new Publications(scope);
    this.audit = new AuditLog(scope);
    this.accounts = new Accounts(scope);
    this.sessions = new Sessions(scope);
    this.tokens = new Tokens(scope);
    this.comments = new Comments(scope);
    this.notices = new Notices(scope);
    this.removals = new Removals(scope);
    this.planStructures = new PlanStructures(scope);
    this.importMappings = new ImportMappings(scope);
  }
}

class SqlTransaction extends Resources implements StoreTransaction {
  constructor(
    scope: Scope,
    readonly context: WriteContext,
  ) {
    super(scope);
  }
}

/** The Store over Kysely; `db` is exposed for tests and maintenance tools, not for the server. */
export class SqlStore extends Resources implements Store {
  constructor(
    readonly db: Kysely<Database>,
    readonly capabilities: StoreDialect,
    /** Opened read-only (a SQLite file this process cannot write): reads work, writes fail. */
    readonly readOnly = false,
  ) {
    super({ db, dialect: capabilities });
  }

  get dialect(): "sqlite" | "postgres" {
    return this.capabilities.name;
  }

  async migrate(): Promise<string[]> {
    const applied = await migrateToLatest(this.db, this.capabilities);
    await this.publishImportedRounds();
    return applied;
  }

  /**
   * Rounds imported before publications existed were public as soon as they were stored: they
   * become their first publication (source "imported"), so public pages keep showing them.
   */
  private async publishImportedRounds(): Promise<void> {
    const unpublished = await this.db
      .selectFrom("reporting_round")
      .select("reporting_round.id")
      .where("reporting_round.state", "=", "published")
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom("publication")
              .select("publication.id")
              .whereRef("publication.round_id", "=", "reporting_round.id"),
          ),
        ),
      )
      .orderBy("reporting_round.id")
      .execute();
    if (unpublished.length === 0) return;
    await this.transaction({ actor: { kind: "system", name: "shinchoku migrate" } }, async (tx) => {
      for (const round of unpublished) await tx.publications.publish(round.id, { source: "imported" });
    });
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

  async isEmpty(): Promise<boolean> {
    const row = await this.db.selectFrom("plan").select("id").limit(1).executeTakeFirst();
    return row === undefined;
  }

  revision(): Promise<number> {
    return readRevision(this.db);
  }

  publicRevisions(): Promise<PublicRevisions> {
    return readPublicRevisions(this.db);
  }

  private readonly noticeListeners = new Set<(notices: readonly NoticeWritten[]) => void>();

  onNoticesCommitted(listener: (notices: readonly NoticeWritten[]) => void): () => void {
    this.noticeListeners.add(listener);
    return () => this.noticeListeners.delete(listener);
  }

  async transaction<T>(context: WriteContext, work: (tx: StoreTransaction) => Promise<T>): Promise<T> {
    const noticesWritten: NoticeWritten[] = [];
    const result = await this.db.transaction().execute(async (trx) => {
      await bumpRevision(trx);
      const scope = { db: trx, dialect: this.capabilities };
      return work(
        new SqlTransaction({ ...scope, writer: auditWriter(scope, context.actor), noticesWritten }, context),
      );
    });
    // Committed: what it announced may now leave the process (a listener's failure is its own).
    if (noticesWritten.length > 0)
      for (const listener of this.noticeListeners) {
        try {
          listener(noticesWritten);
        } catch (error) {
          console.error(`notice listener failed: ${(error as Error).message}`);
        }
      }
    return result;
  }
}
