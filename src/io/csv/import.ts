import { parse } from "csv-parse/sync";
import iconv from "iconv-lite";
import type { Diagnostic } from "../../domain/diagnostic.ts";
import { parseFiscalYearEnd } from "../../domain/era.ts";
import { DEPARTMENT_JOINER, type KpiRowColumnId, kpiRowColumns } from "../kpi-rows.ts";
import { checkLines, DEFAULT_LIMITS, type ImportLimits, limitExceeded } from "../limits.ts";
import { importWithMapping } from "../mapping/apply.ts";
import type { MappingField } from "../mapping/fields.ts";
import { excerpt, sheetDiagnostic } from "../mapping/messages.ts";
import { normalizeScaleKey, readFiscalYear, type SheetImportResult } from "../mapping/read-rows.ts";
import type { ColumnMapping, MappingOrigin } from "../mapping/schema.ts";
import type { SheetRow, SheetSource } from "../mapping/sheet.ts";
import { decodeTableText } from "../table-text/decode.ts";

export interface CsvImportOptions {
  /** How to read the columns; without one, only a CSV written by exportCsv is understood. */
  mapping?: ColumnMapping;
  /** Where the mapping was made (default: a mapping file): findings about it say what to change there. */
  mappingOrigin?: MappingOrigin;
  organizationName?: string;
  /** How large the file may be (default: DEFAULT_LIMITS). */
  limits?: ImportLimits;
}

function failure(diagnostics: Diagnostic[]): SheetImportResult {
  return { document: null, diagnostics, rows: [] };
}

/** Turns the bytes into text: UTF-8 with or without BOM, Shift_JIS (CP932) and UTF-16 are told apart. */
export function decode(
  bytes: Uint8Array,
  encoding: ColumnMapping["encoding"],
): { text: string; diagnostics: Diagnostic[] } | null {
  if (encoding === "shift_jis") return { text: iconv.decode(Buffer.from(bytes), "cp932"), diagnostics: [] };
  if (encoding === "utf-8") {
    return { text: new TextDecoder("utf-8").decode(bytes).replace(/^\uFEFF/, ""), diagnostics: [] };
  }
  const decoded = decodeTableText(bytes);
  if (!decoded.ok) return null;
  const diagnostics =
    decoded.replaced > 0
      ? [sheetDiagnostic("input.replacement", { count: decoded.replaced, encoding: decoded.encoding ?? "?" })]
      : [];
  return { text: decoded.text, diagnostics };
}

/** exportCsv puts a quote before text a spreadsheet would run as a formula ('=1+1); it is taken off again. */
function unescapeFormula(cell: string): string {
  return /^'[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell;
}

/** The CSV's records as sheet rows (record numbers as a spreadsheet would show them, and start lines). */
export function readRecords(
  text: string,
  delimiter: string,
): { source: SheetSource } | { error: Diagnostic } {
  type Parsed = { record: string[]; info: { lines: number; bytes: number } };
  let records: Parsed[];
  try {
    records = parse(text, {
      delimiter,
      info: true,
      relax_column_count: true,
      skip_empty_lines: false,
      bom: true,
    }) as unknown as Parsed[];
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const line = (error as { lines?: number }).lines ?? Number(/line (\d+)/.exec(reason)?.[1] ?? 0);
    return { error: sheetDiagnostic("input.csv-syntax", { line, reason: excerpt(reason, 100) }, { line }) };
  }
  // csv-parse counts a CRLF inside a quoted cell as two lines, so lines are counted here from the
  // byte offset where each record ends.
  const bytes = Buffer.from(text, "utf8");
  const rows: SheetRow[] = [];
  let offset = 0;
  let line = 1;
  records.forEach(({ record, info }, i) => {
    // Line breaks inside a cell become LF, as in a workbook (Excel writes LF, other tools CRLF).
    const cells = record.map((c) => unescapeFormula(c).replace(/\r\n?/g, "\n").trim());
    rows.push({ number: i + 1, line, cells });
    for (; offset < info.bytes && offset < bytes.length; offset++) {
      const b = bytes[offset];
      if (b === 0x0a || (b === 0x0d && bytes[offset + 1] !== 0x0a)) line++;
    }
  });
  return { source: { rows } };
}

/**
 * The CSV exportCsv writes (the flat initiative × KPI rows, docs/open-data.md) is read through a
 * mapping built from its own header row: the plan's title and period from the first data row, the
 * baseline year from the 当初 header (当初 (H27末) → 2015).
 */
const OWN_COLUMNS: Partial<Record<MappingField, KpiRowColumnId>> = {
  policy: "policy",
  number: "number",
  title: "title",
  departments: "departments",
  description: "description",
  activities: "activities",
  kpiName: "kpiName",
  relisted: "relisted",
  baseline: "baseline",
  target: "target",
  current: "current",
  grade: "grade",
  committeeOpinion: "committeeOpinion",
  nextYearGoal: "nextYearGoal",
  fiscalYear: "fiscalYear",
  asOf: "asOf",
};

