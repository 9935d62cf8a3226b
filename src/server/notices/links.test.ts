import { describe, expect, it } from "vitest";
import type { NoticeKind } from "../../store/types.ts";
import { noticeHref } from "./links.ts";

describe("a notice links to where its reader acts", () => {
  const round = { planId: 3, fiscalYear: 2020 };
  const link = (
    kind: NoticeKind,
    params: Record<string, string | number> = { fiscalYear: 2020, number: 12 },
  ) => noticeHref({ kind, params }, "sakado", round);

  it("returned and accepted → the department's entry page; submitted → the secretariat's review page", () => {
    expect(link("returned")).toBe("/o/sakado/manage/plans/3/2020/initiatives/12");
    expect(link("accepted")).toBe("/o/sakado/manage/plans/3/2020/initiatives/12");
    expect(link("submitted")).toBe("/o/sakado/manage/plans/3/2020/review/12");
  });

  it("round opened and deadline near → my work; published → the public table", () => {
    expect(link("roundOpened", { fiscalYear: 2020, deadline: "" })).toBe("/o/sakado/manage/my-work");
    expect(link("deadlineNear", { fiscalYear: 2020, days: 3 })).toBe("/o/sakado/manage/my-work");
    expect(link("published", { fiscalYear: 2020, revision: 1 })).toBe("/o/sakado/plans/3/2020");
  });

  it("without its round (removed since) or number, the home page", () => {
    expect(noticeHref({ kind: "returned", params: { number: 12 } }, "sakado", undefined)).toBe(
      "/o/sakado/manage",
    );
    expect(noticeHref({ kind: "submitted", params: {} }, "sakado", round)).toBe("/o/sakado/manage");
  });
});
