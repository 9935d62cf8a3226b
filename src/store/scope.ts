import type { Kysely } from "kysely";
import type { StoreDialect } from "./dialect.ts";
import type { Database } from "./schema.ts";
import { type Actor, type NoticeWritten, StoreError } from "./types.ts";

/**
 * What a resource of the store works with: the connection (or the transaction it runs in), the
 * dialect's capabilities, and — inside `store.transaction` only — the audit writer that every write
 * goes through. A write outside a transaction is a programming error, refused at once.
 */
export interface Scope {
  readonly db: Kysely<Database>;
  readonly dialect: StoreDialect;
  readonly writer?: Writer;
  /** Inside a transaction: the notices it wrote, handed to the store's listeners after commit. */
  readonly noticesWritten?: NoticeWritten[];
}

export interface AuditInput {
  organizationId: number;
  /** "<entity>.<verb>", e.g. "report.update" */
  action: string;
  entity: string;
  entityId: number | null;
  before?: unknown;
  after?: unknown;
}

/** The write side of a transaction: who is writing, and the audit entry every write appends. */
export interface Writer {
  readonly actor: Actor;
  audit(entry: AuditInput): Promise<void>;
}

export function writerOf(scope: Scope): Writer {
  if (!scope.writer) {
    throw new StoreError("write.outside-transaction", "書き込みは store.transaction の中でだけ行えます。");
  }
  return scope.writer;
}

export function accountIdOf(actor: Actor): number | null {
  return actor.kind === "account" ? actor.accountId : null;
}

/** Timestamps come back as Date from PostgreSQL and as ISO text from SQLite. */
export function isoTimestamp(value: Date | string): string {
  return typeof value === "string" ? value : value.toISOString();
}
