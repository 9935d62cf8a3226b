import { describe, expect, it } from "vitest";
import { convertMoney, fromYen, isMoneyUnit, MONEY_UNITS, toYen } from "./money.ts";

describe("money units", () => {
  it("know their size in yen", () => {
    expect(MONEY_UNITS).toEqual({ 円: 1, 千円: 1000, 万円: 10000, 百万円: 1000000, 億円: 100000000 });
    expect(isMoneyUnit("千円")).toBe(true);
    expect(isMoneyUnit("人")).toBe(false);
    expect(isMoneyUnit("toString")).toBe(false);
    expect(isMoneyUnit(undefined)).toBe(false);
  });

  it("convert the seed's figures to yen exactly", () => {
    expect(toYen(76006, "千円")).toBe(76006000);
    expect(toYen(39411, "千円")).toBe(39411000);
    expect(toYen(1, "億円")).toBe(100000000);
    expect(toYen(12201264, "円")).toBe(12201264);
  });

  it("compare 1億円 with 39,411千円 in yen", () => {
    expect(toYen(1, "億円")).toBeGreaterThan(toYen(39411, "千円"));
    expect(toYen(1, "億円") - toYen(39411, "千円")).toBe(60589000);
  });

  it("shift decimals without floating-point residue", () => {
    expect(4.35 * 1e8).not.toBe(435000000); // the residue this module avoids
    expect(toYen(4.35, "億円")).toBe(435000000);
    expect(toYen(1.005, "千円")).toBe(1005);
    expect(toYen(0.57, "万円")).toBe(5700);
    expect(toYen(1.1, "千円")).toBe(1100);
    expect(toYen(1.5, "億円")).toBe(150000000);
    expect(toYen(0.07, "百万円")).toBe(70000);
    expect(fromYen(76006000, "千円")).toBe(76006);
    expect(fromYen(1100, "千円")).toBe(1.1);
    expect(fromYen(500, "千円")).toBe(0.5);
    expect(convertMoney(1, "億円", "千円")).toBe(100000);
    expect(convertMoney(39411, "千円", "億円")).toBe(0.39411);
    expect(convertMoney(3, "万円", "万円")).toBe(3);
    expect(toYen(-2.3, "万円")).toBe(-23000);
    expect(toYen(0, "億円")).toBe(0);
  });
});
