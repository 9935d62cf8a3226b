import { formatFiscalYear, formatJapaneseDate } from "../../domain/era.ts";
import type { Lang, Ui } from "../i18n.ts";

/**
 * Dates and fiscal years as readers of municipal documents expect them: 和暦 first, 西暦 beside it
 * (in English the other way round), and a machine-readable <time> for assistive technology.
 */

const MONTHS_EN = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

function parts(iso: string): { y: number; m: number; d: number } {
  const [y, m, d] = iso.split("-").map(Number);
  return { y: y ?? 0, m: m ?? 1, d: d ?? 1 };
}

/** "2020年3月31日" */
export function westernDateJa(iso: string): string {
  const { y, m, d } = parts(iso);
  return `${y}年${m}月${d}日`;
}

/** "31 March 2020" */
export function westernDateEn(iso: string): string {
  const { y, m, d } = parts(iso);
  return `${d} ${MONTHS_EN[m - 1]} ${y}`;
}

/** ja: "令和2年3月31日（2020年3月31日）"; en: "31 March 2020 (令和2年3月31日)" — plain text, for titles and labels. */
export function dateText(iso: string, lang: Lang): string {
  return lang === "ja"
    ? `${formatJapaneseDate(iso, "long")}（${westernDateJa(iso)}）`
    : `${westernDateEn(iso)} (${formatJapaneseDate(iso, "long")})`;
}

/** ja: "令和元年度（2019年度）"; en: "FY2019 (令和元年度)". */
export function fiscalYearText(fy: number, lang: Lang): string {
  return lang === "ja"
    ? `${formatFiscalYear(fy, "long")}（${formatFiscalYear(fy, "western")}）`
    : `FY${fy} (${formatFiscalYear(fy, "long")})`;
}

/** ja: "平成29年度～令和3年度（2017～2021年度）"; en: "FY2017–FY2021 (平成29年度～令和3年度)". */
export function planPeriodText(plan: { startFiscalYear: number; endFiscalYear: number }, lang: Lang): string {
  const era = `${formatFiscalYear(plan.startFiscalYear, "long")}～${formatFiscalYear(plan.endFiscalYear, "long")}`;
  return lang === "ja"
    ? `${era}（${plan.startFiscalYear}～${plan.endFiscalYear}年度）`
    : `FY${plan.startFiscalYear}–FY${plan.endFiscalYear} (${era})`;
}

/** 和暦 in a <time>, the 西暦 beside it (its visible counterpart, not only a tooltip). */
export function JapaneseDate(props: { iso: string; ui: Ui }) {
  const { iso, ui } = props;
  if (ui.lang === "en") {
    return (
      <>
        <time datetime={iso}>{westernDateEn(iso)}</time>{" "}
        <span class="western">({formatJapaneseDate(iso, "long")})</span>
      </>
    );
  }
  return (
    <>
      <time datetime={iso}>{formatJapaneseDate(iso, "long")}</time>
      <span class="western">（{westernDateJa(iso)}）</span>
    </>
  );
}

/** "令和2年3月31日（2020年3月31日）現在" / "as of 31 March 2020 (令和2年3月31日)". */
export function AsOf(props: { iso: string; ui: Ui }) {
  return props.ui.lang === "ja" ? (
    <>
      <JapaneseDate iso={props.iso} ui={props.ui} />
      現在
    </>
  ) : (
    <>
      as of <JapaneseDate iso={props.iso} ui={props.ui} />
    </>
  );
}
