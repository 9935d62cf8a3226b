import type { PlanDocument } from "../../domain/plan-document.ts";

/**
 * The plan document as stored, pretty-printed (2 spaces, trailing newline). It is the re-import
 * format (`shinchoku import plan.json`), so nothing is dropped: the diagnostics stay too, since they
 * are part of the document (what the importer found when the round was read) and the JSON importer
 * validates them like every other field.
 */
export function exportJson(doc: PlanDocument): string {
  return `${JSON.stringify(doc, null, 2)}\n`;
}
