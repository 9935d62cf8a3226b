import { describe, expect, it } from "vitest";
import {
  isLocalGovernmentCode,
  localGovernmentCheckDigit,
  localGovernmentCodeProblem,
} from "./local-government-code.ts";

/**
 * Known codes of 総務省's 全国地方公共団体コード, as published (6 digits with the check digit):
 * 坂戸市 11239-9; 北海道 010006, 青森県 020001, 札幌市 011002, 函館市 012025 (lists derived from
 * 総務省's table); 那覇市 47201 with check digit 8; 福島市 072010, 会津若松市 072028.
 */
const KNOWN: [string, string][] = [
  ["坂戸市", "112399"],
  ["北海道", "010006"],
  ["青森県", "020001"],
  ["札幌市", "011002"],
  ["函館市", "012025"],
  ["那覇市", "472018"],
  ["福島市", "072010"],
  ["会津若松市", "072028"],
];

describe("全国地方公共団体コード", () => {
  it.each(KNOWN)("%s %s is valid and its check digit is computed", (_name, code) => {
    expect(localGovernmentCheckDigit(code.slice(0, 5))).toBe(Number(code[5]));
    expect(isLocalGovernmentCode(code)).toBe(true);
  });

  it("remainder 0 gives 1 and remainder 1 gives 0 (the last digit of 11 and 10)", () => {
    expect(localGovernmentCheckDigit("00000")).toBe(1); // sum 0, remainder 0 → 11 → 1
    expect(localGovernmentCheckDigit("00006")).toBe(0); // 6·2 = 12, remainder 1 → 10 → 0
    expect(localGovernmentCheckDigit("07201")).toBe(0); // 福島市: 35 + 8 + 2 = 45, remainder 1
    expect(localGovernmentCheckDigit("02000")).toBe(1); // 青森県: 10, remainder 10 → 1
    expect(localGovernmentCheckDigit("00002")).toBe(7); // 4 → 7
    expect(localGovernmentCheckDigit("1123")).toBeUndefined();
  });

  it("refuses a wrong check digit, naming the right one", () => {
    expect(isLocalGovernmentCode("112398")).toBe(false);
    expect(localGovernmentCodeProblem("112398")?.ja).toContain("上5桁が11239なら112399です");
    expect(localGovernmentCodeProblem("112398")?.en).toContain("for 11239 it is 9");
  });

  it.each(["11239", "1123990", "11239a", "１１２３９９", " 112399", ""])(
    "refuses %j: not six digits",
    (code) => {
      expect(isLocalGovernmentCode(code)).toBe(false);
      expect(localGovernmentCodeProblem(code)?.ja).toContain("半角数字6桁");
    },
  );
});

describe("the plan document's organization code", () => {
  it("is checked with the document: a wrong check digit is an error naming the field", async () => {
    const { checkPlanDocument } = await import("./plan-document-check.ts");
    const { seedDocument } = await import("../../test/factories/test-documents.ts");
    const good = { ...seedDocument(), organization: { name: "坂戸市", localGovernmentCode: "112399" } };
    expect(checkPlanDocument(good)).toEqual([]);
    const bad = { ...seedDocument(), organization: { name: "坂戸市", localGovernmentCode: "112390" } };
    const [finding] = checkPlanDocument(bad);
    expect(finding).toMatchObject({
      severity: "error",
      code: "document.local-government-code",
      field: "organization.localGovernmentCode",
    });
    expect(finding?.message).toContain("検査数字");
  });
});
