/**
 * The typed-client example the API page shows: types generated from the OpenAPI document with
 * openapi-typescript, requests made with openapi-fetch. A test generates the types from the served
 * document and type-checks this code against them, so the example cannot go stale.
 */

/** The generated types' file, as the example imports it. */
export const TYPES_FILE = "shinchoku-api.d.ts";

/** The command that writes TYPES_FILE from the server at `origin`. */
export function generateCommand(origin: string): string {
  return `npx openapi-typescript ${origin}/api/v1/openapi.json -o ${TYPES_FILE}`;
}

/** The example program, requesting the server at `origin`. */
export function clientExample(origin: string): string {
  return `import createClient from "openapi-fetch";
import type { paths } from "./${TYPES_FILE.replace(/\.d\.ts$/, "")}";

const client = createClient<paths>({ baseUrl: ${JSON.stringify(origin)} });

// Initiatives of FY2019 graded C, with each KPI's achievement in that year.
const { data, error } = await client.GET("/api/v1/plans/{planId}/rounds/{fiscalYear}/initiatives", {
  params: { path: { planId: 1, fiscalYear: 2019 }, query: { grade: "C" } },
});
if (error) throw new Error(\`\${error.title}: \${error.detail}\`);

for (const initiative of data.initiatives) {
  for (const kpi of initiative.kpis) {
    const { statusLabelEn, percent } = kpi.achievement;
    console.log(initiative.number, kpi.name, statusLabelEn, percent === null ? "" : \`\${percent}%\`);
  }
}
`;
}
