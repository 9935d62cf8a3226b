import { isoTimestamp, type Scope, writerOf } from "./scope.ts";
import type { NoticeKind, NoticeRecord, NoticeWrites } from "./types.ts";

/** Report states that still wait for the department (not yet submitted). */
const OUTSTANDING = ["notStarted", "inProgress", "returned"] as const;

/** A round whose entry deadline falls in a window, with what its departments still owe. */
export interface DeadlineRound {
  roundId: number;
  organizationId: number;
  fiscalYear: number;
  entryDeadline: string;
}

/**
 * In-app notices (お知らせ) of each account. Written with the change they announce, in its
 * transaction; the change itself is what the audit log records.
 */
export class Notices implements NoticeWrites {
  constructor(private readonly scope: Scope) {}

  async list(
    accountId: number,
    options: { unreadOnly?: boolean; limit?: number } = {},
  ): Promise<NoticeRecord[]> {
    const rows = await this.scope.db
      .selectFrom("notification")
      .select(["id", "account_id", "kind", "round_id", "report_id", "params", "created_at", "read_at"])
      .where("account_id", "=", accountId)
      .$if(options.unreadOnly === true, (q) => q.where("read_at", "is", null))
      .orderBy("id", "desc")
      .limit(options.limit ?? 50)
      .execute();
    return rows.map((row) => ({
      id: row.id,
      accountId: row.account_id,
      kind: row.kind as NoticeKind,
      roundId: row.round_id,
      reportId: row.report_id,
      params: this.scope.dialect.readJson<Record<string, string | number>>(row.params),
      createdAt: isoTimestamp(row.created_at),
      read: row.read_at !== null,
    }));
  }

  async notify(
    notices: {
      organizationId: number;
      accountId: number;
      kind: NoticeKind;
      roundId?: number;
      reportId?: number;
      params?: Record<string, string | number>;
    }[],
  ): Promise<void> {
    writerOf(this.scope);
    if (notices.length === 0) return;
    this.scope.noticesWritten?.push(
      ...notices.map((n) => ({
        organizationId: n.organizationId,
        accountId: n.accountId,
        kind: n.kind,
        roundId: n.roundId ?? null,
        reportId: n.reportId ?? null,
        params: n.params ?? {},
      })),
    );
    await this.scope.db
      .insertInto("notification")
      .values(
        notices.map((n) => ({
          organization_id: n.organizationId,
          account_id: n.accountId,
          kind: n.kind,
          round_id: n.roundId ?? null,
          report_id: n.reportId ?? null,
          params: JSON.stringify(n.params ?? {}),
        })),
      )
      .execute();
  }

  async markRead(accountId: number, ids: readonly number[] | "all"): Promise<void> {
    writerOf(this.scope);
    if (ids !== "all" && ids.length === 0) return;
    await this.scope.db
      .updateTable("notification")
      .set({ read_at: new Date().toISOString() })
      .where("account_id", "=", accountId)
      .where("read_at", "is", null)
      .$if(ids !== "all", (q) => q.where("id", "in", ids as number[]))
      .execute();
  }

  /** Rounds open for entry (入力中) whose entry deadline is between two ISO dates, inclusive. */
  async roundsWithDeadline(from: string, to: string): Promise<DeadlineRound[]> {
    const rows = await this.scope.db
      .selectFrom("reporting_round")
      .select(["id", "organization_id", "fiscal_year", "entry_deadline"])
      .where("state", "=", "entry")
      .where("entry_deadline", ">=", from)
      .where("entry_deadline", "<=", to)
      .orderBy("id")
      .execute();
    return rows.map((row) => ({
      roundId: row.id,
      organizationId: row.organization_id,
      fiscalYear: row.fiscal_year,
      entryDeadline: String(row.entry_deadline),
    }));
  }

  /** The round's reports not yet submitted, each with its initiative's departments (関係課). */
  async outstandingReports(roundId: number): Promise<{ reportId: number; departmentIds: number[] }[]> {
    const rows = await this.scope.db
      .selectFrom("report")
      .leftJoin("initiative_department", "initiative_department.initiative_id", "report.initiative_id")
      .select(["report.id as reportId", "initiative_department.department_id as departmentId"])
      .where("report.round_id", "=", roundId)
      .where("report.state", "in", [...OUTSTANDING])
      .orderBy("report.id")
      .execute();
    const reports = new Map<number, number[]>();
    for (const row of rows) {
      const departments = reports.get(row.reportId) ?? [];
      if (row.departmentId !== null) departments.push(row.departmentId);
      reports.set(row.reportId, departments);
    }
    return [...reports].map(([reportId, departmentIds]) => ({ reportId, departmentIds }));
  }

  /** The accounts that already have a notice of this kind about this round. */
  async notifiedAbout(roundId: number, kind: NoticeKind): Promise<Set<number>> {
    const rows = await this.scope.db
      .selectFrom("notification")
      .select("account_id")
      .where("round_id", "=", roundId)
      .where("kind", "=", kind)
      .execute();
    return new Set(rows.map((row) => row.account_id));
  }
}
