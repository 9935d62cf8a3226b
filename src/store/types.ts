import type { Grade, GradeScale, GradeSummary } from "../domain/grade.ts";
import type { KpiValue } from "../domain/kpi-value.ts";
import type { RoleName } from "../domain/permissions.ts";
import type { PlanDocument } from "../domain/plan-document.ts";
import type { PublicationSource, ReportState, RoundState } from "../domain/workflow-states.ts";
import type { PlanStructureReads, PlanStructureWrites } from "./plan-structure-types.ts";

/**
 * What the rest of the product may ask of the store. The store is the only code that speaks SQL;
 * everything it returns is a plain domain object.
 *
 * It is split by resource (organizations, plans, rounds, reports, KPI values, departments,
 * publications, audit). Reads are on the store itself; writes only exist inside
 * `store.transaction(context, work)`, which bumps the store revision first and appends an audit entry
 * for every write, so no write can happen outside one or go unrecorded. Every write of an editable
 * record takes the version it expects and throws ConflictError instead of overwriting a newer one.
 */

// ── Who writes ─────────────────────────────────────────────────────────────────────────────────

/** Who a write is done by: an account, or the system itself (the CLI, the sample loader). */
export type Actor =
  | { kind: "system"; name: string }
  | { kind: "account"; accountId: number; organizationId: number; name: string };

export interface WriteContext {
  actor: Actor;
}

// ── Records ────────────────────────────────────────────────────────────────────────────────────

export interface OrganizationRecord {
  id: number;
  /** URL name, e.g. "sakado". */
  slug: string;
  /** 坂戸市 */
  name: string;
  /** 全国地方公共団体コード (six digits, 坂戸市 112399), when known. */
  localGovernmentCode: string | null;
}

export interface PlanRecord {
  id: number;
  organizationId: number;
  title: string;
  startFiscalYear: number;
  endFiscalYear: number;
  baselineFiscalYear: number | null;
  /** The plan's grade scale, best first (the default A–D when the plan names none). */
  gradeScale: GradeScale;
  /** Whether the committee may set 対象外 (not graded this year) beside the scale's levels. */
  notAssessedAllowed: boolean;
}

/** ReportingRound: one plan's yearly cycle, as it stands in the live rows (its draft). */
export interface RoundRecord {
  id: number;
  organizationId: number;
  planId: number;
  fiscalYear: number;
  /** ISO date */
  asOf: string;
  title: string | null;
  state: RoundState;
  version: number;
  /** Moves with every write to the round's reports and KPI values. */
  contentRevision: number;
  /** ISO date departments are asked to submit by. */
  entryDeadline: string | null;
}

export type RoundChanges = Partial<Pick<RoundRecord, "state" | "asOf" | "entryDeadline" | "title">>;

/** 報告: one initiative's report in one round. */
export interface ReportRecord {
  id: number;
  roundId: number;
  initiativeId: number;
  initiativeNumber: number;
  state: ReportState;
  version: number;
  activities: string;
  grade: Grade | null;
  /** 対象外: the committee decided not to grade the initiative this year (grade null). */
  notAssessed: boolean;
  committeeOpinion: string;
  nextYearGoal: string;
  /** The department's own view of progress (shown to the committee, never published). */
  selfGrade: Grade | null;
  selfGradeReason: string;
  /** ISO timestamp of the last write through the workflow; null while as imported. */
  updatedAt: string | null;
  /** ISO timestamp of the last submission. */
  submittedAt: string | null;
}

/** The fields of a report a workflow write may change. */
export type ReportChanges = Partial<
  Pick<
    ReportRecord,
    | "activities"
    | "grade"
    | "notAssessed"
    | "committeeOpinion"
    | "nextYearGoal"
    | "state"
    | "selfGrade"
    | "selfGradeReason"
  >
> & {
  /** Stamp the submission (time and account) with this write. */
  submitted?: boolean;
};

export type CommentKind = "comment" | "return" | "accept" | "correction";

/** A comment in a report's thread (secretariat ⇄ department). */
export interface CommentRecord {
  id: number;
  reportId: number;
  accountId: number | null;
  authorName: string;
  kind: CommentKind;
  body: string;
  createdAt: string;
}

export type NoticeKind = "returned" | "submitted" | "accepted" | "roundOpened" | "deadlineNear" | "published";

