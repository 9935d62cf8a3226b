import type { Diagnostic } from "../../domain/diagnostic.ts";
import type { Kpi, Policy } from "../../domain/plan-document.ts";
import { compact } from "./lines.ts";
import { diagnostic } from "./messages.ts";

interface Placed {
  kpi: Kpi;
  initiativeNumber: number;
  field: string;
}

const COLUMNS = [
  ["baseline", "当初", "baseline"],
  ["target", "目標", "target"],
  ["current", "現状値", "current value"],
] as const;

/**
 * 再掲: a KPI listed again under another initiative is the same KPI. Each relisted KPI is linked to
 * the first KPI of the same name, not itself relisted, in another initiative. Names are compared
 * with full-width forms folded and white space removed, since the two listings were typed apart.
 */
export function linkRelistedKpis(
  policies: readonly Policy[],
  lineOf: (kpi: Kpi) => number | undefined,
): Diagnostic[] {
  // Per name, the first original and the first one in a different initiative: whichever initiative
  // a relisted KPI is in, one of the two is its original, so a lookup never scans a long list.
  const originals = new Map<string, [Placed] | [Placed, Placed]>();
  const relisted: Placed[] = [];
  policies.forEach((policy, p) => {
    policy.initiatives.forEach((initiative, i) => {
      initiative.kpis.forEach((kpi, k) => {
        const placed = {
          kpi,
          initiativeNumber: initiative.number,
          field: `policies[${p}].initiatives[${i}].kpis[${k}]`,
        };
        if (kpi.relisted) {
          relisted.push(placed);
          return;
        }
        const name = compact(kpi.name);
        const found = originals.get(name);
        if (!found) originals.set(name, [placed]);
        else if (found.length === 1 && found[0].initiativeNumber !== initiative.number) found.push(placed);
      });
    });
  });

  const diagnostics: Diagnostic[] = [];
  for (const r of relisted) {
    const location = { line: lineOf(r.kpi), field: r.field };
    const original = originals
      .get(compact(r.kpi.name))
      ?.find((o) => o.initiativeNumber !== r.initiativeNumber);
    if (!original) {
      diagnostics.push(diagnostic("kpi.relist-not-found", { name: r.kpi.name, key: r.kpi.key }, location));
      continue;
    }
    r.kpi.relistOf = original.kpi.key;
    for (const [column, ja, en] of COLUMNS) {
      const text = r.kpi[column].text;
      const originalText = original.kpi[column].text;
      if (compact(text) === compact(originalText)) continue;
      diagnostics.push(
        diagnostic(
          "kpi.relist-differs",
          {
            name: r.kpi.name,
            key: r.kpi.key,
            column: ja,
            columnEn: en,
            text,
            original: original.kpi.key,
            originalText,
          },
          { ...location, field: `${r.field}.${column}` },
        ),
      );
    }
  }
  return diagnostics;
}
