import { describe, expect, it } from "vitest";
import { forEachDatabase } from "../../test/db.ts";
import { buildPlanDocument, FACTORY_ORGANIZATION } from "../../test/factories/plan-document.ts";
import { importDocument } from "../../test/store.ts";
import { actingAs, makeAccount } from "../../test/support/signed-in.ts";
import { addDays, daysBetween, japanDate } from "../domain/deadline.ts";
import type { SqlStore } from "../store/sql-store.ts";
import { announceDeadlines } from "./deadlines.ts";
import { moveRound, openRound } from "./round.ts";
import { saveReport } from "./save-report.ts";

/**
 * 提出期限の3日前のお知らせ. The factory's FY2019 table has five initiatives: No.1 and No.4 share
 * 政策企画課, No.3 is 財政課's; 2021-04-30 is the FY2020 round's entry deadline.
 */
async function setup(store: SqlStore) {
  const { planId, organizationId } = await importDocument(store, buildPlanDocument(), {
    organization: FACTORY_ORGANIZATION,
  });
  const secretariat = await makeAccount(store, organizationId, "jimukyoku", ["secretariat"]);
  const seisaku = await makeAccount(store, organizationId, "seisaku", ["editor"], ["政策企画課"]);
  const zaisei = await makeAccount(store, organizationId, "zaisei", ["editor"], ["財政課"]);
  const committee = await makeAccount(store, organizationId, "iin", ["committee"]);
  const round = await openRound(store, actingAs(secretariat), {
    planId,
    fiscalYear: 2020,
    entryDeadline: "2021-04-30",
  });
  return { planId, organizationId, secretariat, seisaku, zaisei, committee, round };
}

/** 09:00 in Japan on an ISO date. */
const japanMorning = (iso: string) => new Date(`${iso}T00:00:00Z`);

const deadlineNotices = async (store: SqlStore, accountId: number) =>
  (await store.notices.list(accountId)).filter((n) => n.kind === "deadlineNear");

describe("Japan's calendar", () => {
  it("counts days in Asia/Tokyo whatever the server's zone", () => {
    // 2021-04-26 15:30 UTC is already the 27th in Japan.
    expect(japanDate(new Date("2021-04-26T15:30:00Z"))).toBe("2021-04-27");
    expect(japanDate(new Date("2021-04-26T14:59:00Z"))).toBe("2021-04-26");
    expect(addDays("2021-04-27", 3)).toBe("2021-04-30");
    expect(addDays("2021-02-27", 2)).toBe("2021-03-01");
    expect(daysBetween("2021-04-27", "2021-04-30")).toBe(3);
  });
});

forEachDatabase((database) => {
  describe("deadline notices", () => {
    it("tell each editor who still owes reports, and the secretariat, once per round, from 3 days before", async () => {
      const store = await database.open();
      const { secretariat, seisaku, zaisei, committee, round } = await setup(store);
      // Not open for entry yet: nothing, even on the day.
      expect(await announceDeadlines(store, japanMorning("2021-04-29"))).toBe(0);
      await moveRound(store, actingAs(secretariat), {
        roundId: round.id,
        expectedVersion: round.version,
        to: "entry",
      });
      // Four days before: too early.
      expect(await announceDeadlines(store, japanMorning("2021-04-26"))).toBe(0);
      // A department that owes nothing hears nothing: 財政課's only report (No.3) is submitted.
      const no3 = await store.reports.find(round.id, 3);
      await store.db
        .updateTable("report")
        .set({ state: "submitted" })
        .where("id", "=", no3?.id ?? 0)
        .execute();

      const revision = await store.revision();
      expect(await announceDeadlines(store, japanMorning("2021-04-27"))).toBe(2);
      expect((await deadlineNotices(store, seisaku.id)).map((n) => n.params)).toEqual([
        { fiscalYear: 2020, deadline: "2021-04-30", days: 3, outstanding: 2 },
      ]);
      expect((await deadlineNotices(store, secretariat.id)).map((n) => n.params)).toEqual([
        { fiscalYear: 2020, deadline: "2021-04-30", days: 3, outstanding: 4 },
      ]);
      expect(await deadlineNotices(store, zaisei.id)).toEqual([]);
      expect(await deadlineNotices(store, committee.id)).toEqual([]);
      expect(await store.revision()).not.toBe(revision);

      // Again the same day, and the next days: never twice; and no write when nothing is due.
      const after = await store.revision();
      expect(await announceDeadlines(store, japanMorning("2021-04-27"))).toBe(0);
      expect(await announceDeadlines(store, japanMorning("2021-04-30"))).toBe(0);
      expect(await store.revision()).toBe(after);
      expect(await deadlineNotices(store, seisaku.id)).toHaveLength(1);

      // A department that owes again later in the window (No.3 returned) is told then, once.
      await store.db
        .updateTable("report")
        .set({ state: "returned" })
        .where("id", "=", no3?.id ?? 0)
        .execute();
      expect(await announceDeadlines(store, japanMorning("2021-04-30"))).toBe(1);
      expect((await deadlineNotices(store, zaisei.id)).map((n) => n.params)).toEqual([
        { fiscalYear: 2020, deadline: "2021-04-30", days: 0, outstanding: 1 },
      ]);
      // After the deadline: nothing more.
      expect(await announceDeadlines(store, japanMorning("2021-05-01"))).toBe(0);
    });

    it("two runs at once write each notice once", async () => {
      const store = await database.open();
      const { secretariat, seisaku, round } = await setup(store);
      await moveRound(store, actingAs(secretariat), {
        roundId: round.id,
        expectedVersion: round.version,
        to: "entry",
      });
      const now = japanMorning("2021-04-28");
      const counts = await Promise.all([announceDeadlines(store, now), announceDeadlines(store, now)]);
      expect(counts[0] + counts[1]).toBe(3);
      expect(await deadlineNotices(store, seisaku.id)).toHaveLength(1);
      expect(await deadlineNotices(store, secretariat.id)).toHaveLength(1);
    });

    it("a saved draft still counts as owed: only submitting settles a report", async () => {
      const store = await database.open();
      const { planId, secretariat, seisaku, round } = await setup(store);
      await moveRound(store, actingAs(secretariat), {
        roundId: round.id,
        expectedVersion: round.version,
        to: "entry",
      });
      // Saving a draft is not submitting: 政策企画課 still owes both.
      const no1 = await store.reports.find(round.id, 1);
      await saveReport(store, actingAs(seisaku).actor, {
        planId,
        fiscalYear: 2020,
        initiativeNumber: 1,
        expectedVersion: no1?.version ?? 0,
        changes: { activities: "協定を2件締結した。" },
      });
      await announceDeadlines(store, japanMorning("2021-04-29"));
      expect((await deadlineNotices(store, seisaku.id))[0]?.params.outstanding).toBe(2);
    });
  });
});
