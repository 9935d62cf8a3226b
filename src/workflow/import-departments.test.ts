import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { forEachDatabase } from "../../test/db.ts";
import { importDocument, loadPublished, TEST_ACTOR } from "../../test/store.ts";
import type { PlanDocument } from "../domain/plan-document.ts";
import { importFile } from "../io/import-file.ts";
import type { SqlStore } from "../store/sql-store.ts";
import { StoreError } from "../store/types.ts";
import { departmentFindingsOf } from "./import-preview.ts";

/**
 * A table naming 関係課 the organization merged or retired since (both databases), read from the
 * seed's table text: line 14 is No.2 (広報広聴課 政策企画課 関係各課), line 15 No.3 (情報政策課 関係各課).
 * - merged: the round keeps the printed name; the plan's links go to the successor (latest year);
 * - retired: refused in the plan's latest year, with the line and what to do; taken as printed for
 *   a past year.
 */

const ORGANIZATION = { slug: "sakado", name: "坂戸市" };
const SEED = readFileSync(new URL("../../test/fixtures/sakado-fy2019.txt", import.meta.url));

async function read() {
  const result = await importFile(new Uint8Array(SEED), { fileName: "sakado-fy2019.txt" });
  if (!result.document) throw new Error("the seed reads");
  return { document: result.document, places: result.places ?? {} };
}

function initiative(document: PlanDocument | undefined, number: number) {
  return document?.policies.flatMap((p) => p.initiatives).find((i) => i.number === number);
}

async function department(store: SqlStore, organizationId: number, name: string) {
  const found = (await store.departments.list(organizationId)).find((d) => d.name === name);
  if (!found) throw new Error(`the seed's ${name}`);
  return found;
}

