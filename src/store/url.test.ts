import { describe, expect, it } from "vitest";
import {
  DatabaseUrlError,
  DEFAULT_BUSY_TIMEOUT_MS,
  DEFAULT_DATABASE_URL,
  DEFAULT_STATEMENT_TIMEOUT_MS,
  databaseUrlProblem,
  parseDatabaseUrl,
  redactDatabaseUrl,
} from "./url.ts";

describe("parseDatabaseUrl", () => {
  it.each([
    ["sqlite::memory:", { kind: "sqlite", path: ":memory:" }],
    [":memory:", { kind: "sqlite", path: ":memory:" }],
    ["sqlite:./data/x.db", { kind: "sqlite", path: "./data/x.db" }],
    ["sqlite://data/x.db", { kind: "sqlite", path: "data/x.db" }],
    ["sqlite:///var/lib/shinchoku.db", { kind: "sqlite", path: "/var/lib/shinchoku.db" }],
    ["./data/x.db", { kind: "sqlite", path: "./data/x.db" }],
    ["/var/lib/shinchoku.db", { kind: "sqlite", path: "/var/lib/shinchoku.db" }],
    ["C:\\data\\x.db", { kind: "sqlite", path: "C:\\data\\x.db" }],
    ["postgres://u@db/shinchoku", { kind: "postgres", url: "postgres://u@db/shinchoku" }],
    ["postgresql://u:p@db:5433/x", { kind: "postgres", url: "postgresql://u:p@db:5433/x" }],
  ])("%s", (url, target) => {
    expect(parseDatabaseUrl(url)).toMatchObject(target);
  });

  it("defaults to the SQLite file in ./data, with the default timeouts", () => {
    expect(DEFAULT_DATABASE_URL).toBe("sqlite:./data/shinchoku.db");
    expect(parseDatabaseUrl()).toEqual({
      kind: "sqlite",
      path: "./data/shinchoku.db",
      busyTimeoutMs: DEFAULT_BUSY_TIMEOUT_MS,
    });
    expect(parseDatabaseUrl("postgres://u@db/x")).toEqual({
      kind: "postgres",
      url: "postgres://u@db/x",
      connectTimeoutMs: 10_000,
      statementTimeoutMs: DEFAULT_STATEMENT_TIMEOUT_MS,
    });
  });

  it("reads timeouts from the URL and hands the rest to the driver", () => {
    expect(
      parseDatabaseUrl("postgres://u@db/x?connect_timeout=0.5&statement_timeout=2000&sslmode=require"),
    ).toEqual({
      kind: "postgres",
      url: "postgres://u@db/x?sslmode=require",
      connectTimeoutMs: 500,
      statementTimeoutMs: 2000,
    });
    expect(parseDatabaseUrl("sqlite:./x.db?busy_timeout=50")).toMatchObject({
      path: "./x.db",
      busyTimeoutMs: 50,
    });
  });

  it.each([
    ["mysql://u:secret@h/db", "「mysql:」には対応していません"],
    ["postgress://u@h/db", "「postgress:」には対応していません"],
    ["postgres:/127.0.0.1:5432/db", "postgres://ホスト/データベース の形で書きます"],
    ["postgresql:db", "postgresql://ホスト/データベース の形で書きます"],
    ["http://example.org/x.db", "「http:」には対応していません"],
    ["postgres://u@db/x?connect_timeout=soon", "connect_timeout（soon）は正の数で指定します"],
    ["   ", "空です"],
  ])("refuses %s as a usage error naming the spellings understood", (url, problem) => {
    expect(() => parseDatabaseUrl(url)).toThrow(DatabaseUrlError);
    const message = databaseUrlProblem(url) as string;
    expect(message).toContain(problem);
    expect(message).toContain("sqlite:<path>, sqlite::memory:, <path>, postgres://…, postgresql://…");
    // A password never reaches a message.
    expect(message).not.toContain("secret");
  });
});

describe("redactDatabaseUrl", () => {
  it("hides a password and leaves everything else", () => {
    expect(redactDatabaseUrl("postgres://app:s3cret@db:5432/x")).toBe("postgres://app:***@db:5432/x");
    expect(redactDatabaseUrl("postgres://app@db/x")).toBe("postgres://app@db/x");
    expect(redactDatabaseUrl("sqlite:./data/x.db")).toBe("sqlite:./data/x.db");
  });
});
