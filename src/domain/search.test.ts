import { describe, expect, it } from "vitest";
import { buildPlanDocument } from "../../test/factories/plan-document.ts";
import type { PlanDocument } from "./plan-document.ts";
import { normalizeForSearch, searchInitiatives } from "./search.ts";

/*
 * The factory's FY2019 texts, as far as these tests look at them:
 *   No.1 activities "…近隣の大学と協働し、にぎわいサロンの運営…"; KPI "北坂戸にぎわいサロンの利用者数"
 *   No.2 title "行政の「見える化」とオープンデータ化の推進"; activities "オープンデータ県HP…公開型GIS…";
 *        KPI "統合型GISの活用"
 *   No.3 activities "私立幼稚園運営費補助金が…"; opinion and goal also mention 補助金
 *   No.4 activities "北坂戸にぎわいサロンを運営する大学に補助金を交付し、地域住民との協働を進めた。"
 *   No.5 activities "申請様式_Aの電子化を検討し、手数料の100%電子納付に向けた調査を行った。"
 * FY2020 reports do not contain 協働.
 */
describe("searchInitiatives", () => {
  const rounds = new Map<number, PlanDocument>([
    [2019, buildPlanDocument()],
    [2020, buildPlanDocument({ fiscalYear: 2020 })],
  ]);
  const search = (query: string, fiscalYear = 2019) => {
    const document = rounds.get(fiscalYear);
    return document ? searchInitiatives(document, query) : [];
  };

  it("finds a two-character Japanese word (shorter than a trigram)", async () => {
    expect(await search("協働")).toEqual([1, 4]);
  });

  it("finds longer Japanese substrings in titles, report texts and KPI names", async () => {
    expect(await search("オープンデータ")).toEqual([2]);
    expect(await search("補助金")).toEqual([3, 4]);
    // No.1 lists the salon only as a KPI name; No.4 in its activities and its 再掲.
    expect(await search("にぎわいサロンの利用者数")).toEqual([1, 4]);
    expect(await search("見える化")).toEqual([2]);
  });

  it("searches only the asked round's reports", async () => {
    expect(await search("協働", 2020)).toEqual([]);
    expect(await search("公開型GISを公開", 2020)).toEqual([2]);
    expect(await search("公開型GISを公開", 2019)).toEqual([]);
    expect(await search("協働", 2018)).toEqual([]);
  });

  it("ignores the case of Latin letters", async () => {
    expect(await search("gis")).toEqual([2]);
    expect(await search("hp")).toEqual([2]);
  });

  it("requires every whitespace-separated term (ASCII or full-width space)", async () => {
    expect(await search("大学 補助金")).toEqual([4]);
    expect(await search("大学　補助金")).toEqual([4]);
    expect(await search("大学 オープンデータ")).toEqual([]);
  });

  it("treats % and _ as ordinary characters", async () => {
    expect(await search("%")).toEqual([5]);
    expect(await search("_")).toEqual([5]);
    expect(await search("_A")).toEqual([5]);
    expect(await search("100%電子")).toEqual([5]);
    expect(await search("様式_A")).toEqual([5]);
    expect(await search("様式%A")).toEqual([]);
    expect(await search("申請様式_B")).toEqual([]);
    expect(await search("!")).toEqual([]);
  });

  it("survives query syntax and quotes", async () => {
    expect(await search('サロン"')).toEqual([]);
    expect(await search('"にぎわいサロン"')).toEqual([]);
    expect(await search("' or 1=1 --")).toEqual([]);
    expect(await search("NEAR(大学 補助金)")).toEqual([]);
    expect(await search("*")).toEqual([]);
  });

  it("matches every initiative of the round for a blank query", async () => {
    expect(await search("")).toEqual([1, 2, 3, 4, 5]);
    expect(await search("  ")).toEqual([1, 2, 3, 4, 5]);
  });

  it("reads the texts of the document it is given (a corrected revision's, not a copy's)", async () => {
    expect(await search("幼稚園")).toEqual([3]);
    const corrected = buildPlanDocument();
    const third = corrected.policies[1]?.initiatives[0];
    if (!third) throw new Error("factory changed: no No.3");
    third.description = "事務局機能の移行により行政改革推進の模範とします。";
    third.activities = "交付基準を見直した。";
    third.committeeOpinion = "見直しの効果を検証されたい。";
    third.nextYearGoal = "活動実態や効果を精査する。";
    expect(searchInitiatives(corrected, "行政改革推進")).toEqual([3]);
    expect(searchInitiatives(corrected, "幼稚園")).toEqual([]);
  });

  it("finds full-width Latin letters and digits as a Japanese keyboard types them", async () => {
    expect(await search("ＧＩＳ")).toEqual([2]);
    expect(await search("ｇｉｓ")).toEqual([2]);
    expect(await search("１００％電子")).toEqual([5]);
  });

  it("finds katakana by hiragana, and half-width katakana", async () => {
    expect(await search("さろん")).toEqual([1, 4]);
    expect(await search("ｻﾛﾝ")).toEqual([1, 4]);
    expect(await search("おーぷんでーた")).toEqual([2]);
  });
});

describe("normalizeForSearch", () => {
  it("folds width, case and kana the same way for texts and queries", () => {
    expect(normalizeForSearch("ＩＣＴ推進")).toBe("ict推進");
    expect(normalizeForSearch("ｵｰﾌﾟﾝﾃﾞｰﾀ")).toBe("おーぷんでーた");
    expect(normalizeForSearch("ヴ")).toBe("ゔ");
    expect(normalizeForSearch("令和元年度")).toBe("令和元年度");
  });
});
