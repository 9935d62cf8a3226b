import { existsSync } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { type Diagnostic, formatDiagnostic, hasErrors } from "../domain/diagnostic.ts";
import { formatFiscalYear } from "../domain/era.ts";
import type { PlanDocument } from "../domain/plan-document.ts";
import { type CsvEncoding, exportCsv } from "../io/export/csv.ts";
import { type ExportFormat, exportFileName } from "../io/export/file-name.ts";
import { exportJson } from "../io/export/json.ts";
import { exportPdf } from "../io/export/pdf.ts";
import { renderXlsx } from "../io/export/xlsx.ts";
import { importFile } from "../io/import-file.ts";
import { readFiscalYear } from "../io/mapping/read-rows.ts";
import { type ColumnMapping, parseMapping } from "../io/mapping/schema.ts";
import { DEFAULT_DATABASE_URL, openStore, parseDatabaseUrl, redactDatabaseUrl } from "../store/index.ts";
import { argsErrorMessage } from "./args.ts";
import { type CliIo, EXIT_FAILED, EXIT_OK, EXIT_USAGE, processIo, writeAtomically } from "./io.ts";

/**
 * `shinchoku export`: writes one reporting round as xlsx, PDF, CSV or JSON — from the database
 * (--plan and --year) or converted from a file (--input: a plan document JSON, a progress-table text,
 * an xlsx, or a CSV with --mapping) without any database.
 */

const FORMATS: readonly ExportFormat[] = ["xlsx", "pdf", "csv", "json"];

export function usage(): string {
  return [
    "使い方 / usage: shinchoku export --plan ID --year 年度 --format xlsx|pdf|csv|json [-o FILE]",
    "                                [--encoding utf-8|shift_jis] [--database URL]",
    "                shinchoku export --input FILE --format xlsx|pdf|csv|json [-o FILE] [--mapping MAP.json]",
    "",
    "  --plan ID             計画ID（shinchoku import が表示した番号） / the plan's id",
    "  --year 年度           報告年度（例: 2019、令和元年度、R1） / the reported fiscal year",
    "  --format 形式         xlsx（Excel）・pdf・csv（オープンデータ）・json（計画ドキュメント）",
    "  --encoding 文字コード  CSV の文字コード: utf-8（BOM付き、既定）または shift_jis",
    "  -o, --output FILE     書き出し先（既定: 計画名_年度.拡張子 を今のフォルダに。",
    "                        フォルダを指定するとその中に。- で標準出力）",
    "  --input FILE          データベースを使わずにファイルを変換する（.json .txt .tsv .xlsx .csv）",
    "  --mapping MAP.json    --input が他の自治体の xlsx・CSV のときの列の対応",
    "  --database URL        データベース（既定: DATABASE_URL または ./data/shinchoku.db）",
    "  -h, --help            この説明 / this help",
    "",
    "終了コード / exit code: 0 成功 / 1 見つからない・読めない・書けない / 2 使い方の誤り",
  ].join("\n");
}

interface Options {
  format: ExportFormat;
  encoding?: CsvEncoding;
  output?: string;
  plan?: number;
  year?: number;
  input?: string;
  mapping?: string;
  database?: string;
}

type Parsed = { help: true } | { help: false; options: Options } | { error: string };

function parse(args: string[]): Parsed {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args,
      allowPositionals: false,
      strict: true,
      options: {
        plan: { type: "string" },
        year: { type: "string" },
        format: { type: "string" },
        encoding: { type: "string" },
        output: { type: "string", short: "o" },
        input: { type: "string" },
        mapping: { type: "string" },
        database: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    }));
  } catch (error) {
    return { error: argsErrorMessage(error, "export") };
  }
  if (values.help) return { help: true };
  const text = (name: string) => (typeof values[name] === "string" ? (values[name] as string) : undefined);

  const format = text("format");
  if (format === undefined) return { error: "--format を指定してください（xlsx・pdf・csv・json）" };
  if (!FORMATS.includes(format as ExportFormat))
    return { error: `--format は xlsx・pdf・csv・json のいずれかです: ${format}` };
  const options: Options = { format: format as ExportFormat };

  const encoding = text("encoding")?.toLowerCase().replace("sjis", "shift_jis").replace("utf8", "utf-8");
  if (encoding !== undefined) {
    if (format !== "csv") return { error: "--encoding は --format csv のときだけ指定できます" };
    if (encoding !== "utf-8" && encoding !== "shift_jis")
      return { error: `--encoding は utf-8 または shift_jis です: ${text("encoding")}` };
    options.encoding = encoding;
  }
  const output = text("output");
  if (output !== undefined) options.output = output;

  const input = text("input");
  const mapping = text("mapping");
  const database = text("database");
  if (input !== undefined) {
    if (text("plan") !== undefined || text("year") !== undefined || database !== undefined)
      return { error: "--input はファイルを変換します。--plan・--year・--database とは併用できません" };
    options.input = input;
    if (mapping !== undefined) options.mapping = mapping;
    return { help: false, options };
  }
  if (mapping !== undefined) return { error: "--mapping は --input と一緒に指定します" };

  const planText = text("plan");
  const yearText = text("year");
  if (planText === undefined || yearText === undefined)
    return { error: "--plan と --year（または変換する --input）を指定してください" };
  if (!/^\d{1,9}$/.test(planText) || Number(planText) < 1)
    return { error: `--plan は計画ID（1 以上の整数）です: ${planText}` };
  const year = readFiscalYear(yearText);
  if (year === undefined)
    return { error: `--year を年度として読めません（例: 2019、令和元年度、R1）: ${yearText}` };
  options.plan = Number(planText);
  options.year = year;
  if (database !== undefined) options.database = database;
  return { help: false, options };
}

