import { beforeAll, expect, it } from "vitest";
import { forEachDatabase } from "../../test/db.ts";
import { buildPlanDocument, FACTORY_ORGANIZATION } from "../../test/factories/plan-document.ts";
import { importDocument } from "../../test/store.ts";
import { parseKpiValue } from "../domain/kpi-parse.ts";
import { createApp } from "./app.ts";

// Pages build their large tables as strings for speed: every piece of a city's text must still be
// escaped exactly as JSX would escape it.
const MARKUP = `<script>alert("x")</script>&'`;
const ESCAPED = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;";

forEachDatabase((database) => {
  let app: ReturnType<typeof createApp>;
  let planPath = "";
  beforeAll(async () => {
    const store = await database.open();
    const doc = buildPlanDocument();
    const policy = doc.policies[0];
    const initiative = policy?.initiatives[0];
    const kpi = initiative?.kpis[0];
    if (!policy || !initiative || !kpi) throw new Error("factory changed");
    policy.title = `方針${MARKUP}`;
    initiative.title = `取組${MARKUP}`;
    initiative.departments = [`課${MARKUP}`];
    initiative.description = `内容${MARKUP}`;
    initiative.committeeOpinion = `意見${MARKUP}`;
    kpi.name = `指標${MARKUP}`;
    kpi.label = kpi.name;
    kpi.current = parseKpiValue(`値${MARKUP}`);
    const outcome = await importDocument(store, doc, { organization: FACTORY_ORGANIZATION });
    planPath = `/o/${FACTORY_ORGANIZATION.slug}/plans/${outcome.planId}/${outcome.fiscalYear}`;
    app = createApp({ store, pageCache: false });
  });

  it.each(["/table", "", "/table?lang=en", "?lang=en"])("escapes the city's text on %s", async (suffix) => {
    // <wbr> and spans mark where the table's lines may break (views/phrase-html.ts); the text is checked.
    const html = (await (await app.request(`${planPath}${suffix}`)).text()).replace(
      /<wbr>|<span class="(?:nw|p)">|<\/span>/g,
      "",
    );
    expect(html).not.toContain("<script>");
    expect(html).toContain(`取組${ESCAPED}`);
    expect(html).toContain(`課${ESCAPED}`);
    if (suffix.startsWith("/table")) {
      for (const text of ["方針", "内容", "意見", "指標", "値"]) expect(html).toContain(`${text}${ESCAPED}`);
    }
  });
});
