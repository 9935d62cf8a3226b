import { type AuditInput, accountIdOf, isoTimestamp, type Scope, type Writer } from "./scope.ts";
import type { Actor, AuditEntryRecord, AuditReads } from "./types.ts";

/** The audit log (監査記録): append-only; the database refuses UPDATE and DELETE on it. */
export class AuditLog implements AuditReads {
  constructor(private readonly scope: Scope) {}

  async list(
    organizationId: number,
    filter: { entity?: string; entityId?: number; limit?: number } = {},
  ): Promise<AuditEntryRecord[]> {
    const { db, dialect } = this.scope;
    const rows = await db
      .selectFrom("audit_log")
      .leftJoin("account", "account.id", "audit_log.actor_account_id")
      .select([
        "audit_log.id",
        "audit_log.organization_id",
        "audit_log.at",
        "audit_log.actor_account_id",
        "audit_log.actor_name",
        "account.display_name",
        "audit_log.action",
        "audit_log.entity",
        "audit_log.entity_id",
        "audit_log.before",
        "audit_log.after",
      ])
      .where("audit_log.organization_id", "=", organizationId)
      .$if(filter.entity !== undefined, (q) => q.where("audit_log.entity", "=", filter.entity as string))
      .$if(filter.entityId !== undefined, (q) =>
        q.where("audit_log.entity_id", "=", filter.entityId as number),
      )
      .orderBy("audit_log.id", "desc")
      .limit(filter.limit ?? 1000)
      .execute();
    return rows.map((row) => ({
      id: row.id,
      organizationId: row.organization_id,
      at: isoTimestamp(row.at),
      actorAccountId: row.actor_account_id,
      actorName: row.display_name ?? row.actor_name,
      action: row.action,
      entity: row.entity,
      entityId: row.entity_id,
      before: row.before === null ? null : dialect.readJson(row.before),
      after: row.after === null ? null : dialect.readJson(row.after),
    }));
  }
}

/** The writer of one transaction: every audit entry it appends names the transaction's actor. */
export function auditWriter(scope: Omit<Scope, "writer">, actor: Actor): Writer {
  return {
    actor,
    async audit(entry: AuditInput) {
      await scope.db
        .insertInto("audit_log")
        .values({
          organization_id: entry.organizationId,
          actor_account_id: accountIdOf(actor),
          // The name at the time of the write: an account renamed later still shows who it was.
          actor_name: actor.name,
          action: entry.action,
          entity: entry.entity,
          entity_id: entry.entityId,
          before: entry.before === undefined ? null : JSON.stringify(entry.before),
          after: entry.after === undefined ? null : JSON.stringify(entry.after),
        })
        .execute();
    },
  };
}
