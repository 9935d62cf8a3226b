import { describe, expect, it } from "vitest";
import yauzl from "yauzl";
import { forEachDatabase } from "../../../../test/db.ts";
import { seededApp } from "../../../../test/server-support.ts";
import { actingAs, openEntryRound, sessionFor } from "../../../../test/support/entry-round.ts";
import { mergeDepartment, renameDepartment, retireDepartment } from "../../../workflow/departments.ts";
import { createApp } from "../../app.ts";

/**
 * Issue 8: renaming, merging and retiring departments keep past rounds and publications
 * byte-identical. The seed's FY2019 (published) is downloaded and its public pages read before and
 * after 政策企画課 is renamed, 広報広聴課 merged into it and 施設管理課 retired, each time from a
 * new app (so no cache of the first answers can hide a change), and compared byte for byte. The
 * workbook is compared entry by entry (name and bytes of each part): its zip stamps each entry with
 * the time it was rendered, whatever the content.
 * FY2020, open, is the one that changes.
 */

/** The workbook's parts and their bytes, without the zip's per-render timestamps. */
function workbookParts(bytes: Buffer): Promise<Record<string, string>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(bytes, { lazyEntries: true }, (error, zip) => {
      if (error) return reject(error);
      const parts: Record<string, string> = {};
      zip.on("entry", (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError) return reject(streamError);
          const chunks: Buffer[] = [];
          stream.on("data", (chunk: Buffer) => chunks.push(chunk));
          stream.on("end", () => {
            parts[entry.fileName] = Buffer.concat(chunks).toString("base64");
            zip.readEntry();
          });
          stream.on("error", reject);
        });
      });
      zip.on("end", () => resolve(parts));
      zip.on("error", reject);
      zip.readEntry();
    });
  });
}
const ADDRESSES = [
  "/api/v1/plans/1/rounds/2019/export.csv",
  "/api/v1/plans/1/rounds/2019/export.csv?encoding=shift_jis",
  "/api/v1/plans/1/rounds/2019/export.json",
  "/api/v1/plans/1/rounds/2019/export.xlsx",
  "/o/sakado/plans/1/2019/table",
  "/o/sakado/plans/1/2019",
  "/o/sakado/plans/1/2019/revisions",
  // No.2 シティプロモーションの推進: 広報広聴課 (lead), 政策企画課.
  "/o/sakado/plans/1/initiatives/2",
  // No.10: 政策企画課, 施設管理課.
  "/o/sakado/plans/1/initiatives/10",
];

forEachDatabase((database) => {
  describe("published rounds after department changes", () => {
    it("answer every download and public page of FY2019 with the same bytes; the draft of FY2019 is unchanged too", async () => {
      const { store } = await seededApp(database);
      const secretariat = await sessionFor(store, "jimukyoku", ["secretariat"]);
      const { planId } = await openEntryRound(store, secretariat);
      const draftPage = `/o/sakado/manage/plans/${planId}/2019/table`;

      const read = async () => {
        const app = createApp({ store });
        const answers = new Map<string, Buffer>();
        for (const address of [...ADDRESSES, draftPage]) {
          const response = await app.request(
            address,
            address === draftPage ? { headers: { Cookie: secretariat.cookie } } : {},
          );
          expect(response.status, address).toBe(200);
          answers.set(address, Buffer.from(await response.arrayBuffer()));
        }
        return answers;
      };
      const before = await read();
      const draft2020Before = (await store.rounds.snapshot((await store.rounds.find(planId, 2020))?.id ?? 0))
        ?.document;

      const { actor } = actingAs(secretariat);
      const organizationId = secretariat.account.organizationId;
      const byName = async (name: string) => {
        const found = (await store.departments.list(organizationId)).find((d) => d.name === name);
        if (!found) throw new Error(`no ${name}`);
        return found;
      };
      const seisaku = await byName("政策企画課");
      expect(
        await renameDepartment(store, actor, {
          organizationId,
          departmentId: seisaku.id,
          expectedVersion: seisaku.version,
          name: "企画政策課",
        }),
      ).toMatchObject({ kind: "saved" });
      const koho = await byName("広報広聴課");
      expect(
        await mergeDepartment(store, actor, {
          organizationId,
          departmentId: koho.id,
          expectedVersion: koho.version,
          intoId: seisaku.id,
        }),
      ).toMatchObject({ kind: "saved" });
      const shisetsu = await byName("施設管理課");
      expect(
        await retireDepartment(store, actor, {
          organizationId,
          departmentId: shisetsu.id,
          expectedVersion: shisetsu.version,
          // It leads some initiatives of FY2020: its successor takes them.
          successorId: seisaku.id,
        }),
      ).toMatchObject({ kind: "saved" });

      const after = await read();
      for (const [address, bytes] of before) {
        const now = after.get(address) ?? Buffer.alloc(0);
        if (address.endsWith(".xlsx")) {
          const parts = await workbookParts(bytes);
          expect(Object.keys(parts)).toContain("xl/sharedStrings.xml");
          expect(await workbookParts(now), address).toEqual(parts);
        } else expect(now.equals(bytes), address).toBe(true);
      }
      // The published table still prints the names of FY2019; the open FY2020 prints today's.
      expect(before.get("/o/sakado/plans/1/2019/table")?.toString()).toContain("広報広聴課");
      const draft2020 = (await store.rounds.snapshot((await store.rounds.find(planId, 2020))?.id ?? 0))
        ?.document;
      const number = (n: number, doc: typeof draft2020) =>
        doc?.policies.flatMap((p) => p.initiatives).find((i) => i.number === n)?.departments;
      expect(number(2, draft2020Before)).toEqual(["広報広聴課", "政策企画課", "関係各課"]);
      expect(number(2, draft2020)).toEqual(["企画政策課", "関係各課"]);
      expect(number(10, draft2020)).toEqual(["企画政策課", "関係各課"]);
    }, 120_000);
  });
});
