import { readFileSync } from "node:fs";
import { hasErrors } from "../domain/diagnostic.ts";
import { importTableText } from "../io/table-text/index.ts";
import { ownFile } from "../runtime-files.ts";
import type { Store } from "../store/types.ts";
import { type ImportRoundOutcome, importRound } from "../workflow/import-round.ts";

/**
 * The sample a new installation shows: 坂戸市's published progress table for 令和元年度 (the seed,
 * shipped with the server so that runtime code never reads test files).
 */
export const SAMPLE_ORGANIZATION = { slug: "sakado", name: "坂戸市", localGovernmentCode: "112399" } as const;
const SAMPLE_FILE = ownFile("server/sample/sakado-fy2019.txt");

export async function loadSampleData(store: Store): Promise<ImportRoundOutcome> {
  const { document, diagnostics } = importTableText(readFileSync(SAMPLE_FILE));
  if (!document || hasErrors(diagnostics)) {
    const messages = diagnostics.map((d) => d.message).join("\n");
    throw new Error(`サンプルデータを読み取れませんでした / the sample data could not be read:\n${messages}`);
  }
  return importRound(
    store,
    { kind: "system", name: "sample" },
    { document, organization: SAMPLE_ORGANIZATION },
  );
}
