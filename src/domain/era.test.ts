import { describe, expect, it } from "vitest";
import {
  ERAS,
  eraInfo,
  eraOfDate,
  eraOfFiscalYear,
  fiscalYearEnd,
  fiscalYearInText,
  fiscalYearOfDate,
  fiscalYearStart,
  formatFiscalYear,
  formatFiscalYearEnd,
  formatJapaneseDate,
  formatMonthPeriod,
  isEraLessFiscalYear,
  isLastDayOfMonth,
  isValidIsoDate,
  parseFiscalYear,
  parseFiscalYearEnd,
  parseFiscalYearRange,
  parseJapaneseDate,
  parseMonthPeriod,
} from "./era.ts";

const heisei = { defaultEra: "heisei" } as const;
const reiwa = { defaultEra: "reiwa" } as const;

describe("the era table", () => {
  it("names each era with its abbreviation and first day", () => {
    expect(ERAS.map((e) => [e.era, e.name, e.abbreviation, e.start])).toEqual([
      ["showa", "昭和", "S", "1926-12-25"],
      ["heisei", "平成", "H", "1989-01-08"],
      ["reiwa", "令和", "R", "2019-05-01"],
    ]);
    expect(eraInfo("reiwa").startYear).toBe(2019);
  });
});

describe("eraOfDate", () => {
  it.each([
    ["1926-12-25", "showa", 1],
    ["1988-12-31", "showa", 63],
    ["1989-01-07", "showa", 64],
    ["1989-01-08", "heisei", 1],
    ["2014-03-31", "heisei", 26],
    ["2019-04-30", "heisei", 31],
    ["2019-05-01", "reiwa", 1],
    ["2020-03-31", "reiwa", 2],
  ])("%s is %s %i", (iso, era, year) => {
    expect(eraOfDate(iso)).toEqual({ era, year });
  });

  it("refuses an invalid date and a date before 昭和", () => {
    expect(() => eraOfDate("2019-02-29")).toThrow(RangeError);
    expect(() => eraOfDate("2019-5-1")).toThrow(RangeError);
    expect(() => eraOfDate("1926-12-24")).toThrow(RangeError);
  });
});

describe("formatJapaneseDate", () => {
  it("writes the long form, with 元年 for year 1", () => {
    expect(formatJapaneseDate("2020-03-31")).toBe("令和2年3月31日");
    expect(formatJapaneseDate("2019-05-01")).toBe("令和元年5月1日");
    expect(formatJapaneseDate("2019-04-30", "long")).toBe("平成31年4月30日");
    expect(formatJapaneseDate("1989-01-07")).toBe("昭和64年1月7日");
    expect(formatJapaneseDate("1989-01-08")).toBe("平成元年1月8日");
  });

  it("writes the short form", () => {
    expect(formatJapaneseDate("2020-03-31", "short")).toBe("R2.3.31");
    expect(formatJapaneseDate("2019-05-01", "short")).toBe("R1.5.1");
    expect(formatJapaneseDate("2014-03-31", "short")).toBe("H26.3.31");
  });

  it("writes dates before 昭和 in 西暦", () => {
    expect(formatJapaneseDate("1920-04-01")).toBe("1920年4月1日");
    expect(formatJapaneseDate("1920-04-01", "short")).toBe("1920.4.1");
  });
});

describe("parseJapaneseDate", () => {
  it.each([
    ["令和2年3月31日", "2020-03-31"],
    ["令和元年5月1日", "2019-05-01"],
    ["令和1年5月1日", "2019-05-01"],
    ["平成31年4月30日", "2019-04-30"],
    ["昭和64年1月7日", "1989-01-07"],
    ["平成元年1月8日", "1989-01-08"],
    ["R2.3.31", "2020-03-31"],
    ["H26.3末", "2014-03-31"],
    ["H29.2末", "2017-02-28"],
    ["H28.2末", "2016-02-29"],
    ["令和2年3月末", "2020-03-31"],
    ["令和２年３月３１日", "2020-03-31"],
    ["Ｒ２．３．３１", "2020-03-31"],
    ["  令和2年3月31日 ", "2020-03-31"],
    ["r2.3.31", "2020-03-31"],
    ["2020年3月31日", "2020-03-31"],
    ["2020-03-31", "2020-03-31"],
    ["2020/3/31", "2020-03-31"],
  ])("%s → %s", (text, iso) => {
    expect(parseJapaneseDate(text)).toBe(iso);
  });

  it.each([
    "平成31年5月1日",
    "令和1年4月30日",
    "令和元年4月30日",
    "R1.4末",
    "昭和64年1月8日",
    "平成元年1月7日",
    "令和2年2月30日",
    "令和0年5月1日",
    "令和2年13月1日",
    "2019-02-29",
    "大正15年1月1日",
    "2.3.31",
    "R2.3",
    "令和2年3月31日現在",
    "",
    "abc",
  ])("refuses %s", (text) => {
    expect(parseJapaneseDate(text)).toBeUndefined();
  });

  it("reads back every date it formats, long and short", () => {
    for (const iso of ["1926-12-25", "1989-01-07", "1989-01-08", "2019-04-30", "2019-05-01", "2024-02-29"]) {
      expect(parseJapaneseDate(formatJapaneseDate(iso))).toBe(iso);
      expect(parseJapaneseDate(formatJapaneseDate(iso, "short"))).toBe(iso);
    }
  });
});

