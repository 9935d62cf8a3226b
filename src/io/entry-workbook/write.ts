import ExcelJS from "exceljs";
import { formatFiscalYear, formatJapaneseDate } from "../../domain/era.ts";
import { type Grade, type GradeScale, gradeWithLabel } from "../../domain/grade.ts";
import { FONT_BOLD, FONT_REGULAR } from "../export/pdf/fonts.ts";
import { sharedMeasurer, type TextMeasurer } from "../export/pdf/measure.ts";
import { heightForLines, MAX_ROW_HEIGHT, textHeight } from "../xlsx/text-lines.ts";
import {
  COLUMNS,
  cellTextOf,
  columnOf,
  ENTRY_WORKBOOK_FORMAT_NOTE,
  FIRST_FIELD_ROW,
  fingerprint,
  GUIDE_ROW,
  HEADER_ROW,
  IDENTITY_ROW,
  INPUT_SHEET,
  META_FIELD_COLUMNS,
  META_FIELDS_HEADER_ROW,
  META_KEYS,
  META_SHEET,
  TITLE_ROW,
} from "./layout.ts";
import {
  ENTRY_FIELD_LABELS,
  ENTRY_WORKBOOK_FORMAT,
  type EntryFieldKind,
  type EntryInitiative,
  type EntryWorkbookModel,
  selfGradeRowLabel,
} from "./model.ts";

/**
 * Writes a department's entry workbook (入力票):
 * - sheet 「入力票」: one block of rows per initiative — (D), each KPI's 現状値, the department's own
 *   view (A–D, with a list to choose from) and its reason, (H) — each row with last year's value
 *   beside it, and last year's (H) beside the whole block. Only the yellow input cells are unlocked;
 *   the sheet is protected without a password (see below). A3 landscape, one page wide, the header
 *   row repeated on every printed page.
 * - sheet 「_shinchoku」 (very hidden, protected): what the workbook was made from — organization,
 *   plan, fiscal year, round, department, and per input cell the report's and 現状値's versions and
 *   a fingerprint of the text it held — read back on upload.
 *
 * Why no password: the protection only keeps a person from typing over a label or moving a row by
 * mistake. It is not a security boundary — an xlsx password is removable by anyone with a text
 * editor, a fixed one would be public in this code, and a per-workbook one would have to be kept and
 * handed out. What protects the data is the upload: Shinchoku re-reads every identity it wrote, checks
 * each row against its hidden list, the uploader's rights and the reports' versions, and refuses
 * otherwise. Without a password, a department that needs to (say, to widen a row) can unprotect the
 * sheet from Excel's menu, and the upload checks still hold.
 */

const FONT_NAME = "BIZ UDPゴシック";
const BODY_SIZE = 10;
const TITLE_SIZE = 14;
/** OOXML paper size 8 = A3 (exceljs's enum lists only some sizes). */
const A3_PAPER_SIZE = 8 as ExcelJS.PaperSize;
const HEADER_FILL = "FFD9D9D9";
const INPUT_FILL = "FFFFF2CC";
const REFERENCE_FILL = "FFF2F2F2";
const THIN = { style: "thin" as const, color: { argb: "FF000000" } };
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const MARGINS = { left: 0.4, right: 0.4, top: 0.6, bottom: 0.5, header: 0.3, footer: 0.3 };
/** Room to write in: a long-text input row is at least this many lines tall. */
const LONG_TEXT_MIN_LINES = 4;

/** The plan's levels as the guide and the cell's prompt list them: 「S 達成／A 概ね達成／…」. */
export function gradeListHint(scale: GradeScale): string {
  return scale.map((level) => gradeWithLabel(scale, level.code)).join("／");
}

/**
 * The own view cell's list: the scale's codes written into the formula (「"S,A,B,C"」), or, when a
 * code holds a comma the formula cannot, the hidden sheet's row that lists them.
 */
export function gradeListFormula(scale: GradeScale): string {
  const codes = scale.map((level) => level.code);
  if (codes.some((code) => code.includes(",")))
    return `'${META_SHEET}'!$B$${META_KEYS.gradeScale}:$${String.fromCharCode(65 + codes.length)}$${META_KEYS.gradeScale}`;
  return `"${codes.map((code) => code.replace(/"/g, '""')).join(",")}"`;
}

export interface EntryWorkbookOptions {
  /** The workbook's creation time (the model's createdAt by default). */
  now?: Date;
}

function font(size: number, bold = false): Partial<ExcelJS.Font> {
  return { name: FONT_NAME, size, bold, charset: 128 };
}

