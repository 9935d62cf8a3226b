/**
 * The 項目 cell of a KPI: its name, possibly followed by `(再掲)` / `（再掲）` / `【再掲】`, which marks the same KPI
 * listed again under another initiative (see GLOSSARY: 再掲).
 */

/**
 * (再掲) in round brackets of either width, or in 【】, 〔〕, ［］ / [] as other tables write it. Anchored
 * on the bracket, not on leading spaces, so that long runs of spaces cannot backtrack.
 */
const RELISTED_MARK = /(?:[(（]\s*再掲\s*[)）]|【\s*再掲\s*】|〔\s*再掲\s*〕|[［[]\s*再掲\s*[］\]])\s*$/u;

/** "北坂戸にぎわいサロンの利用者数(再掲)" → { name: "北坂戸にぎわいサロンの利用者数", relisted: true } */
export function parseKpiLabel(label: string): { name: string; relisted: boolean } {
  const match = RELISTED_MARK.exec(label);
  if (!match) return { name: label.trim(), relisted: false };
  return { name: label.slice(0, match.index).trim(), relisted: true };
}

/** The label as the seed mostly writes it: the name, then `(再掲)` when relisted. */
export function formatKpiLabel(name: string, relisted: boolean): string {
  return relisted ? `${name}(再掲)` : name;
}