describe("calendar helpers", () => {
  it("knows valid dates and month ends", () => {
    expect(isValidIsoDate("2020-02-29")).toBe(true);
    expect(isValidIsoDate("2019-02-29")).toBe(false);
    expect(isValidIsoDate("2019-13-01")).toBe(false);
    expect(isLastDayOfMonth("2017-02-28")).toBe(true);
    expect(isLastDayOfMonth("2016-02-28")).toBe(false);
  });
});

describe("fiscal years", () => {
  it("run from April 1 to March 31", () => {
    expect(fiscalYearStart(2019)).toBe("2019-04-01");
    expect(fiscalYearEnd(2019)).toBe("2020-03-31");
    expect(fiscalYearOfDate("2020-03-31")).toBe(2019);
    expect(fiscalYearOfDate("2020-04-01")).toBe(2020);
    expect(fiscalYearOfDate("2019-04-30")).toBe(2019);
  });

  it("are named after the era in effect on June 1 of their start year", () => {
    expect(eraOfFiscalYear(1988)).toBe("showa");
    expect(eraOfFiscalYear(1989)).toBe("heisei");
    expect(eraOfFiscalYear(2018)).toBe("heisei");
    expect(eraOfFiscalYear(2019)).toBe("reiwa");
    expect(() => eraOfFiscalYear(1926)).toThrow(RangeError);
  });

  it.each([
    [2019, "令和元年度", "R1年度", "2019年度"],
    [2018, "平成30年度", "H30年度", "2018年度"],
    [2020, "令和2年度", "R2年度", "2020年度"],
    [2017, "平成29年度", "H29年度", "2017年度"],
    [1989, "平成元年度", "H1年度", "1989年度"],
    [1988, "昭和63年度", "S63年度", "1988年度"],
  ])("FY%i is %s / %s / %s", (fy, long, short, western) => {
    expect(formatFiscalYear(fy)).toBe(long);
    expect(formatFiscalYear(fy, "long")).toBe(long);
    expect(formatFiscalYear(fy, "short")).toBe(short);
    expect(formatFiscalYear(fy, "western")).toBe(western);
    expect(parseFiscalYear(long)).toBe(fy);
    expect(parseFiscalYear(short)).toBe(fy);
    expect(parseFiscalYear(western)).toBe(fy);
  });

  it("writes fiscal years before 昭和 in 西暦", () => {
    expect(formatFiscalYear(1920)).toBe("1920年度");
  });
});

