import { describe, expect, it } from "vitest";
import { parseInitiativeNumber } from "./initiative-number.ts";

describe("parseInitiativeNumber", () => {
  it.each([
    ["1", 1],
    ["24", 24],
    ["１６", 16],
    ["No.3", 3],
    ["no 3", 3],
    ["Ｎｏ．７", 7],
    ["5.", 5],
    [" 12 ", 12],
  ])("reads %j as %d", (text, expected) => {
    expect(parseInitiativeNumber(text)).toBe(expected);
  });

  it.each(["", "0", "00", "-1", "1-2", "(1)", "1.5", "一", "No.", "1234567", `1${" ".repeat(100)}`])(
    "refuses %j",
    (text) => {
      expect(parseInitiativeNumber(text)).toBeUndefined();
    },
  );
});
