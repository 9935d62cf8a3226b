import Encoding from "encoding-japanese";

/**
 * Turns the bytes of a progress-table text file into a string. Published tables reach us in every
 * encoding a Japanese office produces: UTF-8 (with or without BOM), Shift_JIS (CP932, what Excel on
 * Windows writes), UTF-16 (Excel's "Unicode text", often without BOM) and now and then EUC-JP.
 */
export type TextEncodingName = "UTF-8" | "Shift_JIS" | "EUC-JP" | "UTF-16LE" | "UTF-16BE";

export type DecodeResult =
  | {
      ok: true;
      text: string;
      encoding: TextEncodingName | null;
      replaced: number;
      /** The bytes end in the middle of a character: the file was cut off (an interrupted download). */
      cutInsideCharacter: boolean;
    }
  | { ok: false; reason: "binary" };

const LABELS: Record<TextEncodingName, string> = {
  "UTF-8": "utf-8",
  Shift_JIS: "shift_jis",
  "EUC-JP": "euc-jp",
  "UTF-16LE": "utf-16le",
  "UTF-16BE": "utf-16be",
};

/**
 * Whether the last character of the bytes is incomplete in the encoding. In UTF-8, Shift_JIS and
 * EUC-JP a line feed byte never lies inside a character, so only the text after the last one is
 * decoded again; in UTF-16 an odd length or a final high surrogate tells.
 */
function endsInsideCharacter(bytes: Uint8Array, encoding: TextEncodingName): boolean {
  if (encoding === "UTF-16LE" || encoding === "UTF-16BE") {
    if (bytes.length % 2 !== 0) return true;
    const n = bytes.length;
    if (n < 2) return false;
    const unit =
      encoding === "UTF-16LE"
        ? (bytes[n - 2] as number) | ((bytes[n - 1] as number) << 8)
        : ((bytes[n - 2] as number) << 8) | (bytes[n - 1] as number);
    return unit >= 0xd800 && unit <= 0xdbff;
  }
  const tail = bytes.subarray(bytes.lastIndexOf(0x0a) + 1);
  const decoder = new TextDecoder(LABELS[encoding]);
  decoder.decode(tail, { stream: true });
  return decoder.decode() !== "";
}

/** Characters that never occur in a text export: C0 controls other than TAB, LF, VT, FF, CR. */
function isBinaryControl(code: number): boolean {
  return code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0b && code !== 0x0c && code !== 0x0d;
}

/**
 * A text file has no NUL and at most a stray control character; anything more is a binary file
 * (an image, a zip/xlsx, a PDF) given to the wrong importer.
 */
function looksBinary(text: string): boolean {
  let controls = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0) return true;
    if (isBinaryControl(code)) controls++;
  }
  return controls > 0 && controls * 100 > text.length;
}

function countReplacements(text: string): number {
  let n = 0;
  for (let i = text.indexOf("\uFFFD"); i !== -1; i = text.indexOf("\uFFFD", i + 1)) n++;
  return n;
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * UTF-16 without BOM: ASCII characters (tabs, digits, line breaks — plenty in a table) put a zero
 * byte on one side of their code unit, while Japanese characters rarely have one (only those whose
 * code ends in 00, such as 一 U+4E00 or the ideographic space U+3000). So zero bytes mostly at odd
 * offsets mean little-endian, mostly at even offsets big-endian.
 */
function guessUtf16(bytes: Uint8Array): "UTF-16LE" | "UTF-16BE" | null {
  if (bytes.length < 2 || bytes.length % 2 !== 0) return null;
  let even = 0;
  let odd = 0;
  const limit = Math.min(bytes.length, 1 << 16);
  for (let i = 0; i < limit; i++) {
    if (bytes[i] === 0) {
      if (i % 2 === 0) even++;
      else odd++;
    }
  }
  // At least 1 code unit in 20 must be ASCII for the guess to be meaningful.
  const enough = limit / 2 / 20;
  if (odd > enough && even * 10 < odd) return "UTF-16LE";
  if (even > enough && odd * 10 < even) return "UTF-16BE";
  return null;
}

function tryDecode(bytes: Uint8Array, label: string, fatal: boolean): string | null {
  try {
    return new TextDecoder(label, { fatal, ignoreBOM: false }).decode(bytes);
  } catch {
    return null;
  }
}

/**
 * UTF-8 with a few broken bytes (a damaged download, a file cut mid-character) stays UTF-8: read in
 * Shift_JIS it would turn every Japanese character into another one. Text in Shift_JIS or EUC-JP
 * read as UTF-8 breaks at nearly every non-ASCII character instead.
 */
function mostlyUtf8(bytes: Uint8Array): string | null {
  const text = new TextDecoder("utf-8").decode(bytes);
  let replaced = 0;
  let nonAscii = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0xfffd) replaced++;
    else if (code > 0x7f) nonAscii++;
  }
  return nonAscii > 0 && replaced * 100 <= nonAscii ? text : null;
}

function result(text: string, encoding: TextEncodingName | null, bytes?: Uint8Array): DecodeResult {
  const clean = stripBom(text);
  if (looksBinary(clean)) return { ok: false, reason: "binary" };
  const replaced = countReplacements(clean);
  // Bytes that are mostly undecodable in the best-guess encoding are not text in any encoding we read.
  if (replaced > 8 && replaced * 20 > clean.length) return { ok: false, reason: "binary" };
  const cutInsideCharacter = bytes !== undefined && encoding !== null && endsInsideCharacter(bytes, encoding);
  return { ok: true, text: clean, encoding, replaced, cutInsideCharacter };
}

export function decodeTableText(input: Uint8Array | string): DecodeResult {
  if (typeof input === "string") return result(input, null);
  const bytes = input;
  const b0 = bytes[0];
  const b1 = bytes[1];
  if (b0 === 0xef && b1 === 0xbb && bytes[2] === 0xbf) {
    return result(new TextDecoder("utf-8").decode(bytes), "UTF-8", bytes);
  }
  // A BOM decides; an odd length then only costs the last byte (decoded as U+FFFD and reported).
  if (b0 === 0xff && b1 === 0xfe) return result(new TextDecoder("utf-16le").decode(bytes), "UTF-16LE", bytes);
  if (b0 === 0xfe && b1 === 0xff) return result(new TextDecoder("utf-16be").decode(bytes), "UTF-16BE", bytes);

  const utf16 = guessUtf16(bytes);
  if (utf16) {
    const text = tryDecode(bytes, utf16 === "UTF-16LE" ? "utf-16le" : "utf-16be", true);
    if (text !== null && !looksBinary(text)) return result(text, utf16, bytes);
  }
  // Zero bytes outside UTF-16 mean a binary file: no 8-bit Japanese encoding uses them.
  if (bytes.indexOf(0) !== -1) return { ok: false, reason: "binary" };

  const utf8 = tryDecode(bytes, "utf-8", true);
  if (utf8 !== null) return result(utf8, "UTF-8", bytes);
  const damaged = mostlyUtf8(bytes);
  if (damaged !== null) return result(damaged, "UTF-8", bytes);

  const detected = Encoding.detect(bytes);
  if (detected === "EUCJP") return result(new TextDecoder("euc-jp").decode(bytes), "EUC-JP", bytes);
  return result(new TextDecoder("shift_jis").decode(bytes), "Shift_JIS", bytes);
}
