/**
 * What went wrong with the database, in one line a person can act on (Japanese / English), for the
 * commands and the server's start-up: a stack trace or a driver's internal wording ("cannot rollback -
 * no transaction is active") never reaches the user. The driver's own message follows in brackets so
 * that an administrator can still look it up.
 */

interface Cause {
  ja: string;
  en: string;
}

const SQLITE: Record<string, Cause> = {
  SQLITE_BUSY: {
    ja: "ほかの処理がデータベースを使用中です（ロックされています）。しばらくしてからやり直してください",
    en: "the database is locked by another process; try again later",
  },
  SQLITE_LOCKED: {
    ja: "ほかの処理がデータベースを使用中です（ロックされています）。しばらくしてからやり直してください",
    en: "the database is locked by another process; try again later",
  },
  SQLITE_FULL: {
    ja: "ディスクがいっぱいで書き込めません。空きを作ってからやり直してください",
    en: "the disk is full; free some space and try again",
  },
  SQLITE_READONLY: {
    ja: "データベースが読み取り専用のため書き込めません",
    en: "the database is read-only",
  },
  SQLITE_CANTOPEN: {
    ja: "データベースのファイルを使えません（場所と権限を確かめてください）",
    en: "cannot open the database file (check its path and permissions)",
  },
  SQLITE_NOTADB: {
    ja: "このファイルは SQLite のデータベースではありません",
    en: "the file is not a SQLite database",
  },
  SQLITE_CORRUPT: {
    ja: "データベースのファイルが壊れています。バックアップから戻してください",
    en: "the database file is damaged; restore it from a backup",
  },
  SQLITE_IOERR: {
    ja: "データベースのファイルに書き込めません（ディスクの空きやファイルの大きさの上限を確かめてください）",
    en: "cannot write the database file (check free disk space and file size limits)",
  },
};

const SYSTEM: Record<string, Cause> = {
  ECONNREFUSED: {
    ja: "データベースのサーバーに接続できません（起動しているか、ホストとポートを確かめてください）",
    en: "connection refused (is the database server running? check host and port)",
  },
  ENOTFOUND: {
    ja: "データベースのサーバーのホスト名が見つかりません",
    en: "the database host name was not found",
  },
  ETIMEDOUT: {
    ja: "データベースのサーバーが時間内に応答しません",
    en: "the database server did not answer in time",
  },
  ECONNRESET: {
    ja: "データベースのサーバーが接続を切りました",
    en: "the database server closed the connection",
  },
  ENOSPC: {
    ja: "ディスクがいっぱいで書き込めません。空きを作ってからやり直してください",
    en: "the disk is full; free some space and try again",
  },
  EFBIG: {
    ja: "ファイルの大きさの上限を超えるため書き込めません",
    en: "the file size limit was reached",
  },
  EACCES: {
    ja: "データベースの場所に書き込む権限がありません",
    en: "no permission to write where the database is",
  },
  EROFS: {
    ja: "データベースの場所が読み取り専用のファイルシステムです",
    en: "the database is on a read-only file system",
  },
};

/** PostgreSQL's SQLSTATE classes and codes (https://www.postgresql.org/docs/current/errcodes-appendix.html). */
const POSTGRES: Record<string, Cause> = {
  "57014": {
    ja: "データベースの処理が時間の上限（データベースの URL の「statement_timeout」）を超えたため取り消されました",
    en: "the statement ran longer than statement_timeout and was cancelled",
  },
  "53100": {
    ja: "データベースのサーバーのディスクがいっぱいです",
    en: "the database server's disk is full",
  },
  "53200": { ja: "データベースのサーバーのメモリが足りません", en: "the database server is out of memory" },
  "53300": {
    ja: "データベースのサーバーの接続数が上限に達しています",
    en: "the database server has too many connections",
  },
  "28P01": {
    ja: "データベースの認証に失敗しました（ユーザー名とパスワードを確かめてください）",
    en: "authentication failed (check the user name and password)",
  },
  "28000": { ja: "データベースへの接続が許可されていません", en: "the connection is not authorized" },
  "3D000": { ja: "指定したデータベースがありません", en: "the database does not exist" },
  "42501": { ja: "データベースの権限が足りません", en: "insufficient privileges in the database" },
  "25006": { ja: "データベースが読み取り専用です", en: "the database is read-only" },
  "40P01": {
    ja: "ほかの処理と競合しました（デッドロック）。やり直してください",
    en: "deadlock with another transaction; try again",
  },
  "40001": { ja: "ほかの処理と競合しました。やり直してください", en: "serialization failure; try again" },
  "55P03": {
    ja: "ほかの処理がデータを使用中です（ロックされています）。しばらくしてからやり直してください",
    en: "the data is locked by another transaction; try again later",
  },
  "57P01": { ja: "データベースのサーバーが停止しました", en: "the database server shut down" },
  "57P03": {
    ja: "データベースのサーバーが接続を受け付けられる状態ではありません",
    en: "the database server cannot accept connections now",
  },
};

const TIMEOUT: Cause = {
  ja: "データベースのサーバーが時間内に応答しません（接続先と、サーバーが動いているかを確かめてください）",
  en: "the database server did not answer in time (check the address and that the server is running)",
};

function causeOf(error: unknown): Cause | undefined {
  if (!(error instanceof Error)) return undefined;
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string") {
    if (code.startsWith("SQLITE_")) {
      return SQLITE[code] ?? SQLITE[code.split("_").slice(0, 2).join("_")];
    }
    if (SYSTEM[code]) return SYSTEM[code];
    if (POSTGRES[code]) return POSTGRES[code];
  }
  // pg reports its own timeouts without a code.
  if (/timeout expired|connection timeout|Query read timeout/i.test(error.message)) return TIMEOUT;
  if (/Connection terminated unexpectedly/i.test(error.message)) return SYSTEM.ECONNRESET;
  const cause = (error as { cause?: unknown }).cause;
  return cause ? causeOf(cause) : undefined;
}

function firstLine(text: string): string {
  return text.split("\n", 1)[0]?.trim() ?? "";
}

/**
 * One line: the cause in Japanese / English, then the driver's message and code in brackets, e.g.
 * "ほかの処理がデータベースを使用中です… / the database is locked… (SQLITE_BUSY: database is locked)".
 * An error that is not recognized keeps its own message.
 */
export function describeDatabaseError(error: unknown): string {
  const message = error instanceof Error ? firstLine(error.message) : firstLine(String(error));
  const code = error instanceof Error ? (error as { code?: unknown }).code : undefined;
  const detail = typeof code === "string" && code !== "" ? `${code}: ${message}` : message;
  const cause = causeOf(error);
  if (!cause) return detail;
  return `${cause.ja} / ${cause.en} (${detail})`;
}
