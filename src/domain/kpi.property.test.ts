import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { eraInfo, eraOfDate, isoDate, lastDayOfMonth } from "./era.ts";
import { formatKpiValue, formatNumber } from "./kpi-format.ts";
import { parseKpiValue } from "./kpi-parse.ts";
import type { KpiParseContext, KpiValue, MoneyUnit } from "./kpi-value.ts";
import { toYen } from "./money.ts";

const KINDS = ["none", "quantity", "money", "stage", "direction", "bound", "relative", "text"];

/** Characters of the notation, half- and full-width, so that random text reaches the deep branches. */
const NOTATION_PIECES = [
  ..."0123456789０１２３４５６７８９,，.．%％-－―~～〜()（） 　/／",
  "約",
  "以上",
  "以下",
  "件",
  "人",
  "千円",
  "億円",
  "回/年",
  "累計",
  "年度",
  "末",
  "H",
  "R",
  "Ｒ",
  "平成",
  "令和",
  "元",
  "実施",
  "継続",
  "拡大",
  "縮小",
  "現状",
  "再掲",
  "素案",
  "\n",
  "\t",
];

const ctxArb: fc.Arbitrary<KpiParseContext | undefined> = fc.constantFrom<KpiParseContext | undefined>(
  undefined,
  { defaultEra: "heisei" },
  { defaultEra: "reiwa" },
  // A plan across the change of era, where era-less years are read in either era.
  { defaultEra: "heisei", planPeriod: { startFiscalYear: 2017, endFiscalYear: 2021 } },
  { defaultEra: "reiwa", planPeriod: { startFiscalYear: 2022, endFiscalYear: 2026 } },
);

/** No optional field may be present with an "empty" value: absent means not applicable. */
function expectNoEmptyFields(v: KpiValue): void {
  for (const [key, field] of Object.entries(v)) {
    if (key === "text") continue;
    expect(field, key).not.toBeUndefined();
    expect(field, key).not.toBe(false);
    expect(field, key).not.toBe("");
  }
  if (v.secondary) expectNoEmptyFields(v.secondary);
}

describe("parseKpiValue on arbitrary text", () => {
  const texts = fc.oneof(
    fc.string({ unit: "grapheme", maxLength: 40 }),
    fc.string({ unit: "binary", maxLength: 40 }),
    fc.string({ unit: fc.constantFrom(...NOTATION_PIECES), maxLength: 25 }),
  );

  it("never throws, keeps the text and gives a reason when it cannot read it", () => {
    fc.assert(
      fc.property(texts, ctxArb, (text, ctx) => {
        const v = parseKpiValue(text, ctx);
        expect(v.text).toBe(text);
        expect(KINDS).toContain(v.kind);
        if (v.kind === "text") expect(v.diagnostic).toMatch(/\S/);
        expectNoEmptyFields(v);
      }),
      { numRuns: 3000 },
    );
  });

  it("formats to a canonical text that formats to itself", () => {
    fc.assert(
      fc.property(texts, ctxArb, (text, ctx) => {
        const canonical = formatKpiValue(parseKpiValue(text, ctx), ctx);
        expect(formatKpiValue(parseKpiValue(canonical, ctx), ctx)).toBe(canonical);
      }),
      { numRuns: 3000 },
    );
  });
});

// ---------------------------------------------------------------------------------------------------
// Canonical values: generated meaning → text → the same meaning

type Meaning = Omit<KpiValue, "text">;

const numberArb = fc.oneof(
  fc.integer({ min: -1_000_000, max: 2_000_000_000 }),
  fc
    .tuple(fc.integer({ min: -100_000_000, max: 100_000_000 }), fc.integer({ min: 1, max: 3 }))
    .map(([units, places]) => Number((units / 10 ** places).toFixed(places))),
);
const UNITS = ["件", "人", "%", "g", "時間", "枚", "事業", "事務", "施設", "団地", "回", "点"];
const MONEY: MoneyUnit[] = ["円", "千円", "万円", "百万円", "億円"];
const NOTES = ["素案", "1事務対象外", "見込み", "暫定値", "市施設の市外利用者数", "ＡＢ案", "3施設休止中"];

const monthArb = fc
  .tuple(fc.integer({ min: 1989, max: 2040 }), fc.integer({ min: 1, max: 12 }))
  .map(([y, m]) => `${y}-${String(m).padStart(2, "0")}`);
