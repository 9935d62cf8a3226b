import { type Diagnostic, formatDiagnostic } from "../domain/diagnostic.ts";
import { isLimitFinding } from "../io/limits.ts";

/**
 * A finding as one line on the terminal. A refusal by a limit is the command's own answer (how to
 * go on is an option of the command), so it is given in English too, as the command's other
 * refusals are.
 */
export function formatFinding(d: Diagnostic): string {
  const line = formatDiagnostic(d);
  return isLimitFinding(d) && d.messageEn ? `${line} / ${d.messageEn}` : line;
}
