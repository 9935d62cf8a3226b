import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { countRows, forEachDatabase } from "../../test/db.ts";
import { importDocument, loadDraft } from "../../test/store.ts";
import { importTableText } from "../io/table-text/index.ts";

const seed = readFileSync(new URL("../../test/fixtures/sakado-fy2019.txt", import.meta.url));

forEachDatabase((database) => {
  describe("the seed table (坂戸市, 令和元年度)", () => {
    it("is stored and read back as the same plan document", async () => {
      const { document } = importTableText(seed);
      if (!document) throw new Error("the table-text importer read no document from the seed");
      const store = await database.open();
      const { planId, organizationId } = await importDocument(store, document, {
        organization: { slug: "sakado", name: "坂戸市" },
      });

      expect(await loadDraft(store, planId, 2019)).toStrictEqual({ ...document, diagnostics: [] });

      // Facts of the source table, counted by hand: 24 initiatives, 本部会評価 8 10 5 1.
      const [round] = await store.publications.listLatest(organizationId);
      expect(round).toMatchObject({ fiscalYear: 2019, asOf: "2020-03-31", initiativeCount: 24, revision: 1 });
      expect(round?.gradeSummary).toEqual({ A: 8, B: 10, C: 5, D: 1 });
      const published = round && (await store.publications.load(round.id));
      expect(published?.document).toStrictEqual({ ...document, diagnostics: [] });
      // The source marks five KPIs (再掲) (No.6, 14, 20, 22 twice): each is one KPI with two links,
      // and one value per KPI.
      const counts = await countRows(store);
      expect(counts.initiative_kpi - counts.kpi).toBe(5);
      expect(counts.kpi_value).toBe(counts.kpi);
      expect(counts.report).toBe(24);
      // No.6's 北坂戸にぎわいサロンの利用者数(再掲) is No.1's KPI: one id behind both lines.
      const salon = published?.document.policies
        .flatMap((p) => p.initiatives)
        .find((i) => i.number === 6)
        ?.kpis.find((k) => k.relisted);
      expect(salon?.name).toBe("北坂戸にぎわいサロンの利用者数");
      expect(salon?.relistOf).toMatch(/^1-\d$/);
      const links = published?.links.kpis ?? {};
      expect(links[salon?.key ?? ""]).toBe(links[salon?.relistOf ?? ""]);
    });
  });
});
