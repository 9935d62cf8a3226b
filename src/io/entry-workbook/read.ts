import ExcelJS from "exceljs";
import { DEFAULT_GRADE_SCALE, type GradeScale } from "../../domain/grade.ts";
import { DEFAULT_LIMITS, type ImportLimits } from "../limits.ts";
import { checkXlsxArchive } from "../xlsx/archive-check.ts";
import { cellText } from "../xlsx/read-sheet.ts";
import { entryValueProblem, readGrade } from "./checks.ts";
import {
  columnOf,
  FIRST_FIELD_ROW,
  fingerprint,
  IDENTITY_CELL,
  INPUT_SHEET,
  META_FIELDS_HEADER_ROW,
  META_KEYS,
  META_SHEET,
  normalizeCellText,
} from "./layout.ts";
import {
  ENTRY_WORKBOOK_FORMAT,
  type EntryFieldKind,
  type EntryWorkbookIdentity,
  type UploadedField,
  type UploadedWorkbook,
  type WorkbookProblem,
} from "./model.ts";

/**
 * Reads an uploaded entry workbook back: the identity and the list of input cells from the hidden
 * sheet, each input cell's text from 「入力票」, each changed value checked (src/io/entry-workbook/
 * checks.ts). Every finding names its sheet and cell. Never throws. What the workbook may change is
 * decided by the workflow (src/workflow/entry-workbook.ts), against the store.
 */

/** An entry workbook is one department's rows: far smaller than a whole table. */
export const ENTRY_UPLOAD_LIMITS: Readonly<ImportLimits> = Object.freeze({
  ...DEFAULT_LIMITS,
  fileBytes: 8 * 1024 * 1024,
  xlsxBytes: 32 * 1024 * 1024,
  cells: 200_000,
});

const MAX_FIELDS = 20_000;
const FIELD_KINDS: readonly EntryFieldKind[] = [
  "activities",
  "kpi",
  "selfGrade",
  "selfGradeReason",
  "nextYearGoal",
];
/** What the label of each kind of row starts with (column C of 「入力票」). */
const LABEL_START: Record<EntryFieldKind, string> = {
  activities: "(D)",
  kpi: "現状値：",
  selfGrade: "所管課の自己評価",
  selfGradeReason: "自己評価の理由",
  nextYearGoal: "(H)",
};

export type EntryWorkbookRead =
  | { ok: true; workbook: UploadedWorkbook }
  /**
   * `identity`: which plan, round and department the workbook says it is for, when that much was
   * read — so the caller can say "this is another plan's workbook" before what its cells hold.
   */
  | { ok: false; problems: WorkbookProblem[]; identity?: EntryWorkbookIdentity };

const NOT_OURS =
  "Shinchoku からダウンロードした入力票ではありません。「入力票をダウンロード」で作った Excel ファイルに入力して、アップロードしてください。";

export interface EntryWorkbookReadOptions {
  /** The plan's grade scale: the own view takes only its codes (default A–D). */
  gradeScale?: GradeScale;
  limits?: ImportLimits;
}

export async function readEntryWorkbook(
  bytes: Uint8Array,
  options: EntryWorkbookReadOptions = {},
): Promise<EntryWorkbookRead> {
  const limits = options.limits ?? ENTRY_UPLOAD_LIMITS;
  const scale = options.gradeScale ?? DEFAULT_GRADE_SCALE;
  const fail = (message: string, sheet?: string, cell?: string): EntryWorkbookRead => ({
    ok: false,
    problems: [{ ...(sheet !== undefined ? { sheet } : {}), ...(cell ? { cell } : {}), message }],
  });
  if (bytes.length === 0) return fail("ファイルが空です。入力票の Excel ファイルを選んでください。");
  if (bytes.length > limits.fileBytes)
    return fail(
      `ファイルが大きすぎます（${Math.ceil(bytes.length / 1024 / 1024)} MB）。入力票は ${limits.fileBytes / 1024 / 1024} MB までです。`,
    );
  const archive = await checkXlsxArchive(bytes, limits);
  if (!archive.ok)
    return fail(
      "limit" in archive
        ? `ファイルの中身が大きすぎるため読み取れません（${archive.limit.message}）。`
        : `Excel ファイル（.xlsx）として読み取れません。${NOT_OURS}`,
    );
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as never);
  } catch {
    return fail(`Excel ファイル（.xlsx）として読み取れません。${NOT_OURS}`);
  }
  try {
    return readLoaded(workbook, scale);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return fail(`入力票を読む途中で予期しないエラーが起きました（${message.slice(0, 80)}）。`);
  }
}