describe("parseFiscalYear", () => {
  it.each([
    ["令和元年度", 2019],
    ["令和1年度", 2019],
    ["R1年度", 2019],
    ["R1", 2019],
    ["H31年度", 2019],
    ["平成31年度", 2019],
    ["H30年度", 2018],
    ["H27", 2015],
    ["平成29年度", 2017],
    ["Ｒ２年度", 2020],
    ["Ｈ２９年度", 2017],
    ["2019年度", 2019],
    ["２０１９年度", 2019],
    ["FY2019", 2019],
    [" R3年度 ", 2021],
    ["平成32年度", 2020],
  ])("%s → %i", (text, fy) => {
    expect(parseFiscalYear(text)).toBe(fy);
  });

  it("reads era-less years in the context's era", () => {
    expect(parseFiscalYear("31年度", heisei)).toBe(2019);
    expect(parseFiscalYear("29年度", heisei)).toBe(2017);
    expect(parseFiscalYear("26年度", heisei)).toBe(2014);
    expect(parseFiscalYear("30年度", heisei)).toBe(2018);
    expect(parseFiscalYear("2年度", reiwa)).toBe(2020);
    expect(parseFiscalYear("元年度", reiwa)).toBe(2019);
  });

  it("reads an era-less year in the era nearest the plan period when the context has one", () => {
    // A 平成29年度～令和3年度 plan: its later reports are written in 令和, where 元年度 and 2年度 mean
    // R1 and R2, never H1 (1989) and H2 (1990), decades before the plan; 26年度 to 31年度 stay 平成.
    const plan = {
      defaultEra: "heisei",
      planPeriod: { startFiscalYear: 2017, endFiscalYear: 2021 },
    } as const;
    expect(parseFiscalYear("元年度", plan)).toBe(2019);
    expect(parseFiscalYear("2年度", plan)).toBe(2020);
    expect(parseFiscalYear("3年度", plan)).toBe(2021);
    expect(parseFiscalYear("26年度", plan)).toBe(2014);
    expect(parseFiscalYear("31年度", plan)).toBe(2019);
    expect(parseFiscalYear("32年度", plan)).toBe(2020);
    expect(parseFiscalYearEnd("元年度末", plan)).toBe(2019);
    expect(parseFiscalYearEnd("27末", plan)).toBe(2015);
    expect(parseMonthPeriod("元.6~2.2", plan)).toEqual({ from: "2019-06", to: "2020-02" });
    expect(parseFiscalYearRange("元年度~3年度", plan)).toEqual({
      startFiscalYear: 2019,
      endFiscalYear: 2021,
    });
    // A 令和 plan reads 30年度 in its baseline as H30, not R30 (2048).
    const reiwaPlan = {
      defaultEra: "reiwa",
      planPeriod: { startFiscalYear: 2022, endFiscalYear: 2026 },
    } as const;
    expect(parseFiscalYear("30年度", reiwaPlan)).toBe(2018);
    expect(parseFiscalYear("5年度", reiwaPlan)).toBe(2023);
  });

  it("needs a context for an era-less year", () => {
    expect(parseFiscalYear("31年度")).toBeUndefined();
    expect(parseFiscalYear("29年度")).toBeUndefined();
    expect(isEraLessFiscalYear("29年度")).toBe(true);
    expect(isEraLessFiscalYear("H29年度")).toBe(false);
  });

  it.each([
    "",
    "R0年度",
    "令和0年度",
    "31",
    "年度",
    "X1年度",
    "R1年",
    "R-1年度",
    "R1000年度",
    "H29.3",
    "abc",
  ])("refuses %s", (text) => {
    expect(parseFiscalYear(text, heisei)).toBeUndefined();
  });
});

describe("fiscal year ends", () => {
  it("parse H27末 / R3末 / R1末", () => {
    expect(parseFiscalYearEnd("H27末")).toBe(2015);
    expect(fiscalYearEnd(2015)).toBe("2016-03-31");
    expect(parseFiscalYearEnd("R3末")).toBe(2021);
    expect(parseFiscalYearEnd("R1末")).toBe(2019);
    expect(parseFiscalYearEnd("令和元年度末")).toBe(2019);
    expect(parseFiscalYearEnd("Ｈ２７末")).toBe(2015);
    expect(parseFiscalYearEnd("2019年度末")).toBe(2019);
    expect(parseFiscalYearEnd("27末", heisei)).toBe(2015);
    expect(parseFiscalYearEnd("27末")).toBeUndefined();
    expect(parseFiscalYearEnd("H26.3末")).toBeUndefined();
    expect(parseFiscalYearEnd("H27")).toBeUndefined();
  });

  it("format with the short era of that fiscal year", () => {
    expect(formatFiscalYearEnd(2015)).toBe("H27末");
    expect(formatFiscalYearEnd(2019)).toBe("R1末");
    expect(formatFiscalYearEnd(2018)).toBe("H30末");
    expect(formatFiscalYearEnd(2021)).toBe("R3末");
    for (const fy of [1988, 1989, 2015, 2018, 2019, 2021])
      expect(parseFiscalYearEnd(formatFiscalYearEnd(fy))).toBe(fy);
  });
});

