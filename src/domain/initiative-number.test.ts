import { describe, expect, it } from "vitest";
import {
  assignInitiativeNumbers,
  compareInitiativeNumbers,
  initiativeNumberKey,
  initiativeNumberLabel,
  numberTextFor,
  parseInitiativeNumber,
  readInitiativeNumber,
  withNumberSign,
} from "./initiative-number.ts";

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

describe("readInitiativeNumber", () => {
  it.each([
    ["1", { number: 1, text: "1" }],
    ["No.3", { number: 3, text: "3" }],
    ["１６", { number: 16, text: "16" }],
    ["1-2", { text: "1-2" }],
    [" 1-2 ", { text: "1-2" }],
    ["１－２", { text: "１－２" }],
    ["(1)-①", { text: "(1)-①" }],
    ["（１）－⑳", { text: "（１）－⑳" }],
    ["No.R1-1", { text: "No.R1-1" }],
    ["R2-12", { text: "R2-12" }],
    ["2-3-1", { text: "2-3-1" }],
  ])("reads %j", (cell, expected) => {
    expect(readInitiativeNumber(cell)).toEqual(expected);
  });

  // Policies ("(1)"), KPI enumerators ("①"), values ("1.5", "2019-04-01") and words are not numbers.
  it.each([
    "",
    "(1)",
    "①",
    "1.5",
    "R1",
    "No.",
    "1-",
    "-1",
    "1--2",
    "2019-04-01",
    "(1) 件数",
    "一-二",
    "1-2 件",
  ])("refuses %j", (cell) => {
    expect(readInitiativeNumber(cell)).toBeUndefined();
  });
});

describe("assignInitiativeNumbers", () => {
  it("keeps plain numbers and gives the others the next after the largest plain one, in order", () => {
    expect(
      assignInitiativeNumbers([{ number: 1, text: "1" }, { text: "1-2" }, { number: 2, text: "2" }]),
    ).toEqual([1, 3, 2]);
    expect(assignInitiativeNumbers([{ text: "(1)-①" }, { text: "(1)-②" }, { text: "(2)-①" }])).toEqual([
      1, 2, 3,
    ]);
    expect(
      assignInitiativeNumbers([{ number: 1, text: "1" }, { text: "No.R1-1" }, { number: 24, text: "24" }]),
    ).toEqual([1, 25, 24]);
  });
});

describe("written number helpers", () => {
  it("keep a written number only when it is not the key itself", () => {
    expect(numberTextFor(3, "3")).toBeUndefined();
    expect(numberTextFor(25, "No.R1-1")).toBe("No.R1-1");
    expect(initiativeNumberLabel({ number: 3 })).toBe("3");
    expect(initiativeNumberLabel({ number: 25, numberText: "No.R1-1" })).toBe("No.R1-1");
  });

  it("prefix No. once", () => {
    expect(withNumberSign("3")).toBe("No.3");
    expect(withNumberSign("(1)-①")).toBe("No.(1)-①");
    expect(withNumberSign("No.R1-1")).toBe("No.R1-1");
    expect(withNumberSign("Ｎｏ．R1-1")).toBe("Ｎｏ．R1-1");
  });

  it("read full-width, circled and dashed forms as the same number", () => {
    expect(initiativeNumberKey("１－２")).toBe(initiativeNumberKey("1-2"));
    expect(initiativeNumberKey("（１）－①")).toBe(initiativeNumberKey("(1)-1"));
    expect(initiativeNumberKey("No.R1-1")).toBe(initiativeNumberKey("r1ー1"));
    expect(initiativeNumberKey("1-2")).not.toBe(initiativeNumberKey("1-3"));
  });
});

describe("compareInitiativeNumbers", () => {
  const sorted = (list: string[]) => [...list].sort(compareInitiativeNumbers);

  it.each([
    [
      ["10", "2", "1"],
      ["1", "2", "10"],
    ],
    [
      ["1-10", "1-2", "1"],
      ["1", "1-2", "1-10"],
    ],
    [
      ["2", "1-2", "1"],
      ["1", "1-2", "2"],
    ],
    [
      ["(2)-①", "(1)-②", "(1)-①"],
      ["(1)-①", "(1)-②", "(2)-①"],
    ],
    [
      ["(1)-⑩", "(1)-②"],
      ["(1)-②", "(1)-⑩"],
    ],
    [
      ["１０", "９"],
      ["９", "１０"],
    ],
    [
      ["No.R1-1", "24", "3"],
      ["3", "24", "No.R1-1"],
    ],
    [
      ["No.R2-1", "No.R1-2", "No.R1-1"],
      ["No.R1-1", "No.R1-2", "No.R2-1"],
    ],
  ])("orders %j as %j", (input, expected) => {
    expect(sorted(input)).toEqual(expected);
  });

  it("is zero only for the same text", () => {
    expect(compareInitiativeNumbers("1-2", "1-2")).toBe(0);
    expect(compareInitiativeNumbers("1-2", "１－２")).not.toBe(0);
    expect(Math.sign(compareInitiativeNumbers("(1)-①", "1-1"))).toBe(
      -Math.sign(compareInitiativeNumbers("1-1", "(1)-①")),
    );
  });
});
