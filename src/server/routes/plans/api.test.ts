import { beforeAll, describe, expect, it } from "vitest";
import { forEachDatabase } from "../../../../test/db.ts";
import { seededApp } from "../../../../test/server-support.ts";
import { importDocument, loadDraft } from "../../../../test/store.ts";
import type { PlanDocument } from "../../../domain/plan-document.ts";
import type { Store } from "../../../store/types.ts";
import type { createApp } from "../../app.ts";

const ROUND = "/api/v1/plans/1/rounds/2019";

forEachDatabase((database) => {
  let app: ReturnType<typeof createApp>;
  let store: Store;
  beforeAll(async () => {
    ({ app, store } = await seededApp(database));
  });

  const get = async (path: string) => {
    const res = await app.request(path);
    return { res, body: await res.json() };
  };

  it("GET /api/v1/plans/{planId}", async () => {
    const { res, body } = await get("/api/v1/plans/1");
    expect(res.status).toBe(200);
    expect(body).toMatchObject({
      id: 1,
      organization: "sakado",
      title: "行政改革後期アクションプラン",
      fiscalYears: [2019],
    });
  });

  it("GET /api/v1/plans/{planId}/rounds", async () => {
    const { body } = await get("/api/v1/plans/1/rounds");
    expect(body).toEqual({
      planId: 1,
      rounds: [
        {
          fiscalYear: 2019,
          asOf: "2020-03-31",
          title: "行政改革後期アクションプラン（平成29年度～令和3年度）進行管理集計表（令和2年3月31日現在）",
          gradeSummary: { A: 8, B: 10, C: 5, D: 1 },
          initiativeCount: 24,
        },
      ],
    });
  });

  it("GET /api/v1/plans/{planId}/rounds/{fiscalYear}: summary in total and per policy, expected share", async () => {
    const { body } = await get(ROUND);
    expect(body.fiscalYear).toBe(2019);
    expect(body.initiativeCount).toBe(24);
    expect(body.summary.total).toEqual({ A: 8, B: 10, C: 5, D: 1 });
    // Counted by hand from the table: (ア) No.1–7, (イ) No.8–19, (ウ) No.20–24.
    expect(body.summary.byPolicy).toEqual([
      { code: "(ア)", title: "市民と行政との協働体制の確立", summary: { A: 2, B: 1, C: 3, D: 1 } },
      { code: "(イ)", title: "効率的な自治体運営", summary: { A: 4, B: 7, C: 1, D: 0 } },
      { code: "(ウ)", title: "市民満足度の向上", summary: { A: 2, B: 2, C: 1, D: 0 } },
    ]);
    expect(body.summary.ungraded).toBe(0);
    expect(body.declaredGradeSummary).toEqual({ A: 8, B: 10, C: 5, D: 1 });
    expect(body.expectedShare).toEqual({ elapsedYears: 3, totalYears: 5, share: 0.6 });
  });

  it("GET …/grade-summary", async () => {
    const { body } = await get(`${ROUND}/grade-summary`);
    expect(body.total).toEqual({ A: 8, B: 10, C: 5, D: 1 });
    expect(body.byPolicy.map((p: { code: string }) => p.code)).toEqual(["(ア)", "(イ)", "(ウ)"]);
  });

  describe("GET …/initiatives", () => {
    it("lists all 24 in number order without conditions", async () => {
      const { body } = await get(`${ROUND}/initiatives`);
      expect(body.total).toBe(24);
      expect(body.count).toBe(24);
      expect(body.initiatives.map((i: { number: number }) => i.number)).toEqual(
        Array.from({ length: 24 }, (_, k) => k + 1),
      );
      const no16 = body.initiatives[15];
      expect(no16).toMatchObject({
        number: 16,
        title: "市税等の徴収率の向上",
        policy: { code: "(イ)", title: "効率的な自治体運営" },
        departments: ["納税課", "関係各課"],
        grade: "A",
        gradeLabel: "順調",
      });
      expect(no16.kpis[0]).toMatchObject({ name: "市税徴収率", current: { text: "96.5%" } });
      // Each KPI carries its achievement in this round, in the words of every other output.
      expect(no16.kpis[0].achievement).toMatchObject({ status: "met", percent: 412.5, pace: "ahead" });
      // 7-2 リサイクル率 29.6% → 30%以上, 27.0%: (27.0 − 29.6) / 0.4 = −650%
      const recycling = body.initiatives[6].kpis.find((k: { name: string }) => k.name === "リサイクル率");
      expect(recycling.achievement).toMatchObject({
        status: "regressed",
        statusLabel: "後退（当初より悪化）",
        percent: -650,
        method: "bound",
      });
    });

    it("filters by policy, department, grade (repeatable) and text", async () => {
      const numbers = async (query: string) =>
        (await get(`${ROUND}/initiatives?${query}`)).body.initiatives.map(
          (i: { number: number }) => i.number,
        );
      expect(await numbers(`policy=${encodeURIComponent("(ウ)")}`)).toEqual([20, 21, 22, 23, 24]);
      expect(await numbers(`department=${encodeURIComponent("納税課")}`)).toEqual([16]);
      expect(await numbers("grade=D")).toEqual([6]);
      expect(await numbers("grade=C&grade=D")).toEqual([2, 5, 6, 7, 11, 24]);
      expect(await numbers(`q=${encodeURIComponent("オープンデータ")}`)).toEqual([3]);
      expect(await numbers(`policy=${encodeURIComponent("(ア)")}&grade=C`)).toEqual([2, 5, 7]);
      expect(await numbers(`q=${encodeURIComponent("該当しない語句ですよ")}`)).toEqual([]);
    });

    it("refuses grade=E naming the field", async () => {
      const { res, body } = await get(`${ROUND}/initiatives?grade=E`);
      expect(res.status).toBe(400);
      expect(res.headers.get("content-type")).toMatch(/^application\/problem\+json/);
      expect(body).toMatchObject({
        status: 400,
        title: "指定された値が正しくありません",
        detail: "「grade」を確認してください。",
      });
      expect(body.errors).toEqual([
        {
          name: "grade",
          in: "query",
          detail: "パラメーター「grade」はA・B・C・D・対象外のいずれかで指定してください。",
        },
      ]);
      expect(body.instance).toBe("/api/v1/plans/1/rounds/2019/initiatives?grade=E");
    });
  });

  describe("refusals", () => {
    it("400 for a fiscal year that is not a number, naming fiscalYear", async () => {
      const { res, body } = await get("/api/v1/plans/1/rounds/abc");
      expect(res.status).toBe(400);
      expect(body.errors).toEqual([
        { name: "fiscalYear", in: "path", detail: "パラメーター「fiscalYear」は整数で指定してください。" },
      ]);
    });

    it("400 for planId 0 and a non-numeric planId", async () => {
      for (const path of ["/api/v1/plans/0", "/api/v1/plans/x/rounds"]) {
        const { res, body } = await get(path);
        expect(res.status).toBe(400);
        expect(body.errors[0].name).toBe("planId");
      }
    });

    it("404 for an unknown plan and an unknown fiscal year", async () => {
      const plan = await get("/api/v1/plans/999/rounds/2019");
      expect(plan.res.status).toBe(404);
      expect(plan.body).toMatchObject({
        type: "/api/docs#problem-plan.not-found",
        title: "計画が見つかりません",
      });
      for (const path of [
        "/api/v1/plans/1/rounds/2030",
        "/api/v1/plans/1/rounds/2030/initiatives",
        `${"/api/v1/plans/1/rounds/2030"}/export.json`,
      ]) {
        const { res, body } = await get(path);
        expect(res.status).toBe(404);
        expect(body.title).toBe("この年度の進行管理の結果はありません");
        expect(body.detail).toContain("2030年度");
      }
    });

    it("English problem documents with ?lang=en", async () => {
      const { body } = await get("/api/v1/plans/1/rounds/2030?lang=en");
      expect(body.title).toBe("No results for this fiscal year");
    });
  });

  describe("export.json", () => {
    it("downloads the plan document under a Japanese file name with an ASCII fallback", async () => {
      const res = await app.request(`${ROUND}/export.json`);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toMatch(/^application\/json/);
      const name = encodeURIComponent("行政改革後期アクションプラン_令和元年度.json");
      expect(res.headers.get("content-disposition")).toBe(
        `attachment; filename="plan-1-fy2019.json"; filename*=UTF-8''${name}`,
      );
      const document = (await res.json()) as PlanDocument;
      expect(document.format).toBe("shinchoku.plan/v2");
      expect(document.policies.flatMap((p) => p.initiatives)).toHaveLength(24);
    });

    it("round trip: the download imported into a fresh store reads back as the same round", async () => {
      const downloaded = (await (await app.request(`${ROUND}/export.json`)).json()) as PlanDocument;
      const fresh = await database.open();
      const outcome = await importDocument(fresh, downloaded, {
        organization: { slug: "sakado", name: "坂戸市" },
      });
      const original = await loadDraft(store, 1, 2019);
      expect(await loadDraft(fresh, outcome.planId, 2019)).toEqual(original);
    });
  });
});