/** An in-app notice to one account. */
export interface NoticeRecord {
  id: number;
  accountId: number;
  kind: NoticeKind;
  roundId: number | null;
  reportId: number | null;
  params: Record<string, string | number>;
  createdAt: string;
  read: boolean;
}

/** 現状値 of one KPI for one fiscal year. */
export interface KpiValueRecord {
  id: number;
  kpiId: number;
  roundId: number;
  fiscalYear: number;
  value: KpiValue;
  version: number;
}

export interface DepartmentRecord {
  id: number;
  organizationId: number;
  name: string;
  version: number;
  /** ISO timestamp when retired (廃止) or merged away; null while in use. */
  retiredAt: string | null;
  /** The department it was merged into (統合先). */
  mergedIntoId: number | null;
}

/** How much of the organization's work names a department (the department list's counts). */
export interface DepartmentUsage {
  departmentId: number;
  /** Initiatives whose 関係課 (the plan's current list) include it. */
  initiatives: number;
  /** Of those, the ones it leads. */
  leads: number;
  /** Accounts whose editor role is bound to it. */
  accounts: number;
}

/** A round that is still open (no publication yet): what a department change rewrites. */
export interface OpenRoundMention {
  roundId: number;
  planId: number;
  planTitle: string;
  fiscalYear: number;
  state: string;
  /** Initiative numbers whose 関係課 in that round name the department, and whether it leads. */
  initiatives: { number: number; lead: boolean }[];
}

/** What one department change did, beyond the department's own row (for the audit log and tests). */
export interface DepartmentChangeEffects {
  /** Reports of open rounds whose 関係課 changed: round, initiative number, the names before → after. */
  reports: { roundId: number; fiscalYear: number; number: number; before: string[]; after: string[] }[];
  /** Initiatives whose current 関係課 (the plan's list, read by new rounds) changed. */
  initiatives: number[];
  /** Accounts whose department membership changed. */
  accounts: number[];
}

/**
 * The store ids behind a plan document's initiative numbers and KPI keys, so that what a document
 * shows can be followed across fiscal years (one KPI, its values over the years, its 再掲 links).
 */
export interface RoundLinks {
  /** Initiative number (as a string key) → initiative id. */
  initiatives: Record<string, number>;
  /** KPI key ("6-2") → KPI id; a 再掲 line has its original's id. */
  kpis: Record<string, number>;
}

/** A round's table with the ids behind it. */
export interface RoundSnapshot {
  document: PlanDocument;
  links: RoundLinks;
}

/** 公表版: one revision (第n版) of a round's published table, without its document. */
export interface PublicationRecord {
  id: number;
  organizationId: number;
  planId: number;
  roundId: number;
  fiscalYear: number;
  revision: number;
  source: PublicationSource;
  /** Why a correction was made (revisions after the first). */
  reason: string | null;
  /** ISO timestamp */
  publishedAt: string;
  /** Who published: an account's display name or the system actor's name. */
  publishedBy: string | null;
  plan: {
    title: string;
    startFiscalYear: number;
    endFiscalYear: number;
    baselineFiscalYear: number | null;
  };
  /** ISO date */
  asOf: string;
  title: string | null;
  /** The plan's grade scale as published (the default A–D for publications that name none). */
  gradeScale: GradeScale;
  gradeSummary: GradeSummary;
  initiativeCount: number;
}

export interface Publication {
  record: PublicationRecord;
  document: PlanDocument;
  links: RoundLinks;
}

export interface AuditEntryRecord {
  id: number;
  organizationId: number;
  /** ISO timestamp */
  at: string;
  actorAccountId: number | null;
  /** An account's display name (when it is not an account: the system actor's name). */
  actorName: string | null;
  /** e.g. "report.update", "round.import", "publication.create" */
  action: string;
  entity: string;
  entityId: number | null;
  before: unknown;
  after: unknown;
}

/** 利用者: an account of one organization, without its secrets. */
export interface AccountRecord {
  id: number;
  organizationId: number;
  /** Normalized (src/domain/credentials.ts normalizeLoginId). */
  loginId: string;
  displayName: string;
  email: string | null;
  /** False until the person has set a password through their one-time URL. */
  hasPassword: boolean;
  passwordChangedAt: string | null;
  disabled: boolean;
  createdAt: string;
  version: number;
  roles: RoleName[];
  /** The departments the editor role is bound to. */
  departmentIds: number[];
}