type Loaded = { document: PlanDocument } | { exit: number };

async function loadFromStore(options: Options, io: CliIo): Promise<Loaded> {
  const url = options.database ?? process.env.DATABASE_URL;
  // Exporting only reads: opening a SQLite file that is not there would create an empty database
  // where the command happens to run (and a second one later). Say where we looked instead.
  const target = parseDatabaseUrl(url ?? DEFAULT_DATABASE_URL);
  if (target.kind === "sqlite" && target.path !== ":memory:" && !existsSync(target.path)) {
    const path = resolve(target.path);
    io.err(
      `データベースが見つかりません: ${path}\n` +
        "取り込んだフォルダで実行するか、--database（または DATABASE_URL）で場所を指定してください。何も作成していません。" +
        ` / No database at ${path}: run this where the tables were imported, or name the database with --database (or DATABASE_URL). Nothing was created.`,
    );
    return { exit: EXIT_FAILED };
  }
  let store: Awaited<ReturnType<typeof openStore>>;
  try {
    store = await openStore(url);
  } catch (error) {
    io.err(
      `データベースを開けません: ${url ? redactDatabaseUrl(url) : "./data/shinchoku.db"}\n${reason(error)}`,
    );
    return { exit: EXIT_FAILED };
  }
  try {
    const planId = options.plan as number;
    const year = options.year as number;
    const plan = await store.findPlan(planId);
    if (!plan) {
      io.err(`計画ID ${planId} の計画はありません`);
      return { exit: EXIT_FAILED };
    }
    const document = await store.loadRound(planId, year);
    if (!document) {
      const rounds = await store.listRounds(planId);
      const years = rounds.map((r) => formatFiscalYear(r.fiscalYear)).join("、") || "なし";
      io.err(`${plan.title} の${formatFiscalYear(year)}の報告はありません（ある年度: ${years}）`);
      return { exit: EXIT_FAILED };
    }
    return { document };
  } catch (error) {
    io.err(`データベースを読めません（shinchoku migrate を実行しましたか）: ${reason(error)}`);
    return { exit: EXIT_FAILED };
  } finally {
    await store.close();
  }
}

async function loadFromFile(options: Options, io: CliIo): Promise<Loaded> {
  let mapping: ColumnMapping | undefined;
  if (options.mapping !== undefined) {
    let text: string;
    try {
      text = await readFile(options.mapping, "utf8");
    } catch (error) {
      io.err(`マッピングファイルを読めません: ${options.mapping}\n${reason(error)}`);
      return { exit: EXIT_FAILED };
    }
    const parsed = parseMapping(text);
    if (!parsed.mapping) {
      for (const d of parsed.diagnostics) io.err(formatDiagnostic(d));
      return { exit: EXIT_FAILED };
    }
    mapping = parsed.mapping;
  }
  const input = options.input as string;
  const result = await importFile(input, mapping ? { mapping } : {});
  for (const d of result.diagnostics) io.err(formatDiagnostic(d));
  if (!result.document || hasErrors(result.diagnostics)) {
    io.err(`エラーがあるため書き出しません: ${input}`);
    return { exit: EXIT_FAILED };
  }
  return { document: result.document };
}

async function render(
  doc: PlanDocument,
  options: Options,
): Promise<{ bytes: Uint8Array; warnings: Diagnostic[] }> {
  switch (options.format) {
    case "xlsx": {
      const { buffer, diagnostics } = await renderXlsx(doc);
      return { bytes: buffer, warnings: diagnostics };
    }
    case "pdf":
      return { bytes: await exportPdf(doc), warnings: [] };
    case "csv":
      return { bytes: exportCsv(doc, options.encoding ? { encoding: options.encoding } : {}), warnings: [] };
    case "json":
      return { bytes: Buffer.from(exportJson(doc), "utf8"), warnings: [] };
  }
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function size(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} KB`;
}

export async function run(args: string[], io: CliIo = processIo): Promise<number> {
  const parsed = parse(args);
  if ("error" in parsed) {
    io.err(`${parsed.error}\n\n${usage()}`);
    return EXIT_USAGE;
  }
  if (parsed.help) {
    io.out(usage());
    return EXIT_OK;
  }
  const { options } = parsed;
  const loaded =
    options.input !== undefined ? await loadFromFile(options, io) : await loadFromStore(options, io);
  if ("exit" in loaded) return loaded.exit;

  let rendered: { bytes: Uint8Array; warnings: Diagnostic[] };
  try {
    rendered = await render(loaded.document, options);
  } catch (error) {
    io.err(`書き出しに失敗しました（${options.format}）: ${reason(error)}`);
    return EXIT_FAILED;
  }
  for (const d of rendered.warnings) io.err(formatDiagnostic(d));

  if (options.output === "-") {
    (io.stdout ?? processIo.stdout)(rendered.bytes);
    return EXIT_OK;
  }
  const fileName = exportFileName(
    loaded.document,
    options.format,
    options.encoding ? { encoding: options.encoding } : {},
  );
  const target = resolve(
    options.output === undefined
      ? fileName
      : (await isDirectory(options.output))
        ? join(options.output, fileName)
        : options.output,
  );
  try {
    await writeAtomically(target, rendered.bytes);
  } catch (error) {
    io.err(`書き出せません / cannot write: ${target}\n${reason(error)}`);
    return EXIT_FAILED;
  }
  io.out(`書き出しました: ${target}（${size(rendered.bytes.length)}）`);
  return EXIT_OK;
}
