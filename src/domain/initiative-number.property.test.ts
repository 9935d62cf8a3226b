import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compareInitiativeNumbers, readInitiativeNumber } from "./initiative-number.ts";

const CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳";
const FULL_DIGITS = "０１２３４５６７８９";

const fullWidth = (n: number) => [...String(n)].map((d) => FULL_DIGITS[Number(d)]).join("");

/** One part of a written number with the value it stands for: 7, ７, (7), ⑦, R7. */
const part = fc
  .integer({ min: 1, max: 20 })
  .chain((n) =>
    fc.constantFrom(
      { text: String(n), value: n },
      { text: fullWidth(n), value: n },
      { text: `(${n})`, value: n },
      { text: CIRCLED[n - 1] as string, value: n },
    ),
  );
const written = fc
  .tuple(fc.boolean(), fc.array(part, { minLength: 1, maxLength: 3 }))
  .map(([mark, parts]) => {
    const letters = mark && parts.length > 1;
    // A lettered number's first part is "R" and plain digits: "No.R1-1".
    const texts = parts.map((p, i) => (letters && i === 0 ? `No.R${p.value}` : p.text));
    return { text: texts.join("-"), letters, values: parts.map((p) => p.value) };
  });

const sign = (n: number) => Math.sign(n) + 0;

describe("compareInitiativeNumbers (properties)", () => {
  it("is antisymmetric and zero only for equal texts", () => {
    fc.assert(
      fc.property(written, written, (a, b) => {
        const ab = compareInitiativeNumbers(a.text, b.text);
        expect(sign(ab)).toBe(0 - sign(compareInitiativeNumbers(b.text, a.text)));
        expect(ab === 0).toBe(a.text === b.text);
      }),
    );
  });

  it("is transitive", () => {
    fc.assert(
      fc.property(written, written, written, (a, b, c) => {
        const [x, y, z] = [a.text, b.text, c.text].sort(compareInitiativeNumbers) as [string, string, string];
        expect(compareInitiativeNumbers(x, z)).toBeLessThanOrEqual(0);
        expect(compareInitiativeNumbers(x, y)).toBeLessThanOrEqual(0);
        expect(compareInitiativeNumbers(y, z)).toBeLessThanOrEqual(0);
      }),
    );
  });

  it("orders by the parts' values, whichever way each digit is written, plain before lettered", () => {
    fc.assert(
      fc.property(written, written, (a, b) => {
        const expected = a.letters !== b.letters ? (a.letters ? 1 : -1) : lexicographic(a.values, b.values);
        if (expected !== 0) expect(sign(compareInitiativeNumbers(a.text, b.text))).toBe(expected);
      }),
    );
  });

  it("reads every composite number verbatim", () => {
    fc.assert(
      fc.property(written, (a) => {
        const reading = readInitiativeNumber(a.text);
        if (a.values.length > 1) expect(reading).toEqual({ text: a.text });
      }),
    );
  });
});

function lexicographic(a: number[], b: number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++)
    if (a[i] !== b[i]) return sign((a[i] as number) - (b[i] as number));
  return sign(a.length - b.length);
}
