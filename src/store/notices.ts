import { isoTimestamp, type Scope, writerOf } from "./scope.ts";
import type { NoticeKind, NoticeRecord, NoticeWrites } from "./types.ts";

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
}