export interface NewAccount {
  organizationId: number;
  loginId: string;
  displayName: string;
  email: string | null;
  roles: RoleName[];
  departmentIds: number[];
  /** Set at once (the first secretariat's setup); otherwise the person sets it later. */
  passwordHash?: string;
}

export type AccountChanges = Partial<
  Pick<AccountRecord, "displayName" | "email" | "roles" | "departmentIds">
>;

/** An account as a session or an API token carries it: enough to decide rights. */
export interface SignedInAccount {
  id: number;
  organizationId: number;
  loginId: string;
  displayName: string;
  disabled: boolean;
  roles: RoleName[];
  departmentIds: number[];
}

export interface SessionRecord {
  id: number;
  organizationId: number;
  accountId: number;
  createdAt: string;
  lastSeenAt: string;
  address: string | null;
  userAgent: string | null;
}

export interface SignedIn {
  session: SessionRecord;
  account: SignedInAccount;
}

export type OneTimePurpose = "setup" | "invite" | "reset";

export interface OneTimeTokenRecord {
  id: number;
  organizationId: number;
  /** The account whose password it sets; null for the setup of the first secretariat. */
  accountId: number | null;
  purpose: OneTimePurpose;
  createdAt: string;
  expiresAt: string;
  used: boolean;
}

export interface ApiTokenRecord {
  id: number;
  organizationId: number;
  accountId: number;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
  revoked: boolean;
}

/** What the public sees of each organization moves with these (see Store.publicRevisions()). */
export interface PublicRevisions {
  /** Changes whenever the list of organizations or any of their public revisions changes. */
  directory: string;
  byOrganization: ReadonlyMap<number, number>;
}

