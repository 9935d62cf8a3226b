/**
 * Full-width ASCII (０-９, Ａ-Ｚ, ａ-ｚ, ，．％（）～－ …) and the ideographic space to their half-width
 * forms, so that parsers need to know one spelling only. For PARSING only: stored text is never altered.
 *
 * Every character maps to exactly one UTF-16 code unit, so an index into the result is also an index
 * into the input; parsers rely on this to cut verbatim slices (notes, secondary values) out of the
 * original text.
 */
export function toHalfWidth(text: string): string {
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    out += String.fromCharCode(halfWidthCode(code));
  }
  return out;
}

/** U+FF01…U+FF5E are the full-width forms of U+0021…U+007E, in the same order. */
const FULL_WIDTH_FIRST = 0xff01;
const FULL_WIDTH_LAST = 0xff5e;
const FULL_TO_HALF_OFFSET = 0xfee0;

/**
 * Look-alikes that Shift_JIS conversions produce instead of the full-width forms: JIS maps ～ to the
 * wave dash 〜 (U+301C) and － to the minus sign − (U+2212), Windows (CP932) to U+FF5E / U+FF0D. A
 * value typed on one system and converted on another must read the same.
 */
const LOOK_ALIKES: ReadonlyMap<number, number> = new Map([
  [0x3000, 0x20], // ideographic space
  [0x301c, 0x7e], // 〜 wave dash
  [0x2212, 0x2d], // − minus sign
]);

function halfWidthCode(code: number): number {
  if (code >= FULL_WIDTH_FIRST && code <= FULL_WIDTH_LAST) return code - FULL_TO_HALF_OFFSET;
  return LOOK_ALIKES.get(code) ?? code;
}
