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

  it("shows the three fixture mappings exactly, and all are valid", () => {
    expect(examples).toEqual([
      fixture("city-marks.json"),
      fixture("city-sabc.json"),
      fixture("city-years.json"),
    ]);
    for (const example of examples) expect(parseMapping(example).diagnostics).toEqual([]);
  });
});
