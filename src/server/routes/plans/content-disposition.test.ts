import { describe, expect, it } from "vitest";
import { attachment } from "./content-disposition.ts";

describe("Content-Disposition", () => {
  it("gives the Japanese name as RFC 8187 UTF-8 and an ASCII fallback", () => {
    expect(attachment("行政改革_令和元年度.json", "plan-1-fy2019.json")).toBe(
      "attachment; filename=\"plan-1-fy2019.json\"; filename*=UTF-8''%E8%A1%8C%E6%94%BF%E6%94%B9%E9%9D%A9_%E4%BB%A4%E5%92%8C%E5%85%83%E5%B9%B4%E5%BA%A6.json",
    );
  });

  it("encodes the characters RFC 8187 does not allow bare, and replaces characters file systems refuse", () => {
    const header = attachment("a'b(c)*!/d:e.json", "x.json");
    expect(header).toContain("filename*=UTF-8''a%27b%28c%29_%21_d_e.json");
  });

  it("keeps the fallback ASCII and free of quotes", () => {
    expect(attachment("x.json", 'ä"b.json')).toContain('filename="__b.json"');
  });
});