export interface ImportOptions {
  organizationId: number;
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

// ── Refusals ───────────────────────────────────────────────────────────────────────────────────

export type StoreErrorCode =
  | "account.exists"
  | "round.exists"
  | "round.locked"
  | "document.invalid"
  | "not-found"
  | "conflict"
  | "removal.published"
  | "department.exists"
  | "department.retired"
  | "department.merged"
  | "write.outside-transaction";

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

/**
 * A write named a version that is no longer the record's: someone else saved it in between. Nothing
 * was written; `current` is the record as it is now, so the caller can show both versions.
 */
export class ConflictError<T = unknown> extends StoreError {
  constructor(
    message: string,
    readonly current: T,
  ) {
    super("conflict", message);
    this.name = "ConflictError";
  }
}

// ── Resources ──────────────────────────────────────────────────────────────────────────────────

export interface OrganizationReads {
  list(): Promise<OrganizationRecord[]>;
  findBySlug(slug: string): Promise<OrganizationRecord | undefined>;
  find(id: number): Promise<OrganizationRecord | undefined>;
}

export interface OrganizationWrites extends OrganizationReads {
  /** The organization with this slug, created or renamed to `name` as needed. */
  ensure(input: {
    slug: string;
    name: string;
    /** Set (or changed) when given; checked (StoreError "document.invalid" when it is no code). */
    localGovernmentCode?: string;
  }): Promise<{ organization: OrganizationRecord; created: boolean }>;
}

export interface PlanReads {
  /** Newest plan period first. */
  list(organizationId: number): Promise<PlanRecord[]>;
  find(planId: number): Promise<PlanRecord | undefined>;
}

export interface RoundReads {
  /** The plan's rounds (drafts included), oldest fiscal year first. */
  list(planId: number): Promise<RoundRecord[]>;
  find(planId: number, fiscalYear: number): Promise<RoundRecord | undefined>;
  get(roundId: number): Promise<RoundRecord | undefined>;
  /** The round's table as the live rows hold it now (its draft), with the ids behind it. */
  snapshot(roundId: number): Promise<RoundSnapshot | undefined>;
}

export interface RoundWrites extends RoundReads {
  /**
   * Opens a fiscal year from the plan's structure (the initiatives and KPIs not retired: texts,
   * 関係課, order, 基本方針, KPI lines with name, label, 当初, 目標, 再掲), with empty reports (未着手)
   * and no 現状値. `fromRoundId`: the earlier round it follows, when there is one.
   */
  open(input: {
    planId: number;
    fromRoundId?: number;
    fiscalYear: number;
    asOf: string;
    entryDeadline: string | null;
  }): Promise<RoundRecord>;
  /**
   * Changes the round if it is still at `expectedVersion`; throws ConflictError otherwise. A
   * `reason` (a move back) is kept in the audit entry.
   */
  update(id: number, expectedVersion: number, changes: RoundChanges, reason?: string): Promise<RoundRecord>;
  /**
   * Stores a whole plan document as one round (all of it or nothing, as part of the transaction).
   * Refuses an existing round unless `replace`; refuses to replace a round that has work entered in
   * the browser, or that was published there, or that is not published (StoreError "round.locked").
   */
  importDocument(document: PlanDocument, options: ImportOptions): Promise<ImportOutcome>;
}

export interface ReportReads {
  list(roundId: number): Promise<ReportRecord[]>;
  find(roundId: number, initiativeNumber: number): Promise<ReportRecord | undefined>;
}

export interface ReportWrites extends ReportReads {
  /** Applies `changes` if the report is still at `expectedVersion`; throws ConflictError otherwise. */
  update(id: number, expectedVersion: number, changes: ReportChanges): Promise<ReportRecord>;
}

export interface CommentReads {
  list(reportId: number): Promise<CommentRecord[]>;
}

export interface CommentWrites extends CommentReads {
  add(input: { reportId: number; kind: CommentKind; body: string }): Promise<CommentRecord>;
}

export interface NoticeReads {
  /** Newest first. */
  list(accountId: number, options?: { unreadOnly?: boolean; limit?: number }): Promise<NoticeRecord[]>;
  /** Rounds open for entry whose entry deadline is between two ISO dates, inclusive. */
  roundsWithDeadline(
    from: string,
    to: string,
  ): Promise<{ roundId: number; organizationId: number; fiscalYear: number; entryDeadline: string }[]>;
  /** The round's reports not yet submitted, each with its initiative's departments (関係課). */
  outstandingReports(roundId: number): Promise<{ reportId: number; departmentIds: number[] }[]>;
  /** The accounts that already have a notice of this kind about this round. */
  notifiedAbout(roundId: number, kind: NoticeKind): Promise<Set<number>>;
}

export interface NoticeWrites extends NoticeReads {
  notify(
    notices: {
      organizationId: number;
      accountId: number;
      kind: NoticeKind;
      roundId?: number;
      reportId?: number;
      params?: Record<string, string | number>;
    }[],
  ): Promise<void>;
  markRead(accountId: number, ids: readonly number[] | "all"): Promise<void>;
}

/** A notice as written, handed to the store's listeners once its transaction has committed. */
export interface NoticeWritten {
  organizationId: number;
  accountId: number;
  kind: NoticeKind;
  roundId: number | null;
  reportId: number | null;
  params: Record<string, string | number>;
}

export interface KpiValueReads {
  /** The 現状値 of the round's fiscal year, for every KPI that has one. */
  list(roundId: number): Promise<KpiValueRecord[]>;
}

export interface KpiValueWrites extends KpiValueReads {
  /**
   * Sets a KPI's 現状値 for the round's fiscal year. `expectedVersion` is the version read, or null
   * when there was no value yet; throws ConflictError when that is no longer so.
   */
  save(input: {
    kpiId: number;
    roundId: number;
    expectedVersion: number | null;
    value: KpiValue;
  }): Promise<KpiValueRecord>;
  /** Several KPIs' 現状値 of one round as `save` sets each (all or, on a conflict, the thrown error). */
  saveAll(
    roundId: number,
    entries: readonly { kpiId: number; expectedVersion: number | null; value: KpiValue }[],
  ): Promise<KpiValueRecord[]>;
}

export interface DepartmentReads {
  /** Every department of the organization, retired ones included (past rounds name them), by name. */
  list(organizationId: number): Promise<DepartmentRecord[]>;
  /** The names each department had before a rename (名称変更), oldest first, by department id. */
  formerNames(organizationId: number): Promise<Map<number, string[]>>;
  find(organizationId: number, id: number): Promise<DepartmentRecord | undefined>;
  /** Counts of initiatives and accounts per department. */
  usage(organizationId: number): Promise<DepartmentUsage[]>;
  /** The open rounds whose 関係課 name the department (by its current name). */
  openRoundMentions(organizationId: number, departmentId: number): Promise<OpenRoundMention[]>;
  /** 関係課 of a plan's initiative, lead first; undefined when the plan has no such initiative. */
  ofInitiative(planId: number, initiativeNumber: number): Promise<DepartmentRecord[] | undefined>;
}

export interface DepartmentWrites extends DepartmentReads {
  /** A new department; StoreError "department.exists" when the name is taken (retired ones too). */
  add(organizationId: number, name: string): Promise<DepartmentRecord>;
  /**
   * Renames it: open rounds print the new name; rounds with a publication keep the one they printed.
   * ConflictError when `expectedVersion` is no longer the department's.
   */
  rename(
    organizationId: number,
    id: number,
    expectedVersion: number,
    name: string,
  ): Promise<{
    department: DepartmentRecord;
    effects: DepartmentChangeEffects;
  }>;
  /**
   * Merges `id` into `intoId` (統合): open rounds' 関係課, the plan's current 関係課 and the editors'
   * departments move to `intoId`; `id` is retired. Published rounds keep what they printed.
   * `action` names the audit entry (a retirement with a successor is a merge by another name).
   */
  merge(
    organizationId: number,
    id: number,
    expectedVersion: number,
    intoId: number,
    action?: "department.merge" | "department.retire",
  ): Promise<{ department: DepartmentRecord; into: DepartmentRecord; effects: DepartmentChangeEffects }>;
  /**
   * Retires it (廃止) without a successor: it leaves open rounds' and the plan's 関係課 lists (the
   * caller refuses when an open round has it as lead); editors keep their binding until changed.
   */
  retire(
    organizationId: number,
    id: number,
    expectedVersion: number,
  ): Promise<{
    department: DepartmentRecord;
    effects: DepartmentChangeEffects;
  }>;
  /**
   * Restores (元に戻す) a department retired without a successor: it is offered again (関係課, new
   * accounts, imports of the latest year). It comes back into no list by itself. A merged one is
   * refused (StoreError "department.merged": its successor holds its work).
   */
  restore(organizationId: number, id: number, expectedVersion: number): Promise<DepartmentRecord>;
}

export interface PublicationReads {
  /** The latest revision of each published round of the organization (or of one plan), by plan and year. */
  listLatest(organizationId: number, planId?: number): Promise<PublicationRecord[]>;
  /** Every revision of one round's publication, first to latest. */
  revisions(planId: number, fiscalYear: number): Promise<PublicationRecord[]>;
  /** One publication with its document (immutable: safe to keep in memory by id). */
  load(publicationId: number): Promise<Publication | undefined>;
}

export interface PublicationWrites extends PublicationReads {
  /**
   * Freezes the round's live table as its next revision (第n版) and marks the round published. The
   * snapshot is rebuilt from what the store holds, so the publication is exactly the stored round.
   */
  publish(
    roundId: number,
    options: { source: PublicationSource; reason?: string },
  ): Promise<PublicationRecord>;
}

export interface AuditReads {
  /** Newest first. */
  list(
    organizationId: number,
    filter?: { entity?: string; entityId?: number; limit?: number },
  ): Promise<AuditEntryRecord[]>;
  /** The entries about any of `targets` (each an entity and some of its ids), newest first. */
  listFor(
    organizationId: number,
    targets: readonly { entity: string; ids: readonly number[] }[],
    limit?: number,
  ): Promise<AuditEntryRecord[]>;
}

export interface AccountReads {
  list(organizationId: number): Promise<AccountRecord[]>;
  find(organizationId: number, id: number): Promise<AccountRecord | undefined>;
  findByLogin(organizationId: number, loginId: string): Promise<AccountRecord | undefined>;
  /** For the sign-in only: the account with its password hash. */
  credentials(
    organizationId: number,
    loginId: string,
  ): Promise<{ account: AccountRecord; passwordHash: string | null } | undefined>;
  hasActiveSecretariat(organizationId: number): Promise<boolean>;
  /** Account id → when it last signed in (ISO timestamp); absent: never. */
  lastSignIns(organizationId: number): Promise<Map<number, string>>;
}

export interface AccountWrites extends AccountReads {
  /** Throws StoreError "account.exists" when the login ID is taken in the organization. */
  create(input: NewAccount): Promise<AccountRecord>;
  update(
    organizationId: number,
    id: number,
    expectedVersion: number,
    changes: AccountChanges,
  ): Promise<AccountRecord>;
  /** A new password hash; null makes the current password stop working (a forced reset). */
  setPassword(organizationId: number, id: number, passwordHash: string | null): Promise<void>;
  setDisabled(organizationId: number, id: number, disabled: boolean): Promise<AccountRecord>;
}

/**
 * Sessions. Besides reads, the bookkeeping that every request or failed sign-in does (last seen,
 * failed attempts, pruning) is allowed outside a transaction: it changes nothing a page shows.
 */
export interface SessionReads {
  findByTokenHash(tokenHash: string): Promise<SignedIn | undefined>;
  listForAccount(accountId: number): Promise<SessionRecord[]>;
  touch(id: number, now: Date): Promise<void>;
  recordFailedLogin(input: {
    organizationId: number;
    loginId: string;
    address: string;
    at: Date;
  }): Promise<void>;
  countFailedLogins(input: {
    organizationId: number;
    loginId: string;
    address: string;
    since: Date;
  }): Promise<{ byLogin: number; byAddress: number }>;
  prune(input: {
    attemptsBefore: Date;
    sessionsIdleBefore: Date;
    sessionsCreatedBefore: Date;
  }): Promise<void>;
}

export interface SessionWrites extends SessionReads {
  create(input: {
    organizationId: number;
    accountId: number;
    tokenHash: string;
    now: Date;
    address: string | null;
    userAgent: string | null;
  }): Promise<number>;
  end(organizationId: number, id: number): Promise<void>;
  /** Ends every session of the account (but `except`); returns how many. */
  endAll(organizationId: number, accountId: number, except?: number): Promise<number>;
}

export interface TokenReads {
  findOneTime(tokenHash: string): Promise<OneTimeTokenRecord | undefined>;
  listApiTokens(accountId: number): Promise<ApiTokenRecord[]>;
  findApiToken(tokenHash: string): Promise<{ tokenId: number; account: SignedInAccount } | undefined>;
  /** Bookkeeping, allowed outside a transaction. */
  touchApiToken(id: number, now: Date): Promise<void>;
}

export interface TokenWrites extends TokenReads {
  createOneTime(input: {
    organizationId: number;
    accountId: number | null;
    purpose: OneTimePurpose;
    tokenHash: string;
    now: Date;
    expiresAt: Date;
  }): Promise<number>;
  useOneTime(id: number, now: Date): Promise<boolean>;
  createApiToken(input: {
    organizationId: number;
    accountId: number;
    name: string;
    tokenHash: string;
    now: Date;
  }): Promise<number>;
  revokeApiToken(organizationId: number, accountId: number, id: number, now: Date): Promise<boolean>;
}

/** What a removal takes away (`shinchoku remove`), by kind of row. */
export interface RemovalCounts {
  plans: number;
  rounds: number;
  /** 基本方針 */
  policies: number;
  initiatives: number;
  kpis: number;
  reports: number;
  kpiValues: number;
  /** Comments of the reports' threads. */
  comments: number;
  /** 公表版 (revisions). */
  publications: number;
  departments: number;
  accounts: number;
  auditEntries: number;
}

export interface RemovalOptions {
  /** Remove published revisions too (otherwise a removal that would is refused). */
  force?: boolean;
}

export interface RemovalReads {
  /**
   * What removing the round would take away: its reports, KPI values, comments and publications, and
   * the plan's initiatives, KPIs and 基本方針 that no other round shows.
   */
  roundCounts(roundId: number): Promise<RemovalCounts>;
  planCounts(planId: number): Promise<RemovalCounts>;
  organizationCounts(organizationId: number): Promise<RemovalCounts>;
}

export interface RemovalWrites extends RemovalReads {
  /**
   * Removes the round and what only it holds (see roundCounts), audited as "round.remove". Refuses
   * (StoreError "removal.published") when it has publications, unless `force`.
   */
  removeRound(roundId: number, options?: RemovalOptions): Promise<RemovalCounts>;
  /** Removes the plan with all its rounds, audited as "plan.remove"; refuses publications unless `force`. */
  removePlan(planId: number, options?: RemovalOptions): Promise<RemovalCounts>;
  /**
   * Removes the organization with every row it owns, its audit log included (nothing would be left
   * to point at); refuses publications unless `force`.
   */
  removeOrganization(organizationId: number, options?: RemovalOptions): Promise<RemovalCounts>;
}

/** The column mapping an organization last imported another city's layout with (docs/MAPPING.md). */
export interface ImportMappingRecord {
  organizationId: number;
  /** The mapping file's JSON object as saved. */
  mapping: unknown;
  version: number;
  /** ISO timestamp */
  updatedAt: string;
}

export interface ImportMappingReads {
  find(organizationId: number): Promise<ImportMappingRecord | undefined>;
}

export interface ImportMappingWrites extends ImportMappingReads {
  /** Keeps `mapping` as the organization's (replacing the one before), audited as "import-mapping.save". */
  save(organizationId: number, mapping: unknown): Promise<ImportMappingRecord>;
}

export interface StoreReads {
  readonly organizations: OrganizationReads;
  readonly plans: PlanReads;
  readonly rounds: RoundReads;
  readonly reports: ReportReads;
  readonly kpiValues: KpiValueReads;
  readonly departments: DepartmentReads;
  readonly publications: PublicationReads;
  readonly audit: AuditReads;
  readonly accounts: AccountReads;
  readonly sessions: SessionReads;
  readonly tokens: TokenReads;
  readonly comments: CommentReads;
  readonly notices: NoticeReads;
  readonly removals: RemovalReads;
  readonly planStructures: PlanStructureReads;
  readonly importMappings: ImportMappingReads;
}

/** What a transaction may do: every read, and the writes. */
export interface StoreTransaction extends StoreReads {
  readonly context: WriteContext;
  readonly organizations: OrganizationWrites;
  readonly rounds: RoundWrites;
  readonly reports: ReportWrites;
  readonly kpiValues: KpiValueWrites;
  readonly publications: PublicationWrites;
  readonly accounts: AccountWrites;
  readonly sessions: SessionWrites;
  readonly tokens: TokenWrites;
  readonly comments: CommentWrites;
  readonly notices: NoticeWrites;
  readonly removals: RemovalWrites;
  readonly departments: DepartmentWrites;
  readonly planStructures: PlanStructureWrites;
  readonly importMappings: ImportMappingWrites;
}

export interface Store extends StoreReads {
  readonly dialect: "sqlite" | "postgres";
  /** Applies pending migrations (and publishes rounds stored before publications existed). */
  migrate(): Promise<string[]>;
  close(): Promise<void>;
  /** No plan is stored. */
  isEmpty(): Promise<boolean>;

