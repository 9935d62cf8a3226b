/**
 * A finding about input: where it is and what is wrong. Importers return these instead of throwing so
 * that a user sees every problem at once, with the line/cell/field it concerns.
 */
export type Severity = "error" | "warning" | "info";

export interface Diagnostic {
  severity: Severity;
  /** Stable id, e.g. "kpi.unparsed"; messages are looked up by it. */
  code: string;
  /** Japanese message, ready to show. */
  message: string;
  /** English message. */
  messageEn?: string;
  /** 1-based line of a text input. */
  line?: number;
  /** Sheet name of a workbook input. */
  sheet?: string;
  /** Cell address ("E12") or 1-based column number of a row input. */
  cell?: string;
  /** Field of the plan document the finding concerns, e.g. "initiatives[3].kpis[1].target". */
  field?: string;
}

export type MessageCatalog<Code extends string> = Record<
  Code,
  {
    severity: Severity;
    ja: (p: Record<string, string | number>) => string;
    en: (p: Record<string, string | number>) => string;
  }
>;

/** Builds a diagnostic from a module's message catalog, so wording lives in one place per module. */
export function makeDiagnostic<Code extends string>(
  catalog: MessageCatalog<Code>,
  code: Code,
  params: Record<string, string | number> = {},
  location: Pick<Diagnostic, "line" | "sheet" | "cell" | "field"> = {},
): Diagnostic {
  const entry = catalog[code];
  return {
    severity: entry.severity,
    code,
    message: entry.ja(params),
    messageEn: entry.en(params),
    ...location,
  };
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === "error");
}

/**
 * "エラー（12行目）：…" / "エラー（Sheet1!E12）：…" — one line for a terminal or a log. The place is one
 * a person can find in the file (a line, a cell); a field's code name (policies[1].grade) is for
 * programs, so it is never shown here.
 */
export function formatDiagnostic(d: Diagnostic): string {
  const label = { error: "エラー", warning: "警告", info: "情報" }[d.severity];
  const where = placeOf(d);
  return `${label}${where ? `（${where}）` : ""}：${d.message}`;
}

/** "12行目", "Sheet1!E12", "E12", or undefined when the finding is about the whole file. */
export function placeOf(d: Pick<Diagnostic, "line" | "sheet" | "cell">): string | undefined {
  if (d.sheet) return d.cell ? `${d.sheet}!${d.cell}` : d.sheet;
  if (d.cell) return d.cell;
  if (d.line !== undefined) return `${d.line}行目`;
  return undefined;
}