const dateArb = fc
  .tuple(
    fc.integer({ min: 1927, max: 2040 }),
    fc.integer({ min: 1, max: 12 }),
    fc.integer({ min: 1, max: 31 }),
  )
  .map(([y, m, d]) => isoDate(y, m, d) ?? lastDayOfMonth(y, m));

/** "H26.3末" / "R2.3.15", spelled by hand from the era table. */
function shortDate(iso: string): string {
  const { era, year } = eraOfDate(iso);
  const [, month, day] = iso.split("-").map(Number);
  const lastDay = lastDayOfMonth(Number(iso.slice(0, 4)), month ?? 0) === iso;
  return `${eraInfo(era).abbreviation}${year}.${month}${lastDay ? "末" : `.${day}`}`;
}

const secondaryArb: fc.Arbitrary<KpiValue> = fc
  .tuple(numberArb, fc.constantFrom(...UNITS), dateArb)
  .map(([value, unit, asOf]) => ({
    text: `${formatNumber(value)}${unit}${shortDate(asOf)}`,
    kind: "quantity",
    value,
    unit,
    asOf,
  }));

/** At most one parenthesised part, as the notation writes them. */
const decorationArb: fc.Arbitrary<Partial<Meaning>> = fc.oneof(
  fc.constant({}),
  fc.constant({ cumulative: true }),
  fc.integer({ min: 0, max: 100_000 }).map((cumulativeTotal) => ({ cumulativeTotal })),
  fc.integer({ min: 1989, max: 2040 }).map((fiscalYear) => ({ fiscalYear })),
  fc.constantFrom(...NOTES).map((note) => ({ note })),
  secondaryArb.map((secondary) => ({ secondary })),
  fc
    .tuple(monthArb, monthArb)
    .map(([a, b]) => ({ period: a <= b ? { from: a, to: b } : { from: b, to: a } })),
  dateArb.map((asOf) => ({ asOf })),
);

const numericArb: fc.Arbitrary<Meaning> = fc
  .tuple(
    fc.constantFrom("quantity", "money", "bound"),
    numberArb,
    fc.constantFrom(undefined, "回/年", ...UNITS, ...MONEY),
    fc.boolean(),
    fc.constantFrom("atLeast", "atMost"),
  )
  .map(([shape, value, anyUnit, approximate, comparison]) => {
    const unit = shape === "money" ? (MONEY.includes(anyUnit as MoneyUnit) ? anyUnit : "千円") : anyUnit;
    const money = MONEY.includes(unit as MoneyUnit);
    const m: Meaning = { kind: shape === "bound" ? "bound" : money ? "money" : "quantity", value };
    if (unit !== undefined) m.unit = unit;
    if (money) m.yen = toYen(value, unit as MoneyUnit);
    if (approximate) m.approximate = true;
    if (unit === "回/年") m.perYear = true;
    if (shape === "bound") m.comparison = comparison as "atLeast" | "atMost";
    return m;
  });

const wordArb: fc.Arbitrary<Meaning> = fc.constantFrom<Meaning>(
  { kind: "stage", stage: "検討" },
  { kind: "stage", stage: "準備" },
  { kind: "stage", stage: "一部実施" },
  { kind: "stage", stage: "実施" },
  { kind: "stage", stage: "実施", continuing: true },
  { kind: "direction", direction: "increase", stage: "拡大" },
  { kind: "direction", direction: "decrease" },
  { kind: "relative", comparison: "atLeast", reference: "baseline" },
  { kind: "relative", comparison: "atMost", reference: "baseline" },
);

const canonicalArb: fc.Arbitrary<Meaning> = fc.oneof(
  fc.constant<Meaning>({ kind: "none" }),
  fc.tuple(fc.oneof(numericArb, wordArb), decorationArb).map(([m, d]) => ({ ...m, ...d })),
);

describe("canonical values", () => {
  it("read back what they were written from, and write back the same text", () => {
    fc.assert(
      fc.property(canonicalArb, ctxArb, (meaning, ctx) => {
        const text = formatKpiValue({ text: "", ...meaning }, ctx);
        const parsed = parseKpiValue(text, ctx);
        expect(parsed).toEqual({ text, ...meaning });
        expect(formatKpiValue(parsed, ctx)).toBe(text);
      }),
      { numRuns: 5000 },
    );
  });
});
