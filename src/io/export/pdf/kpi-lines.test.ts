import { beforeAll, describe, expect, it } from "vitest";
import { seedDocument } from "../../../../test/factories/test-documents.ts";
import type { PlanDocument } from "../../../domain/plan-document.ts";
import { kpiCellText, type ProgressColumnId } from "../../progress-table-columns.ts";
import { kpiLines, type PlacedColumn, placeColumns } from "../pdf.ts";
import { sharedMeasurer, type TextMeasurer } from "./measure.ts";

/**
 * The line breaker's output for the seed's KPI cells at the PDF's own column widths and font: where
 * the printed PDF used to cut 「93.2% (90.6／%H26.3末)」, 「2,938人 (H／26.6~29.2)」, 「74事務 (1事／務対象外)」
 * and set 1,310,189人 a size smaller than its neighbours.
 */
describe("KPI cells of the seed in the PDF's columns", () => {
  let seed: PlanDocument;
  let measurer: TextMeasurer;
  let columns: Record<string, PlacedColumn>;
  const lines = (id: ProgressColumnId, text: string) =>
    kpiLines(text, columns[id] as PlacedColumn, measurer).map((l) => l.text);

  beforeAll(async () => {
    seed = seedDocument();
    measurer = await sharedMeasurer();
    columns = Object.fromEntries(placeColumns(seed).map((c) => [c.id, c]));
  });

  it("breaks a value between its number and its bracketed part, never inside either when they fit", () => {
    expect(lines("kpiBaseline", "2,938人 (H26.6~29.2)")).toEqual(["2,938人", "(H26.6~29.2)"]);
    expect(lines("kpiBaseline", "8,983枚 (H29.2末)")).toEqual(["8,983枚", "(H29.2末)"]);
    expect(lines("kpiCurrent", "74事務 (1事務対象外)")).toEqual(["74事務", "(1事務対象外)"]);
    expect(lines("kpiCurrent", "72事業(累計215)")).toEqual(["72事業", "(累計215)"]);
    expect(lines("kpiTarget", "33,000枚(累計)")).toEqual(["33,000枚", "(累計)"]);
  });

  it("cuts a bracketed part wider than its column before its date", () => {
    expect(lines("kpiBaseline", "93.2% (90.6%H26.3末)")).toEqual(["93.2%", "(90.6%", "H26.3末)"]);
  });

  it("prints the seed's one-line values on one line, at the size of their neighbours", () => {
    for (const [id, text] of [
      ["kpiCurrent", "1,310,189人"],
      ["kpiTarget", "1億円(R2年度)"],
      ["kpiTarget", "350事業(累計)"],
      ["kpiTarget", "実施(31年度)"],
      ["kpiTarget", "80% (R2年度)"],
      ["kpiCurrent", "6事業(累計18)"],
      ["kpiBaseline", "実施(26年度)"],
    ] as const) {
      const result = kpiLines(text, columns[id] as PlacedColumn, measurer);
      expect(result.map((l) => l.text)).toEqual([text]);
      expect(result[0]?.style).toBe("body");
    }
  });

  it("breaks no value of the seed inside a number, a unit or a bracket that fits its column", () => {
    const kpis = seed.policies.flatMap((p) => p.initiatives.flatMap((i) => i.kpis));
    for (const id of ["kpiBaseline", "kpiTarget", "kpiCurrent"] as const) {
      for (const kpi of kpis) {
        const text = kpiCellText(id, kpi);
        const result = kpiLines(text, columns[id] as PlacedColumn, measurer);
        expect(new Set(result.map((l) => l.style)), `${kpi.key} ${text}`).toEqual(new Set(["body"]));
        // Every line starts where the value starts, after a space or at an opening bracket — except
        // inside the one bracketed part too wide for any column.
        let rest = text;
        for (const line of result) {
          expect(rest.startsWith(line.text), `${kpi.key} ${text}`).toBe(true);
          rest = rest.slice(line.text.length).replace(/^ +/, "");
          if (rest !== "" && text !== "93.2% (90.6%H26.3末)")
            expect(rest, `${kpi.key} ${text}`).toMatch(/^\(/);
        }
        expect(rest).toBe("");
      }
    }
  });

  it("keeps the indicator names' phrases whole where they fit", () => {
    expect(lines("kpiName", "北坂戸にぎわいサロンの利用者数(再掲)")).toEqual([
      "北坂戸にぎわいサロンの",
      "利用者数(再掲)",
    ]);
  });
});