  /**
   * The store revision: a number that changes whenever a committed write changes what this store
   * returns, whichever process made it (`shinchoku import` beside a running server included). It
   * does not change when a write is refused or rolls back. Compare it for equality only. One
   * trivial query.
   */
  revision(): Promise<number>;
  /** Each organization's public revision (moves with its publications and its name). */
  publicRevisions(): Promise<PublicRevisions>;

  /**
   * Calls `listener` with the notices a transaction wrote, after it has committed (never for one
   * that rolled back). The listener must not throw; it runs outside any transaction (e-mail:
   * src/server/notices/mailer.ts). Returns the function that removes it.
   */
  onNoticesCommitted(listener: (notices: readonly NoticeWritten[]) => void): () => void;

  /**
   * Runs `work` in one database transaction: the store revision is bumped first, every write appends
   * its audit entry with `context.actor`, and anything thrown rolls all of it back.
   */
  transaction<T>(context: WriteContext, work: (tx: StoreTransaction) => Promise<T>): Promise<T>;
}

/** An initiative across the fiscal years published, for the initiative page (built from publications). */
export interface KpiHistory {
  id: number;
  name: string;
  /** As written under this initiative (marker included when relisted). */
  label: string;
  relisted: boolean;
  baseline: KpiValue;
  target: KpiValue;
  /** 現状値 per published fiscal year, oldest first. */
  values: { fiscalYear: number; value: KpiValue }[];
  /** The other initiatives that list the same KPI (再掲 links), by number (`numberText`: as written). */
  alsoListedIn: { initiativeNumber: number; numberText?: string; title: string; relisted: boolean }[];
}

export interface InitiativeReport {
  fiscalYear: number;
  activities: string;
  grade: Grade | null;
  /** 対象外: not graded that year by decision. */
  notAssessed?: true;
  /** The scale the grade is on (the plan's, as that year's publication gave it). */
  gradeScale: GradeScale;
  committeeOpinion: string;
  nextYearGoal: string;
}

export interface InitiativeHistory {
  plan: PlanRecord;
  policy: { code: string; title: string };
  number: number;
  /** The No. as written, when it is not `number` ("1-2", "No.R1-1"). */
  numberText?: string;
  title: string;
  departments: string[];
  description: string;
  kpis: KpiHistory[];
  reports: InitiativeReport[];
}
