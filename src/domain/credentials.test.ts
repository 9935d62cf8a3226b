import { describe, expect, it } from "vitest";
import { isValidLoginId, normalizeLoginId, passwordProblems } from "./credentials.ts";

describe("login IDs", () => {
  it("are compared width- and case-folded and trimmed", () => {
    expect(normalizeLoginId(" Ｓ１２３４５ ")).toBe("s12345");
    expect(normalizeLoginId("Taro.Yamada@City.Sakado.lg.JP")).toBe("taro.yamada@city.sakado.lg.jp");
  });

  it("are letters, digits and . _ @ + - only", () => {
    expect(isValidLoginId("s12345")).toBe(true);
    expect(isValidLoginId("taro.yamada@city.sakado.lg.jp")).toBe(true);
    expect(isValidLoginId("")).toBe(false);
    expect(isValidLoginId("a b")).toBe(false);
    expect(isValidLoginId("<script>")).toBe(false);
  });
});

describe("passwordProblems", () => {
  it("accepts a long passphrase", () => {
    expect(passwordProblems("坂戸の春は桜並木から", "s12345")).toEqual(["tooShort"]);
    expect(passwordProblems("坂戸の春は桜並木から始まります", "s12345")).toEqual([]);
    expect(passwordProblems("correct horse battery staple", "s12345")).toEqual([]);
  });

  it("counts characters, not bytes or UTF-16 units: 12 is the minimum", () => {
    expect(passwordProblems("a1b2c3d4e5f", "s12345")).toEqual(["tooShort"]);
    expect(passwordProblems("a1b2c3d4e5f6", "s12345")).toEqual([]);
    expect(passwordProblems("𠮷".repeat(11), "s12345")).toEqual(["tooShort"]);
  });

  it("refuses one built on the login ID, whatever its case or width", () => {
    expect(passwordProblems("S12345-password!", "s12345")).toContain("containsLoginId");
    expect(passwordProblems("ｔａｒｏ.ｙａｍａｄａ2026", "taro.yamada@city.sakado.lg.jp")).toContain(
      "containsLoginId",
    );
  });

  it("refuses common passwords and their usual endings", () => {
    for (const common of [
      "password1234",
      "Password!!!!",
      "qwertyuiop12",
      "111111111111",
      "123456789012",
      "shinchoku2026",
      "passwordpassword",
    ]) {
      expect(passwordProblems(common, "s12345"), common).toContain("common");
    }
  });

  it("refuses what would make hashing a denial of service", () => {
    expect(passwordProblems("x".repeat(257), "s12345")).toEqual(["tooLong"]);
  });
});
