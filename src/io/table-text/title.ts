import { parseFiscalYearRange, parseJapaneseDate } from "../../domain/era.ts";
import { toHalfWidth } from "../../domain/text-width.ts";

/**
 * The title line: `行政改革後期アクションプラン（平成29年度～令和3年度）進行管理集計表（令和2年3月31日現在）`.
 * It names the plan, its period and the date the table describes.
 */
export interface TitleInfo {
  /** The line as printed (trimmed of surrounding white space). */
  text: string;
  /** 行政改革後期アクションプラン */
  planTitle: string;
  period?: { startFiscalYear: number; endFiscalYear: number };
  /** ISO date of 「…現在」. */
  asOf?: string;
}

/** Bracketed parts "(…)" of the half-width form, as [open, close) index pairs into the line. */
function bracketed(normalized: string): { start: number; end: number; inner: string }[] {
  const parts: { start: number; end: number; inner: string }[] = [];
  let from = 0;
  for (;;) {
    const open = normalized.indexOf("(", from);
    if (open === -1) break;
    const close = normalized.indexOf(")", open + 1);
    if (close === -1) break;
    parts.push({ start: open, end: close + 1, inner: normalized.slice(open + 1, close) });
    from = close + 1;
  }
  return parts;
}

// Unbracketed fallbacks ("… 平成29年度～令和3年度 進行管理集計表 令和2年3月31日現在"); no nested quantifiers.
// Every run of white space can be matched by one \s* only, so a failing match never re-splits a run.
const PERIOD =
  /(?:昭和|平成|令和|[SHR])\s*(?:元|\d{1,2})\s*(?:年度\s*)?~\s*(?:(?:昭和|平成|令和|[SHR])\s*)?(?:元|\d{1,2})(?:\s*年度)?/;
const AS_OF = /(?:昭和|平成|令和)\s*(?:元|\d{1,2})\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*現在/;
const TABLE_SUFFIX = /\s*進行管理集計表\s*$/;

/** Longer lines are not titles; the limit also bounds the work spent on one line. */
export const MAX_TITLE_LENGTH = 200;

export function parseTitle(line: string): TitleInfo {
  const text = line.trim();
  if (text.length > MAX_TITLE_LENGTH) return { text, planTitle: "" };
  // toHalfWidth keeps every index, so positions found in the normalized text cut the original.
  const normalized = toHalfWidth(text);
  const info: TitleInfo = { text, planTitle: "" };
  let titleEnd = -1;
  for (const part of bracketed(normalized)) {
    const inner = part.inner.trim();
    if (inner.endsWith("現在")) {
      const asOf = parseJapaneseDate(inner.slice(0, -2));
      if (asOf && !info.asOf) {
        info.asOf = asOf;
        if (titleEnd === -1) titleEnd = part.start;
      }
      continue;
    }
    const period = parseFiscalYearRange(inner);
    if (period && !info.period) {
      info.period = period;
      if (titleEnd === -1) titleEnd = part.start;
    }
  }
  if (!info.period) {
    const m = PERIOD.exec(normalized);
    const period = m ? parseFiscalYearRange(m[0]) : undefined;
    if (m && period) {
      info.period = period;
      if (titleEnd === -1 || m.index < titleEnd) titleEnd = m.index;
    }
  }
  if (!info.asOf) {
    const m = AS_OF.exec(normalized);
    const asOf = m ? parseJapaneseDate(m[0].replace(/\s*現在$/, "")) : undefined;
    if (m && asOf) {
      info.asOf = asOf;
      if (titleEnd === -1) titleEnd = m.index;
    }
  }
  const head = titleEnd === -1 ? text : text.slice(0, titleEnd);
  info.planTitle = head.replace(TABLE_SUFFIX, "").trim();
  return info;
}