interface FieldRow {
  field: EntryFieldKind;
  label: string;
  baseline?: string;
  target?: string;
  lastYear: string;
  value: string;
  kpiId: number | null;
  kpiVersion: number | null;
  /** The KPI is entered on another row (a 再掲 of a line listed earlier in this workbook). */
  enteredAt?: string;
  long: boolean;
}

function gradeText(scale: GradeScale, grade: Grade | null | undefined): string {
  return grade ? gradeWithLabel(scale, grade) : "";
}

function fieldRows(
  model: EntryWorkbookModel,
  initiative: EntryInitiative,
  kpiRowOf: Map<number, string>,
): FieldRow[] {
  const fy = model.identity.fiscalYear;
  const last = initiative.lastYear;
  const rows: FieldRow[] = [
    {
      field: "activities",
      label: `(D) ${formatFiscalYear(fy)}取組内容`,
      lastYear: last?.activities ?? "",
      value: initiative.activities,
      kpiId: null,
      kpiVersion: null,
      long: true,
    },
  ];
  for (const kpi of initiative.kpis) {
    rows.push({
      field: "kpi",
      label: `現状値：${kpi.label}`,
      baseline: kpi.baseline,
      target: kpi.target,
      lastYear: kpi.lastYear,
      value: kpi.current,
      kpiId: kpi.kpiId,
      kpiVersion: kpi.version,
      ...(kpiRowOf.has(kpi.kpiId) ? { enteredAt: kpiRowOf.get(kpi.kpiId) } : {}),
      long: false,
    });
  }
  rows.push(
    {
      field: "selfGrade",
      label: selfGradeRowLabel(model.gradeScale),
      lastYear: last ? `本部会評価 ${gradeText(model.gradeScale, last.grade) || "なし"}` : "",
      value: initiative.selfGrade ?? "",
      kpiId: null,
      kpiVersion: null,
      long: false,
    },
    {
      field: "selfGradeReason",
      label: ENTRY_FIELD_LABELS.selfGradeReason,
      lastYear: "",
      value: initiative.selfGradeReason,
      kpiId: null,
      kpiVersion: null,
      long: true,
    },
  );
  if (model.asksNextYearGoal || initiative.nextYearGoal !== "") {
    rows.push({
      field: "nextYearGoal",
      label: `(H) ${formatFiscalYear(fy + 1)}目標`,
      lastYear: last?.nextYearGoal ?? "",
      value: initiative.nextYearGoal,
      kpiId: null,
      kpiVersion: null,
      long: true,
    });
  }
  return rows;
}