describe("fiscalYearInText", () => {
  it("finds the one fiscal year a column header names, wherever it stands", () => {
    const cases: [string, number | undefined][] = [
      ["基準値（H27）", 2015],
      ["基準値(Ｈ２７)", 2015],
      ["目標値（R3）", 2021],
      ["H29実績", 2017],
      ["H30実績", 2018],
      ["R1実績", 2019],
      ["R1目標", 2019],
      ["令和元年度実績", 2019],
      ["平成31年度実績", 2019],
      ["当初 (H27末)", 2015],
      ["目標値（R3末）", 2021],
      ["2019年度実績", 2019],
      ["実績値（H29.3末）", 2016],
      ["実績（令和2年3月31日現在）", 2019],
      ["R1年度実績（R2.3.31現在）", 2019],
      ["実績値", undefined],
      ["単位", undefined],
      ["27年度実績", undefined],
      ["H29～R1の平均", undefined],
      ["Ver2", undefined],
      ["No.", undefined],
    ];
    expect(cases.map(([text]) => [text, fiscalYearInText(text)])).toEqual(cases);
  });

  it("reads a month without a day as that month's fiscal year (January–March: the year before)", () => {
    // Read by hand: March 2019 is the last month of FY2018 (平成30年度); April 2019 starts FY2019.
    const cases: [string, number | undefined][] = [
      ["H31.3現在", 2018],
      ["H30.3現在", 2017],
      ["R2.3", 2019],
      ["R2.3現在", 2019],
      ["当初値（H27.3）", 2014],
      ["令和2年3月現在", 2019],
      ["平成31年4月現在", 2019],
      ["Ｒ２．４現在", 2020],
      ["R1.12", 2019],
      ["H31.3末", 2018],
      ["令和2年3月31日現在", 2019],
      // 平成31年5月 never was (令和 began on May 1): no year.
      ["H31.5現在", undefined],
    ];
    expect(cases.map(([text]) => [text, fiscalYearInText(text)])).toEqual(cases);
  });

  it("prefers the year outside brackets to a date or month in them (the day the figure was taken)", () => {
    const cases: [string, number | undefined][] = [
      ["H30実績(R1.5.31現在)", 2018],
      ["H30年度実績（令和元年5月末時点）", 2018],
      ["H30実績【R1.5現在】", 2018],
      ["R1年度実績（R2.3.31現在）", 2019],
      // Only a date: its fiscal year.
      ["実績値（H29.3末）", 2016],
      // A year in the brackets is not a date: two years, none read.
      ["H30実績（R1目標）", undefined],
      // Two years outside the brackets: none read.
      ["H29～R1実績（R2.3.31現在）", undefined],
    ];
    expect(cases.map(([text]) => [text, fiscalYearInText(text)])).toEqual(cases);
    expect(fiscalYearInText("30年度実績（元年5月31日現在）", heisei)).toBe(2018);
  });

  it("reads an era-less year only with a context", () => {
    expect(fiscalYearInText("27年度実績", heisei)).toBe(2015);
    expect(
      fiscalYearInText("元年度実績", {
        defaultEra: "heisei",
        planPeriod: { startFiscalYear: 2017, endFiscalYear: 2021 },
      }),
    ).toBe(2019);
  });
});

describe("parseFiscalYearRange", () => {
  const plan = { startFiscalYear: 2017, endFiscalYear: 2021 };
  it.each([
    "平成29年度～令和3年度",
    "平成29年度〜令和3年度",
    "平成29年度~令和3年度",
    "H29~R3",
    "H29-R3",
    "H29－R3",
    "H29 ～ R3",
    "平成29年度～平成33年度",
    "H29~33",
    "2017年度～2021年度",
  ])("%s is FY2017–FY2021", (text) => {
    expect(parseFiscalYearRange(text)).toEqual(plan);
  });

  it("reads an era-less first part in the context's era", () => {
    expect(parseFiscalYearRange("29年度～33年度", heisei)).toEqual(plan);
    expect(parseFiscalYearRange("29年度～33年度")).toBeUndefined();
  });

  it.each(["R3~H29", "H29", "H29~", "~R3", "H29~R3~R5", "H29~abc"])("refuses %s", (text) => {
    expect(parseFiscalYearRange(text)).toBeUndefined();
  });
});

describe("month periods", () => {
  it("parse with the second part inheriting the first's era", () => {
    expect(parseMonthPeriod("H26.6~29.2")).toEqual({ from: "2014-06", to: "2017-02" });
    expect(parseMonthPeriod("Ｈ２６．６～２９．２")).toEqual({ from: "2014-06", to: "2017-02" });
    expect(parseMonthPeriod("H30.6~R2.2")).toEqual({ from: "2018-06", to: "2020-02" });
    expect(parseMonthPeriod("平成26年6月～平成29年2月")).toEqual({ from: "2014-06", to: "2017-02" });
    expect(parseMonthPeriod("26.6~29.2", heisei)).toEqual({ from: "2014-06", to: "2017-02" });
    expect(parseMonthPeriod("H31.4~R1.5")).toEqual({ from: "2019-04", to: "2019-05" });
  });

  it.each(["26.6~29.2", "H29.2~26.6", "H26.13~29.2", "H31.5~R2.1", "R1.4~R2.1", "H26.6", "H26~29"])(
    "refuse %s",
    (text) => {
      expect(parseMonthPeriod(text)).toBeUndefined();
    },
  );

  it("format with the second era only when it differs", () => {
    expect(formatMonthPeriod({ from: "2014-06", to: "2017-02" })).toBe("H26.6~29.2");
    expect(formatMonthPeriod({ from: "2018-06", to: "2020-02" })).toBe("H30.6~R2.2");
    expect(formatMonthPeriod({ from: "2019-04", to: "2019-05" })).toBe("H31.4~R1.5");
    for (const p of [
      { from: "2014-06", to: "2017-02" },
      { from: "2018-06", to: "2020-02" },
      { from: "2019-04", to: "2019-05" },
    ])
      expect(parseMonthPeriod(formatMonthPeriod(p))).toEqual(p);
  });
});
