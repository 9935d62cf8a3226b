import ExcelJS from "exceljs";
import type { Diagnostic } from "../../domain/diagnostic.ts";
import { sheetDiagnostic } from "../mapping/messages.ts";
import type { SheetRow, SheetSource } from "../mapping/sheet.ts";
import { cellAddress } from "./layout.ts";

/**
 * An exceljs worksheet as text rows. Every kind of cell value a city's workbook holds becomes the
 * text a person sees: rich text joined, formulas by their cached result, hyperlinks by their text,
 * dates as yyyy-mm-dd, numbers with the percent sign, decimals, digit grouping and quoted units
 * ("#,##0\"人\"") of their number format. The cells covered by a merge other than its top-left one
 * read as "".
 */
export function readWorksheet(sheet: ExcelJS.Worksheet): { source: SheetSource; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const rows: SheetRow[] = [];
  const last = sheet.rowCount;
  for (let r = 1; r <= last; r++) {
    const row = sheet.getRow(r);
    const cells: string[] = [];
    row.eachCell({ includeEmpty: false }, (cell, column) => {
      if (cell.type === ExcelJS.ValueType.Merge) return;
      const value = cellText(cell);
      if (value.error) {
        diagnostics.push(
          sheetDiagnostic(
            "cell.error-value",
            { value: value.error },
            { sheet: sheet.name, cell: cellAddress(column, r) },
          ),
        );
      }
      cells[column - 1] = value.text.trim();
    });
    for (let i = 0; i < cells.length; i++) cells[i] ??= "";
    rows.push({ number: r, cells });
  }
  return { source: { sheet: sheet.name, rows }, diagnostics };
}

type CellValue = ExcelJS.CellValue;

export function cellText(cell: Pick<ExcelJS.Cell, "value" | "numFmt">): { text: string; error?: string } {
  return valueText(cell.value, cell.numFmt);
}

function valueText(value: CellValue, numFmt: string | undefined): { text: string; error?: string } {
  if (value === null || value === undefined) return { text: "" };
  if (typeof value === "string") return { text: value };
  if (typeof value === "number") return { text: formatNumber(value, numFmt) };
  if (typeof value === "boolean") return { text: value ? "TRUE" : "FALSE" };
  if (value instanceof Date) return { text: isoDate(value) };
  if (typeof value === "object") {
    if ("richText" in value && Array.isArray(value.richText)) {
      return { text: value.richText.map((part) => part.text).join("") };
    }
    if ("error" in value) return { text: "", error: String(value.error) };
    if ("hyperlink" in value && "text" in value) {
      const text = value.text as unknown;
      if (typeof text === "string") return { text };
      if (text && typeof text === "object" && "richText" in text)
        return valueText(text as ExcelJS.CellRichTextValue, numFmt);
      return { text: String(value.hyperlink) };
    }
    if ("formula" in value || "sharedFormula" in value) {
      const result = (value as { result?: unknown }).result;
      if (result && typeof result === "object" && "error" in result)
        return { text: "", error: String((result as { error: unknown }).error) };
      return valueText((result ?? null) as CellValue, numFmt);
    }
  }
  return { text: String(value) };
}

/** Excel stores dates as local wall-clock times read back as UTC: the UTC date is the one typed. */
function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/**
 * The number as its format shows it, for the parts KPI values care about: "0.0%" → 5.7%, "#,##0" →
 * 11,007, fixed decimals, and literal text in quotes ("#,##0\"人\"" → 11,007人). Anything else of the
 * format (colors, conditions, negative sections) is ignored; without a format, the shortest form.
 */
export function formatNumber(value: number, numFmt: string | undefined): string {
  if (!numFmt || numFmt === "General" || numFmt === "@") return plainNumber(value);
  const section = firstSection(numFmt).replace(/\[[^\]]*\]/g, "");
  const code = section.replace(/"[^"]*"/g, "");
  // Placeholders inside quoted literals ("第"0) are text, not digits.
  const firstDigit = section.replace(/"[^"]*"/g, (m) => " ".repeat(m.length)).search(/[#0?]/);
  let prefix = "";
  let suffix = "";
  for (const m of section.matchAll(/"([^"]*)"/g)) {
    if (firstDigit !== -1 && (m.index ?? 0) < firstDigit) prefix += m[1] ?? "";
    else suffix += m[1] ?? "";
  }
  const percent = code.includes("%");
  const decimals = /\.([0#?]+)/.exec(code)?.[1]?.length;
  const grouping = /[#0?],[#0?]/.test(code);
  const n = percent ? value * 100 : value;
  let text: string;
  if (decimals !== undefined) text = n.toFixed(decimals);
  else if (firstDigit !== -1) text = Math.round(n).toString();
  else text = plainNumber(n);
  if (grouping) text = groupDigits(text);
  return `${prefix}${text}${percent ? "%" : ""}${suffix}`;
}

function firstSection(numFmt: string): string {
  let inQuote = false;
  for (let i = 0; i < numFmt.length; i++) {
    const c = numFmt[i];
    if (c === '"') inQuote = !inQuote;
    else if (c === ";" && !inQuote) return numFmt.slice(0, i);
  }
  return numFmt;
}

function plainNumber(n: number): string {
  // Binary noise such as 0.1 + 0.2 never reaches a cell a person typed; 15 digits is Excel's precision.
  const s = String(Number(n.toPrecision(15)));
  return /e/i.test(s) ? n.toLocaleString("en-US", { useGrouping: false, maximumFractionDigits: 20 }) : s;
}

function groupDigits(text: string): string {
  const [int = "", frac] = text.split(".");
  const sign = int.startsWith("-") ? "-" : "";
  const digits = sign ? int.slice(1) : int;
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${sign}${grouped}${frac !== undefined ? `.${frac}` : ""}`;
}