forEachDatabase((database) => {
  describe("importing a table that names merged or retired departments", () => {
    it("merged: the table keeps the name it printed, the plan's 関係課 take the successor", async () => {
      const store = await database.open();
      const { document, places } = await read();
      expect(places["policies[0].initiatives[1].departments"]).toEqual({ line: 14 });
      const first = await importDocument(store, document, { organization: ORGANIZATION });
      const { organizationId, planId } = first;
      const from = await department(store, organizationId, "広報広聴課");
      const into = await department(store, organizationId, "政策企画課");
      await store.transaction({ actor: TEST_ACTOR }, (tx) =>
        tx.departments.merge(organizationId, from.id, from.version, into.id),
      );

      const findings = await departmentFindingsOf(store, organizationId, document, (f) => places[f]);
      const no2 = findings.find((d) => d.field === "policies[0].initiatives[1].departments");
      expect(no2).toMatchObject({
        severity: "info",
        code: "department.merged",
        line: 14,
        message:
          "取組項目 No.2の関係課「広報広聴課」は「政策企画課」に統合されています。この年度の集計表には「広報広聴課」と書かれたとおりに取り込み、計画の関係課（次に開く年度から）は「政策企画課」にします。",
      });
      expect(findings.some((d) => d.severity === "error")).toBe(false);

      // The latest year again: accepted; no second 広報広聴課 is made.
      const again = await importDocument(store, document, { organization: ORGANIZATION, replace: true });
      expect(again.publication.revision).toBe(2);
      expect(
        (await store.departments.list(organizationId)).filter((d) => d.name === "広報広聴課"),
      ).toHaveLength(1);
      expect(initiative(await loadPublished(store, planId, 2019), 2)?.departments).toEqual([
        "広報広聴課",
        "政策企画課",
        "関係各課",
      ]);
      const structure = await store.planStructures.load(planId);
      const current = structure?.policies.flatMap((p) => p.initiatives).find((i) => i.number === 2);
      // 広報広聴課 and 政策企画課 are one department now: one link, in the lead's place.
      expect(current?.departments.map((d) => d.name)).toEqual(["政策企画課", "関係各課"]);
    });

    it("renamed: a former name stands for the renamed department; no second department is made", async () => {
      const store = await database.open();
      const { document, places } = await read();
      const { organizationId, planId } = await importDocument(store, document, {
        organization: ORGANIZATION,
      });
      const renamed = await department(store, organizationId, "情報政策課");
      await store.transaction({ actor: TEST_ACTOR }, (tx) =>
        tx.departments.rename(organizationId, renamed.id, renamed.version, "デジタル推進課"),
      );

      const findings = await departmentFindingsOf(store, organizationId, document, (f) => places[f]);
      expect(findings.find((d) => d.field === "policies[0].initiatives[2].departments")).toMatchObject({
        severity: "info",
        code: "department.renamed",
        line: 15,
        message:
          "取組項目 No.3の関係課「情報政策課」は「デジタル推進課」に名称を変更しています。この年度の集計表には「情報政策課」と書かれたとおりに取り込み、計画の関係課は「デジタル推進課」のままにします。",
      });
      expect(findings.some((d) => d.severity === "error")).toBe(false);

      // The same year's table again (it prints the old name): one department, the plan keeps its name.
      await importDocument(store, document, { organization: ORGANIZATION, replace: true });
      const names = (await store.departments.list(organizationId)).map((d) => d.name);
      expect(names).toContain("デジタル推進課");
      expect(names).not.toContain("情報政策課");
      expect(initiative(await loadPublished(store, planId, 2019), 3)?.departments).toEqual([
        "情報政策課",
        "関係各課",
      ]);
      const structure = await store.planStructures.load(planId);
      const no3 = structure?.policies.flatMap((p) => p.initiatives).find((i) => i.number === 3);
      expect(no3?.departments.map((d) => d.id)).toEqual([
        renamed.id,
        (await department(store, organizationId, "関係各課")).id,
      ]);
    });

    it("retired: refused in the latest year with the line and what to do; a past year's table is taken as printed", async () => {
      const store = await database.open();
      const { document, places } = await read();
      const first = await importDocument(store, document, { organization: ORGANIZATION });
      const { organizationId, planId } = first;
      const retired = await department(store, organizationId, "情報政策課");
      await store.transaction({ actor: TEST_ACTOR }, (tx) =>
        tx.departments.retire(organizationId, retired.id, retired.version),
      );

      const message =
        "取組項目 No.3の関係課「情報政策課」は廃止した課です。最新の年度の集計表の関係課は計画の関係課になるため、廃止した課は使えません。課の管理で「情報政策課」を元に戻すか、ファイルの関係課を今ある課に直してから、もう一度取り込んでください。";
      const findings = await departmentFindingsOf(store, organizationId, document, (f) => places[f]);
      expect(findings.find((d) => d.field === "policies[0].initiatives[2].departments")).toMatchObject({
        severity: "error",
        code: "department.retired",
        line: 15,
        message,
      });
      // The store refuses it too (an import that skipped the preview): nothing is written.
      const publications = (await store.publications.listLatest(organizationId, planId)).map(
        (p) => p.revision,
      );
      const refusal = await importDocument(store, document, {
        organization: ORGANIZATION,
        replace: true,
      }).catch((error) => error);
      expect(refusal).toBeInstanceOf(StoreError);
      expect(refusal.message).toBe(`取り込めません。${message}`);
      expect((await store.publications.listLatest(organizationId, planId)).map((p) => p.revision)).toEqual(
        publications,
      );

      // FY2020 opened: FY2019 is a past year now; its table is taken as it printed.
      await store.transaction({ actor: TEST_ACTOR }, (tx) =>
        tx.rounds.open({
          planId,
          fromRoundId: first.roundId,
          fiscalYear: 2020,
          asOf: "2021-03-31",
          entryDeadline: null,
        }),
      );
      const past = await departmentFindingsOf(store, organizationId, document, (f) => places[f]);
      expect(past.find((d) => d.field === "policies[0].initiatives[2].departments")).toMatchObject({
        severity: "info",
        line: 15,
        message:
          "取組項目 No.3の関係課「情報政策課」は廃止した課です。過去の年度の集計表のため、書かれたとおりに取り込みます。",
      });
      const replaced = await importDocument(store, document, { organization: ORGANIZATION, replace: true });
      expect(replaced.publication.revision).toBe(2);
      expect(initiative(await loadPublished(store, planId, 2019), 3)?.departments).toEqual([
        "情報政策課",
        "関係各課",
      ]);
      expect(
        (await store.departments.list(organizationId)).filter((d) => d.name === "情報政策課"),
      ).toHaveLength(1);
    });
  });
});
