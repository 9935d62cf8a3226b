import { describe, expect, it } from "vitest";
import { chosenSqliteDriver } from "./sqlite-driver.ts";

describe("the embedded database's driver", () => {
  it("is node:sqlite from Node 24 on, better-sqlite3 before, unless SHINCHOKU_SQLITE says", () => {
    const major = Number(process.versions.node.split(".")[0]);
    expect(chosenSqliteDriver({})).toBe(major >= 24 ? "node:sqlite" : "better-sqlite3");
    expect(chosenSqliteDriver({ SHINCHOKU_SQLITE: "node" })).toBe("node:sqlite");
    expect(chosenSqliteDriver({ SHINCHOKU_SQLITE: "better-sqlite3" })).toBe("better-sqlite3");
    expect(chosenSqliteDriver({ SHINCHOKU_SQLITE: " Node:SQLite " })).toBe("node:sqlite");
  });
});
