import { storeErrors } from "./messages.ts";
import { accountIdOf, isoTimestamp, type Scope, writerOf } from "./scope.ts";
import type { CommentKind, CommentRecord, CommentWrites } from "./types.ts";

/** The thread on a report between the secretariat and the department; kept with the report. */
export class Comments implements CommentWrites {
  constructor(private readonly scope: Scope) {}

  async list(reportId: number): Promise<CommentRecord[]> {
    const rows = await this.scope.db
      .selectFrom("report_comment")
      .select(["id", "report_id", "account_id", "author_name", "kind", "body", "created_at"])
      .where("report_id", "=", reportId)
      .orderBy("id")
      .execute();
    return rows.map((row) => ({
      id: row.id,
      reportId: row.report_id,
      accountId: row.account_id,
      authorName: row.author_name,
      kind: row.kind as CommentKind,
      body: row.body,
      createdAt: isoTimestamp(row.created_at),
    }));
  }

  async add(input: { reportId: number; kind: CommentKind; body: string }): Promise<CommentRecord> {
    const writer = writerOf(this.scope);
    const report = await this.scope.db
      .selectFrom("report")
      .select("organization_id")
      .where("id", "=", input.reportId)
      .executeTakeFirst();
    if (!report) throw storeErrors.notFound("報告");
    const { id } = await this.scope.db
      .insertInto("report_comment")
      .values({
        organization_id: report.organization_id,
        report_id: input.reportId,
        account_id: accountIdOf(writer.actor),
        author_name: writer.actor.name,
        kind: input.kind,
        body: input.body,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await writer.audit({
      organizationId: report.organization_id,
      action: `comment.${input.kind}`,
      entity: "report",
      entityId: input.reportId,
      after: { body: input.body },
    });
    const [comment] = (await this.list(input.reportId)).filter((c) => c.id === id);
    if (!comment) throw storeErrors.notFound("コメント");
    return comment;
  }
}
