import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { MAPPING_FIELDS } from "./fields.ts";
import { mappingSchema, parseMapping } from "./schema.ts";

/** docs/MAPPING.md must document every key, and its worked examples must be the fixtures that tests import. */
const doc = readFileSync(new URL("../../../docs/MAPPING.md", import.meta.url), "utf8");
const fixture = (name: string) =>
  JSON.parse(readFileSync(new URL(`../../../test/fixtures/mapping/${name}`, import.meta.url), "utf8"));

/** The ```json blocks of the document that are whole mapping files (they have "columns"). */
const examples = [...doc.matchAll(/```json\n([\s\S]*?)```/g)]
  .map((m) => JSON.parse(m[1] ?? "null") as Record<string, unknown>)
  .filter((json) => "columns" in json);

describe("docs/MAPPING.md", () => {
  it("documents every key of the mapping and every column field", () => {
    for (const key of Object.keys(mappingSchema.shape)) expect(doc, key).toContain(`| \`${key}\` |`);
    for (const field of MAPPING_FIELDS) expect(doc, field).toContain(`| \`${field}\` |`);
    // The round's older name still reads.
    expect(doc).toContain("`report`");
  });

  it("does not promise that next year's file imports with the same mapping, and says what to do when columns grow", () => {
    // Untrue when next year's file adds an R2実績 column: eachYear lacks it, and letters shift.
    expect(doc).not.toContain("翌年度は同じ列の対応表のまま、年度だけ変えて取り込めます");
    expect(doc).toContain(
      "翌年度のファイルに `R2実績` の列が加わったときは、同じ列の対応表のままでは取り込めません。",
    );
    expect(doc).toContain("年度ごとに列が増える表には、列を見出しの文字");
  });

  it("shows the three fixture mappings exactly, and all are valid", () => {
    expect(examples).toEqual([
      fixture("city-marks.json"),
      fixture("city-sabc.json"),
      fixture("city-years.json"),
    ]);
    for (const example of examples) expect(parseMapping(example).diagnostics).toEqual([]);
  });
});