export async function writeEntryWorkbook(
  model: EntryWorkbookModel,
  options: EntryWorkbookOptions = {},
): Promise<Buffer> {
  const { identity } = model;
  const now = options.now ?? new Date(identity.createdAt);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Shinchoku";
  workbook.lastModifiedBy = "Shinchoku";
  workbook.created = now;
  workbook.modified = now;
  workbook.title = `${identity.planTitle} ${formatFiscalYear(identity.fiscalYear)} 入力票（${identity.departmentName}）`;
  workbook.company = identity.organizationName;
  const measurer = await sharedMeasurer();
  const hint = gradeListHint(model.gradeScale);
  const codes = model.gradeScale.map((level) => level.code).join("・");

  const sheet = workbook.addWorksheet(INPUT_SHEET, {
    pageSetup: {
      paperSize: A3_PAPER_SIZE,
      orientation: "landscape",
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      margins: MARGINS,
      printTitlesRow: `${HEADER_ROW}:${HEADER_ROW}`,
    },
    headerFooter: {
      oddHeader: `&L${escapeHeader(`${identity.organizationName}　${identity.departmentName}`)}&R${escapeHeader(
        `${formatFiscalYear(identity.fiscalYear)} 進行管理 入力票`,
      )}`,
      oddFooter: "&C&P / &N",
    },
    views: [{ state: "frozen", xSplit: 0, ySplit: HEADER_ROW, activeCell: `G${FIRST_FIELD_ROW}` }],
  });
  sheet.columns = COLUMNS.map((c) => ({ width: c.width }));
  const lastColumn = COLUMNS.length;

  const title = sheet.getCell(TITLE_ROW, 1);
  title.value = `${identity.planTitle}　${formatFiscalYear(identity.fiscalYear)} 進行管理 入力票`;
  title.font = font(TITLE_SIZE, true);
  sheet.getRow(TITLE_ROW).height = heightForLines(1, TITLE_SIZE);

  const identityCell = sheet.getCell(IDENTITY_ROW, 1);
  identityCell.value =
    `自治体：${identity.organizationName}　所管課：${identity.departmentName}　` +
    `年度：${formatFiscalYear(identity.fiscalYear)}（${formatJapaneseDate(model.asOf)}現在）　` +
    `作成：${formatJapaneseDate(japanDate(now))}`;
  identityCell.font = font(BODY_SIZE, true);
  sheet.mergeCells(IDENTITY_ROW, 1, IDENTITY_ROW, lastColumn);

  const guide = sheet.getCell(GUIDE_ROW, 1);
  guide.value =
    `黄色のセルに入力し、このファイルのまま Shinchoku にアップロードしてください（行や列を追加・削除しないでください）。` +
    `自己評価は一覧から選びます：${hint}。現状値は「66件」「1億円」「実施(2年度)」のように、集計表に載せる形で書きます。`;
  guide.font = font(BODY_SIZE);
  guide.alignment = { wrapText: true, vertical: "top" };
  sheet.mergeCells(GUIDE_ROW, 1, GUIDE_ROW, lastColumn);
  sheet.getRow(GUIDE_ROW).height = heightForLines(3, BODY_SIZE);

  COLUMNS.forEach((column, i) => {
    const cell = sheet.getCell(HEADER_ROW, i + 1);
    cell.value = column.header;
    cell.font = font(BODY_SIZE, true);
    cell.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
    cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: HEADER_FILL } };
    cell.border = BORDER;
  });
  sheet.getRow(HEADER_ROW).height = Math.max(
    ...COLUMNS.map((c) =>
      textHeight(measurer, {
        text: c.header,
        width: c.width,
        size: BODY_SIZE,
        font: FONT_BOLD,
        breaks: "prose",
      }),
    ),
  );

  const meta = workbook.addWorksheet(META_SHEET, { state: "veryHidden" });
  writeMetaHead(meta, model, now);

  const kpiRowOf = new Map<number, string>();
  let row = FIRST_FIELD_ROW;
  let metaRow = META_FIELDS_HEADER_ROW + 1;
  for (const initiative of model.initiatives) {
    const rows = fieldRows(model, initiative, kpiRowOf);
    const first = row;
    rows.forEach((field, k) => {
      const r = row + k;
      const put = (column: Parameters<typeof columnOf>[0], text: string, fill?: string) => {
        const cell = sheet.getCell(r, columnOf(column));
        if (text !== "") cell.value = cellTextOf(text);
        cell.font = font(BODY_SIZE);
        cell.alignment = { vertical: "top", wrapText: true };
        cell.border = BORDER;
        if (fill) cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: fill } };
        return cell;
      };
      put("number", k === 0 ? String(initiative.number) : "").alignment = {
        horizontal: "center",
        vertical: "top",
      };
      if (k === 0) sheet.getCell(r, columnOf("number")).value = initiative.number;
      put("title", k === 0 ? initiative.title : "");
      put("field", field.label).font = font(BODY_SIZE, true);
      put("baseline", field.baseline ?? "");
      put("target", field.target ?? "");
      put("lastYear", field.lastYear, REFERENCE_FILL);
      put("lastGoal", k === 0 ? (initiative.lastYear?.nextYearGoal ?? "") : "", REFERENCE_FILL);

      const address = `G${r}`;
      if (field.enteredAt) {
        const cell = put("input", `（${field.enteredAt} で入力します：同じ数値目標の再掲）`, REFERENCE_FILL);
        cell.font = { ...font(BODY_SIZE), color: { argb: "FF555555" } };
      } else {
        const cell = put("input", field.value, INPUT_FILL);
        cell.protection = { locked: false };
        if (field.field === "kpi") {
          // Typed as text: 「1,200」 must not become the number 1200, nor 「3/31」 a date.
          cell.numFmt = "@";
          if (field.kpiId !== null) kpiRowOf.set(field.kpiId, address);
        }
        if (field.field === "selfGrade") {
          cell.alignment = { horizontal: "center", vertical: "top" };
          cell.dataValidation = {
            type: "list",
            allowBlank: true,
            formulae: [gradeListFormula(model.gradeScale)],
            showErrorMessage: true,
            errorStyle: "stop",
            errorTitle: "自己評価",
            // Excel shows at most 255 characters of either.
            error: `${codes} のどれか（${hint}）を選んでください。空欄でもかまいません。`.slice(0, 255),
            showInputMessage: true,
            promptTitle: "自己評価",
            prompt: hint.slice(0, 255),
          };
        }
        writeMetaField(meta, metaRow++, address, initiative, field);
      }
      const heights = [field.label, field.lastYear, field.value].map((text, i) =>
        textHeight(measurer, {
          text,
          // A tenth less than the column: a spreadsheet without BIZ UDPGothic sets wider glyphs.
          width: ([COLUMNS[2].width, COLUMNS[5].width, COLUMNS[6].width][i] ?? 20) * 0.9,
          size: BODY_SIZE,
          font: i === 0 ? FONT_BOLD : FONT_REGULAR,
          breaks: "prose",
        }),
      );
      const minimum = heightForLines(field.long ? LONG_TEXT_MIN_LINES : 1, BODY_SIZE);
      sheet.getRow(r).height = Math.min(MAX_ROW_HEIGHT, Math.ceil(Math.max(minimum, ...heights)));
    });
    const last = row + rows.length - 1;
    if (last > first) {
      for (const column of ["number", "title", "lastGoal"] as const)
        sheet.mergeCells(first, columnOf(column), last, columnOf(column));
    }
    fitBlock(sheet, measurer, initiative, first, last);
    // An initiative is never split over two printed pages when it fits on one.
    row = last + 1;
  }

  // Sheet protection without a password (see above): the yellow cells stay editable; rows may be
  // resized so that long text can be read.
  await sheet.protect("", {
    selectLockedCells: true,
    selectUnlockedCells: true,
    formatRows: true,
    formatColumns: true,
  });
  await meta.protect("", { selectLockedCells: false, selectUnlockedCells: false });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The merged title and last-year goal cells of a block need rows tall enough for their text. */
