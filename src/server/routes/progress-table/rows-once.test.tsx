import { describe, expect, it } from "vitest";
import { buildPlanDocument } from "../../../../test/factories/plan-document.ts";
import { textOf } from "../../../../test/server-support.ts";
import { makeUi } from "../../i18n.ts";
import { ProgressTable } from "./views.tsx";

async function render(document: ReturnType<typeof buildPlanDocument>, lang: "ja" | "en" = "ja") {
  const node = (
    <ProgressTable ui={makeUi(lang)} document={document} slug="sakado" planId={1} fyLabel="令和元年度" />
  );
  return String(await node.toString());
}

describe("the progress table's rows", () => {
  it("are rendered once per initiative object: a kept document's rows are reused as they are", async () => {
    const document = buildPlanDocument();
    const first = await render(document);
    const initiative = document.policies[0]?.initiatives[0];
    if (!initiative) throw new Error("factory changed");
    const title = initiative.title;
    expect(textOf(first).replace(/\s/g, "")).toContain(title);
    // Documents in memory never change; changing one here shows that its rows were not rebuilt.
    initiative.title = "書き換えた取組名";
    const again = await render(document);
    expect(again).toBe(first);
    // Another document (a new revision, a changed draft initiative) is rendered from its own texts.
    const next = buildPlanDocument();
    const renamed = next.policies[0]?.initiatives[0];
    if (!renamed) throw new Error("factory changed");
    renamed.title = "新しい取組名";
    const other = await render(next);
    expect(textOf(other).replace(/\s/g, "")).toContain("新しい取組名");
    expect(textOf(other).replace(/\s/g, "")).not.toContain("書き換えた取組名");
  });

  it("are kept apart per language", async () => {
    const document = buildPlanDocument();
    const ja = await render(document, "ja");
    const en = await render(document, "en");
    expect(ja).not.toBe(en);
    expect(en).toContain("lang=en");
    expect(ja).not.toContain("lang=en");
  });
});
