import { describe, expect, it } from "vitest";
import { langFromQuery, localHref, translate } from "./i18n.ts";

describe("i18n", () => {
  it("Japanese unless ?lang=en", () => {
    expect(langFromQuery("en")).toBe("en");
    expect(langFromQuery(undefined)).toBe("ja");
    expect(langFromQuery("fr")).toBe("ja");
  });

  it("fills placeholders in either language", () => {
    expect(translate("ja", "list.count", { total: 24, shown: 5 })).toBe("24件中5件を表示しています。");
    expect(translate("en", "list.count", { total: 24, shown: 5 })).toBe("Showing 5 of 24 initiatives.");
  });

  it("links keep English, repeat array values and drop empty ones", () => {
    expect(localHref("ja", "/o/x", { grade: ["A", "B"], q: "" })).toBe("/o/x?grade=A&grade=B");
    expect(localHref("en", "/o/x", { fy: "2019" })).toBe("/o/x?fy=2019&lang=en");
    expect(localHref("en", "/o/x")).toBe("/o/x?lang=en");
  });
});
