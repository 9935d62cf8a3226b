import { toHalfWidth } from "./text-width.ts";

/**
 * What an initiative number (取組項目の No.) is, for every reader of tables: a whole number from 1,
 * written in half- or full-width digits, optionally as "No.1" / "No 1" / "1." and with spaces around.
 * Anything else (0, "1-2", "(1)") is not an initiative number.
 */
const NUMBER = /^(?:No\.?\s*)?(\d{1,6})\.?$/i;

/** "1", "１", "No.1", " 1. " → 1; undefined for anything else, 0 included. */
export function parseInitiativeNumber(text: string): number | undefined {
  // Short-circuit long cells: a number is never more than a dozen characters.
  if (text.length > 40) return undefined;
  const m = NUMBER.exec(toHalfWidth(text).trim());
  const number = m ? Number(m[1]) : 0;
  return number >= 1 ? number : undefined;
}
