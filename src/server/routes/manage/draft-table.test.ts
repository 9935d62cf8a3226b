import { describe, expect, it } from "vitest";
import { forEachDatabase } from "../../../../test/db.ts";
import { seededApp, textOf } from "../../../../test/server-support.ts";
import type { Store } from "../../../store/types.ts";
import { moveRound } from "../../../workflow/round.ts";
import { saveReport } from "../../../workflow/save-report.ts";
import { acting, type Cast, cast, get, openFy2020 } from "../round/test-support.ts";

/**
 * The draft table is never cached as a page, but its rows are kept by their content (row-cache.ts):
 * after every save it must show what was saved, in the row saved, and nothing older — on both
 * databases. The seed's No.1 has KPIs of its own; No.2 is left alone.
 */

function rowOf(html: string, number: number): string {
  const match = html.match(new RegExp(`<tbody id="initiative-${number}"[^>]*>[\\s\\S]*?</tbody>`));
  if (!match) throw new Error(`no row for No.${number}`);
  return match[0];
}

async function draftTable(app: Parameters<typeof get>[0], who: Cast): Promise<string> {
  const res = await get(app, `/o/sakado/manage/plans/${who.planId}/2020/table`, who.secretariat);
  expect(res.status).toBe(200);
  return res.text();
}

async function saveNo1(store: Store, who: Cast, activities: string, current: string) {
  const round = await store.rounds.find(who.planId, 2020);
  if (!round) throw new Error("no FY2020");
  const report = await store.reports.find(round.id, 1);
  const snapshot = await store.rounds.snapshot(round.id);
  const initiative = snapshot?.document.policies[0]?.initiatives[0];
  const owned = (initiative?.kpis ?? []).filter((k) => !k.relisted);
  const versions = new Map((await store.kpiValues.list(round.id)).map((v) => [v.kpiId, v.version]));
  await saveReport(store, acting(who.editor).actor, {
    planId: who.planId,
    fiscalYear: 2020,
    initiativeNumber: 1,
    principal: acting(who.editor).principal,
    expectedVersion: report?.version ?? 0,
    changes: { activities, nextYearGoal: `${activities}の次` },
    kpiValues: owned.map((k) => {
      const kpiId = snapshot?.links.kpis[k.key] ?? 0;
      return { kpiId, text: current, expectedVersion: versions.get(kpiId) ?? null };
    }),
  });
}

forEachDatabase((database) => {
  describe("the draft table after saves", () => {
    it("shows each save in its row at once, never an earlier text, and leaves the other rows as they were", async () => {
      const { app, store } = await seededApp(database);
      const who = await cast(store);
      await openFy2020(store, who);
      const round = await store.rounds.find(who.planId, 2020);
      if (!round) throw new Error("no FY2020");
      await moveRound(store, acting(who.secretariat), {
        roundId: round.id,
        expectedVersion: round.version,
        to: "entry",
      });

      const before = await draftTable(app, who);
      expect(textOf(rowOf(before, 1))).not.toContain("九十九件");

      await saveNo1(store, who, "保存した取組内容その一", "九十九件");
      const first = await draftTable(app, who);
      const row1 = textOf(rowOf(first, 1)).replace(/\s/g, "");
      expect(row1).toContain("保存した取組内容その一");
      expect(row1).toContain("九十九件");
      expect(rowOf(first, 2)).toBe(rowOf(before, 2));

      await saveNo1(store, who, "保存した取組内容その二", "百一件");
      const second = await draftTable(app, who);
      const row2 = textOf(rowOf(second, 1)).replace(/\s/g, "");
      expect(row2).toContain("保存した取組内容その二");
      expect(row2).toContain("百一件");
      expect(row2).not.toContain("その一");
      expect(row2).not.toContain("九十九件");

      // Back to the first text: the row kept for that content is the right one to show again.
      await saveNo1(store, who, "保存した取組内容その一", "九十九件");
      const third = await draftTable(app, who);
      expect(rowOf(third, 1)).toBe(rowOf(first, 1));
      expect(textOf(rowOf(third, 1))).not.toContain("その二");
    });
  });
});
