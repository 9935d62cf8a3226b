import { describe, expect, it } from "vitest";
import { forEachDatabase } from "../../../../test/db.ts";
import { buildPlanDocument, FACTORY_ORGANIZATION } from "../../../../test/factories/plan-document.ts";
import { allMatches } from "../../../../test/server-support.ts";
import { importDocument } from "../../../../test/store.ts";
import { createApp } from "../../app.ts";

/**
 * The public ?grade= filter of a table published on a city's own scale (S 達成 / A 概ね達成 /
 * B 遅れ, No.5 対象外), on both databases: the page and the API take the plan's codes and 対象外,
 * and refuse another scale's code (D) with the plan's choices.
 */
forEachDatabase((database) => {
  describe("?grade= on a plan's own scale", () => {
    it("filters by S and 対象外 on the page and in the API, refuses D", async () => {
      const store = await database.open();
      const doc = buildPlanDocument();
      doc.plan.gradeScale = [
        { code: "S", label: "達成" },
        { code: "A", label: "概ね達成" },
        { code: "B", label: "遅れ" },
      ];
      const grades = ["A", "S", "B", "S", null];
      const initiatives = doc.policies.flatMap((p) => p.initiatives);
      initiatives.forEach((initiative, i) => {
        initiative.grade = grades[i] ?? null;
      });
      const fifth = initiatives[4];
      if (fifth) fifth.notAssessed = true;
      doc.gradeSummary = { S: 2, A: 1, B: 1 };
      const { planId } = await importDocument(store, doc, { organization: FACTORY_ORGANIZATION });
      const app = createApp({ store });
      const page = `/o/${FACTORY_ORGANIZATION.slug}/plans/${planId}/2019`;

      const res = await app.request(`${page}?grade=S&grade=${encodeURIComponent("対象外")}`);
      expect(res.status).toBe(200);
      const html = await res.text();
      const table = html.slice(html.indexOf('<table class="data initiatives">'));
      expect(allMatches(table, /<tr><td class="num">(\d+)<\/td>/).map(Number)).toEqual([2, 4, 5]);
      expect(html).toContain('<input type="checkbox" name="grade" value="S" checked=""/>');
      expect(html).toContain('<input type="checkbox" name="grade" value="対象外" checked=""/>');

      const refused = await app.request(`${page}?grade=D`);
      expect(refused.status).toBe(400);
      expect(await refused.text()).toContain(
        "<li>進捗状況はS・A・B・対象外のいずれかで指定してください。</li>",
      );

      const api = `/api/v1/plans/${planId}/rounds/2019/initiatives`;
      const body = (await (
        await app.request(`${api}?grade=${encodeURIComponent("対象外")}&grade=B`)
      ).json()) as {
        initiatives: { number: number }[];
      };
      expect(body.initiatives.map((i) => i.number)).toEqual([3, 5]);
      const problem = await app.request(`${api}?grade=D`);
      expect(problem.status).toBe(400);
      expect(((await problem.json()) as { errors: unknown[] }).errors).toEqual([
        {
          name: "grade",
          in: "query",
          detail: "パラメーター「grade」はS・A・B・対象外のいずれかで指定してください。",
        },
      ]);
    });
  });
});