/** Era years in headers (R1年度, H27末, 2015年度末) become "#": the headers of any round compare equal. */
function headerStem(text: string): string {
  return normalizeScaleKey(text)
    .replace(/\d{4}年度末/g, "#末")
    .replace(/(?:[MTSHR]|明治|大正|昭和|平成|令和)(?:\d+|元)(年度|末)/g, "#$1");
}

/** The header stems of the open-data CSV, the same for every round. */
const OWN_STEMS = kpiRowColumns({
  plan: { title: "", startFiscalYear: 2017, endFiscalYear: 2021 },
  round: { fiscalYear: 2019, asOf: "2020-03-31" },
}).map((c) => ({ id: c.id, stem: headerStem(c.header) }));

/** Column index per column of the open-data CSV when the header row is exactly its headers. */
function ownColumns(source: SheetSource): Map<KpiRowColumnId, number> | undefined {
  const header = source.rows[0]?.cells ?? [];
  if (header.length !== OWN_STEMS.length) return undefined;
  if (!OWN_STEMS.every((c, i) => headerStem(header[i] ?? "") === c.stem)) return undefined;
  return new Map(OWN_STEMS.map((c, i) => [c.id, i]));
}

/** The mapping of the open-data CSV with the header row `source` starts with (see ownColumns). */
function ownCsvMapping(source: SheetSource, at: Map<KpiRowColumnId, number>): ColumnMapping {
  const header = source.rows[0]?.cells ?? [];
  const first = source.rows[1]?.cells ?? [];
  const cell = (id: KpiRowColumnId) => first[at.get(id) ?? -1] ?? "";
  const columns: Record<string, { header: string }> = {};
  for (const [field, id] of Object.entries(OWN_COLUMNS))
    columns[field] = { header: header[at.get(id) ?? -1] ?? "" };
  const mapping: ColumnMapping = {
    headerRows: 1,
    departmentSeparator: DEPARTMENT_JOINER,
    columns: columns as ColumnMapping["columns"],
  };
  const start = readFiscalYear(cell("planStart"));
  const end = readFiscalYear(cell("planEnd"));
  if (cell("planTitle") !== "" && start !== undefined && end !== undefined) {
    // 「当初 (H27末)」: the year between the brackets.
    const baselineHeader = /[(（]([^()（）]+)[)）]/.exec(header[at.get("baseline") ?? -1] ?? "")?.[1];
    const baseline = baselineHeader === undefined ? undefined : parseFiscalYearEnd(baselineHeader);
    mapping.plan = {
      title: cell("planTitle"),
      startFiscalYear: start,
      endFiscalYear: end,
      ...(baseline === undefined ? {} : { baselineFiscalYear: baseline }),
    };
  }
  if (cell("organization") !== "") mapping.organization = { name: cell("organization") };
  return mapping;
}

/**
 * Imports a CSV: another city's through a column mapping, or the open-data CSV this product writes.
 * Never throws.
 */
export function importCsv(bytes: Uint8Array | string, options: CsvImportOptions = {}): SheetImportResult {
  const empty = typeof bytes === "string" ? bytes.trim() === "" : bytes.length === 0;
  if (empty) return failure([sheetDiagnostic("input.empty")]);
  const limits = options.limits ?? DEFAULT_LIMITS;
  if (typeof bytes !== "string" && bytes.length > limits.fileBytes)
    return failure([limitExceeded("fileBytes", limits.fileBytes, bytes.length)]);
  const decoded =
    typeof bytes === "string"
      ? { text: bytes.replace(/^\uFEFF/, ""), diagnostics: [] }
      : decode(bytes, options.mapping?.encoding);
  if (!decoded) return failure([sheetDiagnostic("input.binary")]);
  const delimiter = options.mapping?.delimiter ?? ",";
  // Counted before csv-parse builds every record: a line of a million commas never becomes cells.
  const tooLarge = checkLines(decoded.text, limits, delimiter);
  if (tooLarge) return failure([...decoded.diagnostics, tooLarge]);
  const read = readRecords(decoded.text, delimiter);
  if ("error" in read) return failure([...decoded.diagnostics, read.error]);
  let mapping = options.mapping;
  let code: string | undefined;
  if (!mapping) {
    const own = ownColumns(read.source);
    if (!own) return failure([...decoded.diagnostics, sheetDiagnostic("mapping.required")]);
    mapping = ownCsvMapping(read.source, own);
    // The open data's 全国地方公共団体コード (first column) comes back with the organization.
    code = read.source.rows[1]?.cells[own.get("localGovernmentCode") ?? -1]?.trim() || undefined;
  }
  const result = importWithMapping(read.source, mapping, {
    diagnostics: decoded.diagnostics,
    ...(options.mapping && options.mappingOrigin ? { mappingOrigin: options.mappingOrigin } : {}),
    ...(options.organizationName ? { organizationName: options.organizationName } : {}),
  });
  if (code !== undefined && result.document?.organization)
    result.document.organization = { ...result.document.organization, localGovernmentCode: code };
  return result;
}
