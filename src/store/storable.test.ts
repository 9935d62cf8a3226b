import { describe, expect, it } from "vitest";
import { countRows, forEachDatabase } from "../../test/db.ts";
import { initiative, kpi, smallDocument } from "../../test/factories/test-documents.ts";
import { importDocument } from "../../test/store.ts";
import type { PlanDocument } from "../domain/plan-document.ts";
import { StoreError } from "./types.ts";

const organization = { slug: "sakado", name: "坂戸市" };

function valid(): PlanDocument {
  return smallDocument([
    initiative(1, { kpis: [kpi("1-1", "協働事業の参加者数", "1,200人", "2,000人", "1,650人")] }),
    initiative(2),
  ]);
}

/** Documents each database would once have treated differently (stored, or thrown at with a trace). */
const unstorable: [string, (doc: PlanDocument) => void, string][] = [
  [
    "a fiscal year outside the plan period",
    (doc) => {
      doc.round.fiscalYear = 9998;
    },
    "取り込めません。報告の年度（9998）は西暦の年度で、1900～2999の整数で書いてください。",
  ],
  [
    "initiative No. 2^31",
    (doc) => {
      const first = doc.policies[0]?.initiatives[0];
      if (first) first.number = 2 ** 31;
    },
    "取り込めません。取組項目の番号（No.）「2147483648」は1～1000000の整数で書いてください。",
  ],
  [
    "a NUL byte in a title",
    (doc) => {
      const first = doc.policies[0]?.initiatives[0];
      if (first) first.title = "取組\u0000項目";
    },
    "取り込めません。文字列に保存できない文字（NUL U+0000）が含まれています。ファイルが壊れていないか確かめてください。",
  ],
  [
    "half a surrogate pair in a KPI value",
    (doc) => {
      const value = doc.policies[0]?.initiatives[0]?.kpis[0]?.current;
      if (value) value.text = "\uDC00";
    },
    "取り込めません。文字列に保存できない文字（U+DC00）が含まれています。ファイルが壊れていないか確かめてください。",
  ],
];

forEachDatabase((database) => {
  describe("one rule for what can be stored", () => {
    it.each(unstorable)(
      "%s: refused before anything is written, in the same words",
      async (_, spoil, message) => {
        const store = await database.open();
        const before = await countRows(store);
        const doc = valid();
        spoil(doc);
        const refusal = await importDocument(store, doc, { organization }).catch((e: unknown) => e);
        expect(refusal).toBeInstanceOf(StoreError);
        expect((refusal as StoreError).code).toBe("document.invalid");
        expect((refusal as StoreError).message).toBe(message);
        expect(await countRows(store)).toEqual(before);
      },
    );
  });
});
