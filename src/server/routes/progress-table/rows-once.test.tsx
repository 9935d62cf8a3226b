import { describe, expect, it } from "vitest";
import { buildPlanDocument } from "../../../../test/factories/plan-document.ts";
import { textOf } from "../../../../test/server-support.ts";
import { makeUi } from "../../i18n.ts";
import { rowsKeptByContent } from "./row-cache.ts";
import { ProgressTable } from "./views.tsx";

async function render(
  document: ReturnType<typeof buildPlanDocument>,
  lang: "ja" | "en" = "ja",
  lasting = true,
) {
  const node = (
    <ProgressTable
      ui={makeUi(lang)}
      document={document}
      slug="sakado"
      planId={1}
      fyLabel="令和元年度"
      lasting={lasting}
    />
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

  it("of a draft (read anew at each request) are found by their content: a changed initiative is rendered again, an unchanged one is not", async () => {
    const first = await render(buildPlanDocument(), "ja", false);
    const kept = rowsKeptByContent();
    // The same content in new objects: the same markup, and nothing more kept.
    expect(await render(buildPlanDocument(), "ja", false)).toBe(first);
    expect(rowsKeptByContent()).toBe(kept);

    const saved = buildPlanDocument();
    const initiative = saved.policies[0]?.initiatives[0];
    const kpi = initiative?.kpis[0];
    if (!initiative || !kpi) throw new Error("factory changed");
    initiative.activities = "保存したばかりの取組内容";
    kpi.current = { text: "77件", kind: "quantity", value: 77, unit: "件" };
    const after = await render(saved, "ja", false);
    const text = textOf(after).replace(/\s/g, "");
    expect(text).toContain("保存したばかりの取組内容");
    expect(text).toContain("77件");
    expect(rowsKeptByContent()).toBe(kept + 1);
  });

  it("of a draft are rendered again when the plan's grade scale changes, though the initiatives did not", async () => {
    const graded = buildPlanDocument();
    const initiative = graded.policies[0]?.initiatives[0];
    if (!initiative) throw new Error("factory changed");
    initiative.grade = "S";
    const scale = (label: string) => [
      { code: "S", label },
      { code: "A", label: "順調" },
      { code: "B", label: "遅れ" },
    ];
    graded.plan.gradeScale = scale("大変順調");
    const first = textOf(await render(graded, "ja", false));
    expect(first).toContain("大変順調");
    const relabelled = structuredClone(graded);
    relabelled.plan.gradeScale = scale("目標超過");
    const second = textOf(await render(relabelled, "ja", false));
    expect(second).toContain("目標超過");
    expect(second).not.toContain("大変順調");
  });
});
