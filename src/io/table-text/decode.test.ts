import { readFileSync } from "node:fs";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { decodeTableText } from "./decode.ts";
import { importTableText } from "./index.ts";

const seed = readFileSync(new URL("../../../test/fixtures/sakado-fy2019.txt", import.meta.url), "utf8");
const reference = importTableText(seed).document;

function bytes(...parts: (Uint8Array | number[])[]): Uint8Array {
  return new Uint8Array(Buffer.concat(parts.map((p) => Buffer.from(p))));
}

const encodings: [string, Uint8Array, string][] = [
  ["UTF-8", bytes(Buffer.from(seed, "utf8")), "UTF-8"],
  ["UTF-8 with BOM", bytes([0xef, 0xbb, 0xbf], Buffer.from(seed, "utf8")), "UTF-8"],
  ["Shift_JIS", bytes(iconv.encode(seed, "Shift_JIS")), "Shift_JIS"],
  ["EUC-JP", bytes(iconv.encode(seed, "EUC-JP")), "EUC-JP"],
  ["UTF-16LE with BOM", bytes([0xff, 0xfe], iconv.encode(seed, "utf16le")), "UTF-16LE"],
  ["UTF-16LE without BOM", bytes(iconv.encode(seed, "utf16le")), "UTF-16LE"],
  ["UTF-16BE with BOM", bytes([0xfe, 0xff], iconv.encode(seed, "utf16be")), "UTF-16BE"],
  ["UTF-16BE without BOM", bytes(iconv.encode(seed, "utf16be")), "UTF-16BE"],
  ["UTF-8, CRLF line breaks", bytes(Buffer.from(seed.replace(/\n/g, "\r\n"), "utf8")), "UTF-8"],
  ["UTF-8, CR line breaks", bytes(Buffer.from(seed.replace(/\n/g, "\r"), "utf8")), "UTF-8"],
  ["Shift_JIS, CRLF line breaks", bytes(iconv.encode(seed.replace(/\n/g, "\r\n"), "Shift_JIS")), "Shift_JIS"],
  [
    "UTF-16LE with BOM, CRLF",
    bytes([0xff, 0xfe], iconv.encode(seed.replace(/\n/g, "\r\n"), "utf16le")),
    "UTF-16LE",
  ],
];

describe("decodeTableText", () => {
  it.each(encodings)("reads the seed as %s", (_name, input, encoding) => {
    const decoded = decodeTableText(input);
    expect(decoded.ok && decoded.encoding).toBe(encoding);
    expect(decoded.ok && decoded.text.replace(/\r\n?/g, "\n")).toBe(seed);
  });

  it("drops the BOM of a string input", () => {
    const decoded = decodeTableText(`\uFEFF${seed}`);
    expect(decoded.ok && decoded.text).toBe(seed);
    expect(decoded.ok && decoded.encoding).toBeNull();
  });

  it("refuses a PNG as binary", () => {
    const png = bytes([
      0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52,
    ]);
    expect(decodeTableText(png)).toEqual({ ok: false, reason: "binary" });
  });

  it("refuses text full of control characters", () => {
    const noisy = "基本方針\x01\x02\x03\x04\x05\x06\x07\x08No.";
    expect(decodeTableText(noisy)).toEqual({ ok: false, reason: "binary" });
  });

  it("keeps a stray undecodable byte as U+FFFD and counts it", () => {
    // Shift_JIS text with one broken lead byte at the end.
    const input = bytes(iconv.encode("基本方針\tNo.\n", "Shift_JIS"), [0x82]);
    const decoded = decodeTableText(input);
    expect(decoded.ok && decoded.encoding).toBe("Shift_JIS");
    expect(decoded.ok && decoded.replaced).toBe(1);
  });
});

describe("importTableText in every encoding", () => {
  it("the reference document has 24 initiatives", () => {
    expect(reference?.policies.flatMap((p) => p.initiatives)).toHaveLength(24);
  });

  it.each(encodings)("%s gives the same document as the UTF-8 seed", (_name, input, encoding) => {
    const result = importTableText(input);
    expect(result.encoding).toBe(encoding);
    expect(result.diagnostics).toEqual([]);
    expect(result.document).toEqual(reference);
  });
});

describe("damaged UTF-8", () => {
  it("stays UTF-8 with the broken bytes replaced and counted, instead of being misread as Shift_JIS", () => {
    const damaged = new Uint8Array(Buffer.from(seed, "utf8"));
    damaged[5000] = 0xff;
    const decoded = decodeTableText(damaged);
    expect(decoded.ok && decoded.encoding).toBe("UTF-8");
    expect(decoded.ok && decoded.replaced).toBeGreaterThan(0);
    expect(decoded.ok && decoded.text.includes("行政改革後期アクションプラン")).toBe(true);
  });

  it("is reported as a warning by the importer", () => {
    const damaged = new Uint8Array(Buffer.from(seed, "utf8"));
    damaged[5000] = 0xff;
    const result = importTableText(damaged);
    expect(result.diagnostics[0]).toMatchObject({ code: "input.replacement", severity: "warning" });
    expect(result.document?.policies.flatMap((p) => p.initiatives)).toHaveLength(24);
  });
});
