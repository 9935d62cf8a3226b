import { describe, expect, it } from "vitest";
import { fiscalYearSchema, initiativeNumberSchema, planIdSchema } from "./params.ts";

describe("whole-number path parameters", () => {
  it("take ASCII digits", () => {
    expect(planIdSchema.parse("12")).toBe(12);
    expect(fiscalYearSchema.parse("2019")).toBe(2019);
    expect(initiativeNumberSchema.parse("16")).toBe(16);
  });

  it.each(["1e1", "0x10", " 7", "7 ", "1.0", "+3", "--1", "", "１６"])(
    "refuse %j instead of reading it as another number",
    (text) => {
      const result = planIdSchema.safeParse(text);
      expect(result.success).toBe(false);
    },
  );

  it("keep their bounds", () => {
    expect(fiscalYearSchema.safeParse("1899").success).toBe(false);
    expect(fiscalYearSchema.safeParse("3000").success).toBe(false);
    expect(planIdSchema.safeParse("0").success).toBe(false);
    // A minus sign is read, so the answer can say what the bound is ("1 以上").
    expect(planIdSchema.safeParse("-1").error?.issues[0]?.code).toBe("too_small");
  });
});
