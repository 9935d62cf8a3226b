import { FONT_BOLD, FONT_REGULAR, type FontName } from "./fonts.ts";

/** Geometry of the printed page, in PDF points (1/72 in). */
export const PAGE = {
  /** A3 landscape: 420 × 297 mm. */
  width: 1190.55,
  height: 841.89,
  marginX: 28,
  marginTop: 24,
  marginBottom: 22,
  /** Room at the bottom for "n / N". */
  footerHeight: 16,
  cellPaddingX: 3,
  cellPaddingY: 3,
  borderWidth: 0.5,
  headerFill: "#e6e6e6",
  policyFill: "#f5f5f5",
  border: "#404040",
} as const;

export interface TextStyle {
  font: FontName;
  size: number;
  lineHeight: number;
  color: string;
}

/**
 * Line heights are about 1.35 × the font size: Japanese body text needs more leading than Latin to
 * stay readable at small sizes.
 */
export const STYLES = {
  title: { font: FONT_BOLD, size: 13, lineHeight: 17, color: "#000000" },
  asOf: { font: FONT_REGULAR, size: 9, lineHeight: 12, color: "#000000" },
  note: { font: FONT_REGULAR, size: 7.5, lineHeight: 10.5, color: "#000000" },
  header: { font: FONT_BOLD, size: 7, lineHeight: 9.5, color: "#000000" },
  body: { font: FONT_REGULAR, size: 7, lineHeight: 9.5, color: "#000000" },
  gradeLetter: { font: FONT_BOLD, size: 12, lineHeight: 15, color: "#000000" },
  gradeLabel: { font: FONT_REGULAR, size: 6.5, lineHeight: 9, color: "#000000" },
  continued: { font: FONT_REGULAR, size: 6, lineHeight: 8.5, color: "#555555" },
  summary: { font: FONT_REGULAR, size: 9, lineHeight: 12, color: "#000000" },
  summaryBold: { font: FONT_BOLD, size: 9, lineHeight: 12, color: "#000000" },
  footer: { font: FONT_REGULAR, size: 8, lineHeight: 10, color: "#000000" },
  draftMark: { font: FONT_BOLD, size: 11, lineHeight: 14, color: "#000000" },
} as const satisfies Record<string, TextStyle>;

export type StyleName = keyof typeof STYLES;

export function styleOf(name: string): TextStyle {
  return (STYLES as Record<string, TextStyle>)[name] ?? STYLES.body;
}

/** "（続き）": opens the rest of a cell continued from the previous page. */
export const CONTINUED = "（続き）";
