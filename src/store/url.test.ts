import { describe, expect, it } from "vitest";
import { DEFAULT_DATABASE_URL, parseDatabaseUrl, redactDatabaseUrl } from "./url.ts";

describe("parseDatabaseUrl", () => {
  it.each([
    ["sqlite::memory:", { kind: "sqlite", path: ":memory:" }],
    [":memory:", { kind: "sqlite", path: ":memory:" }],
    ["sqlite:./data/x.db", { kind: "sqlite", path: "./data/x.db" }],
    ["sqlite://data/x.db", { kind: "sqlite", path: "data/x.db" }],
    ["sqlite:///var/lib/shinchoku.db", { kind: "sqlite", path: "/var/lib/shinchoku.db" }],
    ["./data/x.db", { kind: "sqlite", path: "./data/x.db" }],
    ["/var/lib/shinchoku.db", { kind: "sqlite", path: "/var/lib/shinchoku.db" }],
    ["postgres://u@db/shinchoku", { kind: "postgres", url: "postgres://u@db/shinchoku" }],
    ["postgresql://u:p@db:5433/x", { kind: "postgres", url: "postgresql://u:p@db:5433/x" }],
  ])("%s", (url, target) => {
    expect(parseDatabaseUrl(url)).toEqual(target);
  });

  it("defaults to the SQLite file in ./data", () => {
    expect(DEFAULT_DATABASE_URL).toBe("sqlite:./data/shinchoku.db");
    expect(parseDatabaseUrl()).toEqual({ kind: "sqlite", path: "./data/shinchoku.db" });
  });
});

describe("redactDatabaseUrl", () => {
  it("hides a password and leaves everything else", () => {
    expect(redactDatabaseUrl("postgres://app:s3cret@db:5432/x")).toBe("postgres://app:***@db:5432/x");
    expect(redactDatabaseUrl("postgres://app@db/x")).toBe("postgres://app@db/x");
    expect(redactDatabaseUrl("sqlite:./data/x.db")).toBe("sqlite:./data/x.db");
  });
});
