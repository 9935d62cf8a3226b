import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import { seedDocument } from "../../test/factories/test-documents.ts";
import { CELL_TYPE_NAMES, kpiRowColumns } from "./kpi-rows.ts";

/** docs/open-data.md describes every column of the CSV; it must say what the code writes. */
it("docs/open-data.md lists every CSV column, in order, with the seed's headers and the model's descriptions", () => {
  const doc = readFileSync(new URL("../../docs/open-data.md", import.meta.url), "utf8");
  const rows = doc
    .split("\n")
    .filter((line) => /^\| \d+ \|/.test(line))
    .map((line) =>
      line
        .split("|")
        .slice(2, -1)
        .map((cell) => cell.trim()),
    );
  const expected = kpiRowColumns(seedDocument()).map((c) => [
    c.header,
    c.headerEn,
    CELL_TYPE_NAMES[c.type],
    c.description,
  ]);
  expect(rows).toEqual(expected);
});
