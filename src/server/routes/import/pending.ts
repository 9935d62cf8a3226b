import { randomBytes } from "node:crypto";
import { mkdirSync } from "node:fs";
import { readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * Uploaded files waiting between their preview and the secretariat's confirmation, kept on the
 * server (never sent back and forth through the form): a file and a small JSON record beside it,
 * named by a random id. The confirmation form carries the id only; an id is found only by the
 * account of the organization that uploaded it, and only until it expires. Files live in one
 * directory of the machine's temporary folder (mode 0700), so several server processes on one
 * machine share them; a confirmation is always checked against the store again.
 */
export interface PendingUpload {
  id: string;
  organizationId: number;
  accountId: number;
  fileName: string;
  size: number;
  /** ISO timestamps. */
  createdAt: string;
  expiresAt: string;
  /** The column mapping chosen in the builder (JSON as `--mapping` reads it), once there is one. */
  mapping?: unknown;
}

const ID = /^[A-Za-z0-9_-]{32}$/;

/** An hour: long enough to read a preview and fix a mapping, short enough not to pile up. */
export const PENDING_LIFETIME_MS = 60 * 60 * 1000;

export class PendingUploads {
  private readonly dir: string;

  constructor(
    dir = join(tmpdir(), "shinchoku-uploads"),
    private readonly lifetimeMs = PENDING_LIFETIME_MS,
  ) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    this.dir = dir;
  }

  private paths(id: string) {
    return { bytes: join(this.dir, `${id}.bin`), record: join(this.dir, `${id}.json`) };
  }

  async put(
    input: { organizationId: number; accountId: number; fileName: string; bytes: Uint8Array },
    now: Date,
  ): Promise<PendingUpload> {
    await this.sweep().catch(() => {});
    const id = randomBytes(24).toString("base64url");
    const record: PendingUpload = {
      id,
      organizationId: input.organizationId,
      accountId: input.accountId,
      fileName: input.fileName,
      size: input.bytes.length,
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + this.lifetimeMs).toISOString(),
    };
    const paths = this.paths(id);
    await writeFile(paths.bytes, input.bytes, { mode: 0o600 });
    await writeFile(paths.record, JSON.stringify(record), { mode: 0o600 });
    return record;
  }

  /** The upload, when it is this account's, of this organization, and not expired. */
  async get(
    id: string,
    owner: { organizationId: number; accountId: number },
    now: Date,
  ): Promise<{ record: PendingUpload; bytes: Uint8Array } | undefined> {
    if (!ID.test(id)) return undefined;
    const paths = this.paths(id);
    let record: PendingUpload;
    try {
      record = JSON.parse(await readFile(paths.record, "utf8")) as PendingUpload;
    } catch {
      return undefined;
    }
    if (record.organizationId !== owner.organizationId || record.accountId !== owner.accountId)
      return undefined;
    if (Date.parse(record.expiresAt) <= now.getTime()) {
      await this.remove(id);
      return undefined;
    }
    try {
      return { record, bytes: new Uint8Array(await readFile(paths.bytes)) };
    } catch {
      return undefined;
    }
  }

  async update(record: PendingUpload): Promise<void> {
    await writeFile(this.paths(record.id).record, JSON.stringify(record), { mode: 0o600 });
  }

  async remove(id: string): Promise<void> {
    if (!ID.test(id)) return;
    const paths = this.paths(id);
    await rm(paths.record, { force: true });
    await rm(paths.bytes, { force: true });
  }

  /**
   * Removes what has expired, by the file's age on the machine's clock (not the app's, which tests
   * move): a record that cannot be read goes too.
   */
  async sweep(now = Date.now()): Promise<void> {
    for (const name of await readdir(this.dir)) {
      const path = join(this.dir, name);
      const info = await stat(path).catch(() => undefined);
      if (info && info.mtimeMs + this.lifetimeMs <= now) await rm(path, { force: true });
    }
  }
}
