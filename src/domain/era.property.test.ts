import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  eraInfo,
  eraOfDate,
  eraOfFiscalYear,
  fiscalYearEnd,
  fiscalYearOfDate,
  fiscalYearStart,
  formatFiscalYear,
  formatFiscalYearEnd,
  formatJapaneseDate,
  isoDate,
  lastDayOfMonth,
  parseFiscalYear,
  parseFiscalYearEnd,
  parseJapaneseDate,
} from "./era.ts";

const dateArb = fc
  .tuple(
    fc.integer({ min: 1927, max: 2200 }),
    fc.integer({ min: 1, max: 12 }),
    fc.integer({ min: 1, max: 31 }),
  )
  .map(([y, m, d]) => isoDate(y, m, d) ?? lastDayOfMonth(y, m));
const fiscalYearArb = fc.integer({ min: 1927, max: 2200 });

describe("era properties", () => {
  it("every date reads back from its long and short Japanese forms", () => {
    fc.assert(
      fc.property(dateArb, (iso) => {
        expect(parseJapaneseDate(formatJapaneseDate(iso, "long"))).toBe(iso);
        expect(parseJapaneseDate(formatJapaneseDate(iso, "short"))).toBe(iso);
      }),
    );
  });

  it("an era year names the same date as its 西暦 year", () => {
    fc.assert(
      fc.property(dateArb, (iso) => {
        const { era, year } = eraOfDate(iso);
        expect(eraInfo(era).startYear + year - 1).toBe(Number(iso.slice(0, 4)));
        expect(iso >= eraInfo(era).start).toBe(true);
      }),
    );
  });

  it("every fiscal year reads back from each of its forms and contains its own dates", () => {
    fc.assert(
      fc.property(fiscalYearArb, (fy) => {
        for (const style of ["long", "short", "western"] as const)
          expect(parseFiscalYear(formatFiscalYear(fy, style))).toBe(fy);
        expect(parseFiscalYearEnd(formatFiscalYearEnd(fy))).toBe(fy);
        expect(fiscalYearOfDate(fiscalYearStart(fy))).toBe(fy);
        expect(fiscalYearOfDate(fiscalYearEnd(fy))).toBe(fy);
        expect(eraOfFiscalYear(fy)).toBe(eraOfDate(`${fy}-06-01`).era);
      }),
    );
  });

  it("an era-less year in the fiscal year's own era is the same year", () => {
    fc.assert(
      fc.property(fiscalYearArb, (fy) => {
        const era = eraOfFiscalYear(fy);
        const year = fy - eraInfo(era).startYear + 1;
        expect(parseFiscalYear(`${year}年度`, { defaultEra: era })).toBe(fy);
      }),
    );
  });
});
