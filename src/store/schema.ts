import type { ColumnType, Generated } from "kysely";

/**
 * Row types of the tables as Kysely sees them. Values that the two databases return differently
 * (booleans, JSON, timestamps) are typed loosely here and normalized by src/store/dialect.ts.
 */

type Id = Generated<number>;
/** SQLite returns JSON as text, PostgreSQL (jsonb) as a parsed value; always written as text. */
type Json = ColumnType<unknown, string, string>;
type NullableJson = ColumnType<unknown, string | null | undefined, string | null>;
/** SQLite stores 0/1, PostgreSQL a boolean. */
type Bool = ColumnType<boolean | number, boolean | number, boolean | number>;
type Timestamp = ColumnType<Date | string, string | undefined, string>;
/** Optimistic concurrency: bumped on every change of an editable record. */
type Version = ColumnType<number, number | undefined, number>;
type NullableTimestamp = ColumnType<Date | string | null, string | null | undefined, string | null>;

export interface OrganizationTable {
  id: Id;
  slug: string;
  name: string;
  created_at: Timestamp;
  /** Moves when what the public sees of the organization changes (see revision.ts). */
  public_revision: ColumnType<number, number | undefined, number>;
  /** 全国地方公共団体コード (6 digits), when known (migration 2026_12_02_101). */
  local_government_code: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface PlanTable {
  id: Id;
  organization_id: number;
  title: string;
  start_fiscal_year: number;
  end_fiscal_year: number;
  baseline_fiscal_year: number | null;
  version: Version;
  /** GradeLevel[] (JSON), best first; NULL: the default A–D scale (migration 2026_12_02_101). */
  grade_scale: NullableJson;
  /** Whether the plan's scale has 対象外 (migration 2026_12_02_203). */
  not_assessed_allowed: ColumnType<boolean | number, boolean | number | undefined, boolean | number>;
}

export interface PolicyTable {
  id: Id;
  organization_id: number;
  plan_id: number;
  position: number;
  code: string;
  title: string;
  version: Version;
}

export interface InitiativeTable {
  id: Id;
  organization_id: number;
  plan_id: number;
  policy_id: number;
  /** The key: a whole number unique in the plan (the address /…/initiatives/:number). */
  number: number;
  /** The No. as written when it is not the key (migration 2026_12_02_201); NULL: the key is written. */
  number_text: ColumnType<string | null, string | null | undefined, string | null>;
  title: string;
  description: string;
  version: Version;
  /** Place in the plan under its 基本方針 (migration 2026_12_02_203); NULL: by number. */
  position: ColumnType<number | null, number | null | undefined, number | null>;
  /** 廃止: left out of rounds opened from now on (migration 2026_12_02_203). */
  retired: ColumnType<boolean | number, boolean | number | undefined, boolean | number>;
  /** Who last set `retired`: 'import' (default) or 'editor' (migration 2026_12_02_205). */
  retired_source: ColumnType<string, string | undefined, string>;
}

export interface DepartmentTable {
  id: Id;
  organization_id: number;
  name: string;
  version: Version;
  /** No longer offered for new rounds or accounts (migration 2026_12_02_202). */
  retired_at: NullableTimestamp;
  /** The department it was merged into (統合先), when it went by a merge. */
  merged_into_id: ColumnType<number | null, number | null | undefined, number | null>;
}

export interface InitiativeDepartmentTable {
  organization_id: number;
  initiative_id: number;
  department_id: number;
  position: number;
  lead: Bool;
}

export interface KpiTable {
  id: Id;
  organization_id: number;
  plan_id: number;
  name: string;
  baseline_text: string;
  baseline: Json;
  baseline_numeric: number | null;
  target_text: string;
  target: Json;
  target_numeric: number | null;
  version: Version;
  /** 廃止: left out of rounds opened from now on (migration 2026_12_02_203). */
  retired: ColumnType<boolean | number, boolean | number | undefined, boolean | number>;
  /** Who last set `retired`: 'import' (default) or 'editor' (migration 2026_12_02_205). */
  retired_source: ColumnType<string, string | undefined, string>;
}

export interface InitiativeKpiTable {
  organization_id: number;
  initiative_id: number;
  kpi_id: number;
  position: number;
  label: string;
  relisted: Bool;
}

export interface ReportingRoundTable {
  id: Id;
  organization_id: number;
  plan_id: number;
  fiscal_year: number;
  /** ISO date */
  as_of: string;
  title: string | null;
  /** The summary printed in the source (GradeSummary as JSON), when there was one. */
  declared_grades: NullableJson;
  /** The municipality's name as the imported document gave it, if it did. */
  source_organization_name: string | null;
  version: Version;
  /** RoundState (src/domain/workflow-states.ts). */
  state: ColumnType<string, string | undefined, string>;
  /** Moves with every write to the round's reports and KPI values (draft caches key on it). */
  content_revision: ColumnType<number, number | undefined, number>;
  /** The date departments are asked to submit by (ISO date). */
  entry_deadline: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface KpiValueTable {
  id: Id;
  organization_id: number;
  kpi_id: number;
  round_id: number;
  fiscal_year: number;
  text: string;
  kind: string;
  parsed: Json;
  /** For sorting and charts: yen for money, else the number as written. */
  numeric_value: number | null;
  version: Version;
}

export interface ReportTable {
  id: Id;
  organization_id: number;
  initiative_id: number;
  round_id: number;
  activities: string;
  /** A code of the plan's grade scale (checked by the application). */
  grade: string | null;
  /** 対象外: not graded this year by decision (grade NULL). */
  not_assessed: ColumnType<boolean | number, boolean | number | undefined, boolean | number>;
  committee_opinion: string;
  next_year_goal: string;
  /**
   * The initiative as this round's table showed it (migration 2026_11_25_003); NULL in rows
   * written before, which read the shared initiative row instead.
   */
  policy_id: ColumnType<number | null, number | null | undefined, number | null>;
  /** 1-based place of the initiative in the round's table. */
  position: ColumnType<number | null, number | null | undefined, number | null>;
  title: ColumnType<string | null, string | null | undefined, string | null>;
  description: ColumnType<string | null, string | null | undefined, string | null>;
  /** 関係課 names in order, as JSON. */
  departments: NullableJson;
  version: Version;
  /** ReportState (src/domain/workflow-states.ts). */
  state: ColumnType<string, string | undefined, string>;
  /** NULL while the report is as imported; set by every write through the workflow. */
  updated_at: ColumnType<Date | string | null, string | null | undefined, string | null>;
  updated_by_account_id: ColumnType<number | null, number | null | undefined, number | null>;
  /** The department's own view (A–D), shown to the committee, never published. */
  self_grade: ColumnType<string | null, string | null | undefined, string | null>;
  self_grade_reason: ColumnType<string, string | undefined, string>;
  submitted_at: NullableTimestamp;
  submitted_by_account_id: ColumnType<number | null, number | null | undefined, number | null>;
}

export interface ReportCommentTable {
  id: Id;
  organization_id: number;
  report_id: number;
  account_id: number | null;
  author_name: string;
  /** "comment" | "return" | "accept" | "correction" */
  kind: string;
  body: string;
  created_at: Timestamp;
}

export interface NotificationTable {
  id: Id;
  organization_id: number;
  account_id: number;
  /** NoticeKind */
  kind: string;
  round_id: number | null;
  report_id: number | null;
  params: Json;
  created_at: Timestamp;
  read_at: NullableTimestamp;
}

/** One KPI line of one round's table, as imported (the shared kpi row holds the latest year's). */
export interface RoundKpiTable {
  organization_id: number;
  round_id: number;
  initiative_id: number;
  kpi_id: number;
  position: number;
  label: string;
  relisted: Bool;
  name: string;
  baseline_text: string;
  baseline: Json;
  target_text: string;
  target: Json;
}

export interface AccountTable {
  id: Id;
  organization_id: number;
  /** Normalized (NFKC, trimmed, lower case): 職員番号 or e-mail. */
  login_id: string;
  display_name: string;
  email: string | null;
  /** argon2id (PHC string); NULL until the person sets a password through a one-time URL. */
  password_hash: string | null;
  password_changed_at: NullableTimestamp;
  disabled_at: NullableTimestamp;
  created_at: Timestamp;
  version: Version;
}

export interface AccountRoleTable {
  id: Id;
  organization_id: number;
  account_id: number;
  /** RoleName (src/domain/permissions.ts) */
  role: string;
  /** The department an editor role is bound to; NULL for other roles. */
  department_id: number | null;
}

export interface SessionTable {
  id: Id;
  organization_id: number;
  account_id: number;
  /** SHA-256 of the token, base64url; the token itself is only in the cookie. */
  token_hash: string;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  address: string | null;
  user_agent: string | null;
}

export interface OneTimeTokenTable {
  id: Id;
  organization_id: number;
  account_id: number | null;
  /** "setup" | "invite" | "reset" */
  purpose: string;
  token_hash: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  used_at: NullableTimestamp;
}

export interface ApiTokenTable {
  id: Id;
  organization_id: number;
  account_id: number;
  name: string;
  token_hash: string;
  created_at: Timestamp;
  last_used_at: NullableTimestamp;
  revoked_at: NullableTimestamp;
}

export interface LoginAttemptTable {
  id: Id;
  organization_id: number;
  login_id: string;
  address: string;
  at: Timestamp;
}

export interface AuditLogTable {
  id: Id;
  organization_id: number;
  at: Timestamp;
  actor_account_id: number | null;
  action: string;
  entity: string;
  entity_id: number | null;
  before: NullableJson;
  after: NullableJson;
  /** An actor that is not an account: "shinchoku import", "sample". */
  actor_name: ColumnType<string | null, string | null | undefined, string | null>;
}

/** 公表版: immutable (triggers refuse UPDATE and DELETE). */
export interface PublicationTable {
  id: Id;
  organization_id: number;
  plan_id: number;
  round_id: number;
  fiscal_year: number;
  /** 第n版, from 1 per round. */
  revision: number;
  /** PublicationSource */
  source: string;
  reason: string | null;
  published_at: Timestamp;
  published_by_account_id: number | null;
  published_by_name: string | null;
  plan_title: string;
  start_fiscal_year: number;
  end_fiscal_year: number;
  baseline_fiscal_year: number | null;
  as_of: string;
  title: string | null;
  grade_a: number;
  grade_b: number;
  grade_c: number;
  grade_d: number;
  /** The plan's GradeLevel[] when not the default (NULL in publications made before 2026_12_02_101). */
  grade_scale: NullableJson;
  /** GradeSummary by code (NULL in publications made before 2026_12_02_101: read grade_a…d). */
  grade_counts: NullableJson;
  initiative_count: number;
  /** The plan document (PlanDocument) as published. */
  document: Json;
  /** RoundLinks: the store ids behind the document's initiative numbers and KPI keys. */
  links: Json;
}

/** One row (id 1): the number every write transaction changes; see Store.revision(). */
export interface StoreRevisionTable {
  id: number;
  /** bigint on PostgreSQL, read back as a number (src/store/dialect.ts). */
  revision: number;
}

/** The column mapping an organization last imported another city's layout with (JSON text). */
export interface ImportMappingTable {
  id: Id;
  organization_id: number;
  mapping: string;
  version: ColumnType<number, number | undefined, number>;
  updated_at: Timestamp;
  updated_by_account_id: number | null;
}

export interface Database {
  organization: OrganizationTable;
  plan: PlanTable;
  policy: PolicyTable;
  initiative: InitiativeTable;
  department: DepartmentTable;
  initiative_department: InitiativeDepartmentTable;
  kpi: KpiTable;
  initiative_kpi: InitiativeKpiTable;
  reporting_round: ReportingRoundTable;
  kpi_value: KpiValueTable;
  report: ReportTable;
  round_kpi: RoundKpiTable;
  account: AccountTable;
  account_role: AccountRoleTable;
  session: SessionTable;
  one_time_token: OneTimeTokenTable;
  api_token: ApiTokenTable;
  login_attempt: LoginAttemptTable;
  report_comment: ReportCommentTable;
  notification: NotificationTable;
  audit_log: AuditLogTable;
  publication: PublicationTable;
  store_revision: StoreRevisionTable;
  import_mapping: ImportMappingTable;
}
