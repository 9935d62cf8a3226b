import { formatFiscalYear, formatJapaneseDate } from "../../domain/era.ts";
import type { Lang, Ui } from "../i18n.ts";

/**
 * Dates and fiscal years as readers of municipal documents expect them: 和暦 first, 西暦 beside it
 * (in English the other way round, the era in the ASCII short form the printed table uses — R1,
 * H27, R2.3.31 — so that an English page holds no Japanese of its own), and a machine-readable
 * <time> for assistive technology.
 */

/** "R1" for FY2019, "H27" for FY2015: the era year as the table's headers abbreviate it. */
function shortEraYear(fy: number): string {
  return formatFiscalYear(fy, "short").replace(/年度$/, "");
}

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

/** ja: "令和2年3月31日（2020年3月31日）"; en: "31 March 2020 (R2.3.31)" — plain text, for titles and labels. */
export function dateText(iso: string, lang: Lang): string {
  return lang === "ja"
    ? `${formatJapaneseDate(iso, "long")}（${westernDateJa(iso)}）`
    : `${westernDateEn(iso)} (${formatJapaneseDate(iso, "short")})`;
}

/** ja: "令和元年度（2019年度）"; en: "FY2019 (R1)". */
export function fiscalYearText(fy: number, lang: Lang): string {
  return lang === "ja"
    ? `${formatFiscalYear(fy, "long")}（${formatFiscalYear(fy, "western")}）`
    : `FY${fy} (${shortEraYear(fy)})`;
}

/** ja: "H27末"; en: "end of FY2015 (H27)" — the point a baseline or a target refers to. */
export function fiscalYearEndText(fy: number, lang: Lang): string {
  // Shinchoku's own labels write the era in full (「令和2年度末」): 「R2末」 could read as the calendar year's end.
  return lang === "ja" ? `${formatFiscalYear(fy)}末` : `end of FY${fy} (${shortEraYear(fy)})`;
}

/** ja: "平成29年度～令和3年度（2017～2021年度）"; en: "FY2017–FY2021 (H29–R3)". */
export function planPeriodText(plan: { startFiscalYear: number; endFiscalYear: number }, lang: Lang): string {
  if (lang === "en") {
    const era = `${shortEraYear(plan.startFiscalYear)}–${shortEraYear(plan.endFiscalYear)}`;
    return `FY${plan.startFiscalYear}–FY${plan.endFiscalYear} (${era})`;
  }
  const era = `${formatFiscalYear(plan.startFiscalYear, "long")}～${formatFiscalYear(plan.endFiscalYear, "long")}`;
  return `${era}（${plan.startFiscalYear}～${plan.endFiscalYear}年度）`;
}

/**
 * 和暦 in a <time>, the 西暦 beside it (its visible counterpart, not only a tooltip). `western={false}`
 * where the 西暦 is already in the same heading (「令和元年度（2019年度）の進行管理（令和2年3月31日現在）」):
 * once per heading, and no brackets inside brackets.
 */
export function JapaneseDate(props: { iso: string; ui: Ui; western?: boolean }) {
  const { iso, ui } = props;
  if (props.western === false)
    return (
      <time datetime={iso}>{ui.lang === "en" ? westernDateEn(iso) : formatJapaneseDate(iso, "long")}</time>
    );
  if (ui.lang === "en") {
    return (
      <>
        <time datetime={iso}>{westernDateEn(iso)}</time>{" "}
        <span class="western">({formatJapaneseDate(iso, "short")})</span>
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

/** "令和2年3月31日（2020年3月31日）現在" / "as of 31 March 2020 (R2.3.31)"; see JapaneseDate for `western`. */
export function AsOf(props: { iso: string; ui: Ui; western?: boolean }) {
  const western = props.western ?? true;
  return props.ui.lang === "ja" ? (
    <>
      <JapaneseDate iso={props.iso} ui={props.ui} western={western} />
      現在
    </>
  ) : (
    <>
      as of <JapaneseDate iso={props.iso} ui={props.ui} western={western} />
    </>
  );
}