function fitBlock(
  sheet: ExcelJS.Worksheet,
  measurer: TextMeasurer,
  initiative: EntryInitiative,
  first: number,
  last: number,
): void {
  const needed = Math.max(
    textHeight(measurer, {
      text: initiative.title,
      width: COLUMNS[1].width,
      size: BODY_SIZE,
      font: FONT_REGULAR,
      breaks: "prose",
    }),
    textHeight(measurer, {
      text: initiative.lastYear?.nextYearGoal ?? "",
      width: COLUMNS[7].width,
      size: BODY_SIZE,
      font: FONT_REGULAR,
      breaks: "prose",
    }),
  );
  let total = 0;
  for (let r = first; r <= last; r++) total += sheet.getRow(r).height ?? 15;
  if (needed <= total) return;
  const extra = (needed - total) / (last - first + 1);
  for (let r = first; r <= last; r++)
    sheet.getRow(r).height = Math.min(MAX_ROW_HEIGHT, Math.ceil((sheet.getRow(r).height ?? 15) + extra));
}

function writeMetaHead(meta: ExcelJS.Worksheet, model: EntryWorkbookModel, now: Date): void {
  const { identity } = model;
  const put = (row: number, values: (string | number)[]) => {
    values.forEach((value, i) => {
      meta.getCell(row, i + 1).value = value;
    });
  };
  put(META_KEYS.format, ["format", ENTRY_WORKBOOK_FORMAT, ENTRY_WORKBOOK_FORMAT_NOTE]);
  put(META_KEYS.organization, ["organization", identity.organizationId, identity.organizationName]);
  put(META_KEYS.plan, ["plan", identity.planId, identity.planTitle]);
  put(META_KEYS.fiscalYear, ["fiscalYear", identity.fiscalYear]);
  put(META_KEYS.round, ["round", identity.roundId]);
  put(META_KEYS.department, ["department", identity.departmentId, identity.departmentName]);
  put(META_KEYS.createdAt, ["createdAt", now.toISOString()]);
  // What the own view's list offered (and its source when a code holds a comma).
  put(META_KEYS.gradeScale, ["gradeScale", ...model.gradeScale.map((level) => level.code)]);
  put(META_FIELDS_HEADER_ROW, [...META_FIELD_COLUMNS]);
}

function writeMetaField(
  meta: ExcelJS.Worksheet,
  row: number,
  address: string,
  initiative: EntryInitiative,
  field: FieldRow,
): void {
  const values: (string | number)[] = [
    address,
    initiative.number,
    field.field,
    field.kpiId ?? "",
    initiative.reportVersion,
    field.kpiVersion ?? "",
    fingerprint(cellTextOf(field.value)),
  ];
  values.forEach((value, i) => {
    if (value !== "") meta.getCell(row, i + 1).value = value;
  });
}

/** Text for an Excel page header: "&" starts a code there and is written "&&". */
function escapeHeader(text: string): string {
  return text.replace(/&/g, "&&");
}

/** The calendar date in Japan (UTC+9, no daylight saving) of an instant. */
export function japanDate(instant: Date): string {
  return new Date(instant.getTime() + 9 * 3600 * 1000).toISOString().slice(0, 10);
}