function readLoaded(workbook: ExcelJS.Workbook, scale: GradeScale): EntryWorkbookRead {
  const problems: WorkbookProblem[] = [];
  const meta = workbook.getWorksheet(META_SHEET);
  if (!meta)
    return {
      ok: false,
      problems: [{ message: `${NOT_OURS}（入力票の情報を記録したシート「${META_SHEET}」がありません）` }],
    };
  const text = (row: number, column: number) => cellText(meta.getCell(row, column)).text.trim();
  const at = (row: number, column: number) => `${String.fromCharCode(64 + column)}${row}`;
  const metaProblem = (row: number, column: number, what: string) =>
    problems.push({
      sheet: META_SHEET,
      cell: at(row, column),
      message: `入力票の情報（${what}）を読み取れません。このシートは変更しないでください。新しい入力票をダウンロードし直してください。`,
    });
  if (text(META_KEYS.format, 2) !== ENTRY_WORKBOOK_FORMAT) {
    return {
      ok: false,
      problems: [
        {
          sheet: META_SHEET,
          cell: at(META_KEYS.format, 2),
          message: `${NOT_OURS}（形式「${text(META_KEYS.format, 2).slice(0, 40)}」は読み取れません）`,
        },
      ],
    };
  }
  const id = (key: keyof typeof META_KEYS, what: string): number => {
    const row = META_KEYS[key];
    const value = text(row, 2);
    if (!/^[1-9][0-9]{0,9}$/.test(value)) {
      metaProblem(row, 2, what);
      return 0;
    }
    return Number(value);
  };
  const identity: EntryWorkbookIdentity = {
    organizationId: id("organization", "自治体"),
    organizationName: text(META_KEYS.organization, 3),
    planId: id("plan", "計画"),
    planTitle: text(META_KEYS.plan, 3),
    fiscalYear: id("fiscalYear", "年度"),
    roundId: id("round", "年度の進行管理"),
    departmentId: id("department", "所管課"),
    departmentName: text(META_KEYS.department, 3),
    createdAt: text(META_KEYS.createdAt, 2),
  };
  if (problems.length > 0) return { ok: false, problems };

  const input = workbook.getWorksheet(INPUT_SHEET);
  if (!input)
    return {
      ok: false,
      identity,
      problems: [
        {
          sheet: INPUT_SHEET,
          message: `シート「${INPUT_SHEET}」がありません。シートの名前を変えたり削除したりしないでください。`,
        },
      ],
    };
  if (!cellText(input.getCell(IDENTITY_CELL)).text.includes(identity.departmentName))
    problems.push({
      sheet: INPUT_SHEET,
      cell: IDENTITY_CELL,
      message: `所管課の欄が入力票を作成したときと違います（${identity.departmentName}の入力票のはずです）。`,
    });

  const fields: UploadedField[] = [];
  const seen = new Set<string>();
  for (let row = META_FIELDS_HEADER_ROW + 1; ; row++) {
    const address = text(row, 1);
    if (address === "") break;
    if (fields.length >= MAX_FIELDS) {
      metaProblem(row, 1, "入力欄の数");
      break;
    }
    const match = /^G([1-9][0-9]{0,6})$/.exec(address);
    const number = text(row, 2);
    const kind = text(row, 3) as EntryFieldKind;
    const kpiId = text(row, 4);
    const reportVersion = text(row, 5);
    const kpiVersion = text(row, 6);
    const print = text(row, 7);
    const rowNumber = Number(match?.[1] ?? 0);
    if (
      !match ||
      rowNumber < FIRST_FIELD_ROW ||
      seen.has(address) ||
      !/^[1-9][0-9]{0,8}$/.test(number) ||
      !FIELD_KINDS.includes(kind) ||
      (kind === "kpi" ? !/^[1-9][0-9]{0,9}$/.test(kpiId) : kpiId !== "") ||
      !/^[1-9][0-9]{0,9}$/.test(reportVersion) ||
      !/^([1-9][0-9]{0,9})?$/.test(kpiVersion) ||
      !/^[A-Za-z0-9_-]{22}$/.test(print)
    ) {
      metaProblem(row, 1, "入力欄の一覧");
      continue;
    }
    seen.add(address);
    const initiativeNumber = Number(number);

    // The row must still be the one written: same No. and same kind of field.
    const shownNumber = cellText(input.getCell(rowNumber, columnOf("number"))).text.trim();
    if (shownNumber !== number) {
      problems.push({
        sheet: INPUT_SHEET,
        cell: `A${rowNumber}`,
        message: `No. が入力票を作成したときと違います（No.${number} の行のはずです）。行を並べ替えたり、追加・削除したりしないでください。`,
      });
      continue;
    }
    const label = cellText(input.getCell(rowNumber, columnOf("field"))).text.trim();
    if (!label.startsWith(LABEL_START[kind])) {
      problems.push({
        sheet: INPUT_SHEET,
        cell: `C${rowNumber}`,
        message: `入力する項目が入力票を作成したときと違います（「${LABEL_START[kind]}…」の行のはずです）。行を並べ替えたり、追加・削除したりしないでください。`,
      });
      continue;
    }
    const cell = cellText(input.getCell(rowNumber, columnOf("input")));
    if (cell.error) {
      problems.push({
        sheet: INPUT_SHEET,
        cell: address,
        message: `セルがエラー値（${cell.error}）です。文字で入力してください。`,
      });
      continue;
    }
    let value = normalizeCellText(cell.text);
    const edited = fingerprint(value) !== print;
    if (edited) {
      const problem = entryValueProblem(kind, value, scale);
      if (problem) {
        problems.push({ sheet: INPUT_SHEET, cell: address, message: `No.${number}：${problem}` });
        continue;
      }
    }
    if (kind === "selfGrade") value = readGrade(value, scale) ?? "";
    fields.push({
      cell: address,
      initiativeNumber,
      field: kind,
      kpiId: kind === "kpi" ? Number(kpiId) : null,
      reportVersion: Number(reportVersion),
      kpiVersion: kpiVersion === "" ? null : Number(kpiVersion),
      edited,
      value,
    });
  }
  if (problems.length > 0) return { ok: false, problems, identity };
  return { ok: true, workbook: { identity, fields } };
}
