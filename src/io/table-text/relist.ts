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
  const originals = new Map<string, Placed[]>();
  const relisted: Placed[] = [];
  policies.forEach((policy, p) => {
    policy.initiatives.forEach((initiative, i) => {
      initiative.kpis.forEach((kpi, k) => {
        const placed = {
          kpi,
          initiativeNumber: initiative.number,
          field: `policies[${p}].initiatives[${i}].kpis[${k}]`,
        };
        if (kpi.relisted) relisted.push(placed);
        else {
          const name = compact(kpi.name);
          const list = originals.get(name);
          if (list) list.push(placed);
          else originals.set(name, [placed]);
        }
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
