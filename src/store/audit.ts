import { type AuditInput, accountIdOf, isoTimestamp, type Scope, type Writer } from "./scope.ts";
import type { Actor, AuditEntryRecord, AuditReads } from "./types.ts";

/** The audit log (監査記録): append-only; the database refuses UPDATE and DELETE on it. */
export class AuditLog implements AuditReads {
  constructor(private readonly scope: Scope) {}

  async list(
    organizationId: number,
    filter: { entity?: string; entityId?: number; limit?: number } = {},
  ): Promise<AuditEntryRecord[]> {
    const rows = await this.select(organizationId)
      .$if(filter.entity !== undefined, (q) => q.where("audit_log.entity", "=", filter.entity as string))
      .$if(filter.entityId !== undefined, (q) =>
        q.where("audit_log.entity_id", "=", filter.entityId as number),
      )
      .orderBy("audit_log.id", "desc")
      .limit(filter.limit ?? 1000)
      .execute();
    return this.records(rows);
  }

  async listFor(
    organizationId: number,
    targets: readonly { entity: string; ids: readonly number[] }[],
    limit = 100_000,
  ): Promise<AuditEntryRecord[]> {
    const wanted = targets.filter((t) => t.ids.length > 0);
    if (wanted.length === 0) return [];
    const rows = await this.select(organizationId)
      .where((eb) =>
        eb.or(
          wanted.map((t) =>
            eb.and([eb("audit_log.entity", "=", t.entity), eb("audit_log.entity_id", "in", [...t.ids])]),
          ),
        ),
      )
      .orderBy("audit_log.id", "desc")
      .limit(limit)
      .execute();
    return this.records(rows);
  }

  private select(organizationId: number) {
    return this.scope.db
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
      .where("audit_log.organization_id", "=", organizationId);
  }

  private records(rows: Awaited<ReturnType<ReturnType<AuditLog["select"]>["execute"]>>): AuditEntryRecord[] {
    const { dialect } = this.scope;
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
