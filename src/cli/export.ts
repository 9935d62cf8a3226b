import { readFile, stat } from "node:fs/promises";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { type Diagnostic, hasErrors } from "../domain/diagnostic.ts";
import { formatFiscalYear } from "../domain/era.ts";
import type { PlanDocument } from "../domain/plan-document.ts";
import { withPublisher } from "../domain/publisher.ts";
import type { CsvEncoding } from "../io/export/csv.ts";
import { type ExportFormat, exportFileName } from "../io/export/file-name.ts";
import { importFile } from "../io/import-file.ts";
import { type ImportLimits, parseLimitOptions } from "../io/limits.ts";
import { readFiscalYear } from "../io/mapping/read-rows.ts";
import { type ColumnMapping, parseMapping } from "../io/mapping/schema.ts";
import { describeDatabaseError, parseDatabaseUrl, redactDatabaseUrl } from "../store/index.ts";
import { argsErrorMessage } from "./args.ts";
import { chooseDatabaseUrl, isMissingSqliteFile, openOrReport } from "./database.ts";
import { formatFinding } from "./findings.ts";
import {
  type CliIo,
  cannotWrite,
  EXIT_FAILED,
  EXIT_OK,
  EXIT_USAGE,
  guarded,
  processIo,
  writeAtomically,
} from "./io.ts";

/**
 * `shinchoku export`: writes one reporting round as xlsx, PDF, CSV or JSON — from the database
 * (--plan and --year) or converted from a file (--input: a plan document JSON, a progress-table text,
 * an xlsx, or a CSV with --mapping) without any database.
 */

/** "令和元年度（2019年度）": a year the reader may name in either way. */
function withWesternYear(fy: number): string {
  return `${formatFiscalYear(fy)}（${fy}年度）`;
}

const FORMATS: readonly ExportFormat[] = ["xlsx", "pdf", "csv", "json"];

export function usage(): string {
  return [
    "使い方 / usage: shinchoku export --plan ID --year 年度 --format xlsx|pdf|csv|json [-o FILE]",
    "                                [--encoding utf-8|shift_jis] [--draft] [--database URL]",
    "                shinchoku export --input FILE --format xlsx|pdf|csv|json [-o FILE] [--mapping MAP.json]",
    "",
    "  --plan ID             計画番号（shinchoku import が表示した番号） / the plan's id",
    "  --year 年度           報告年度（例：2019、令和元年度、R1） / the reported fiscal year",
    "  --format 形式         xlsx（Excel）・pdf・csv（オープンデータ）・json（計画データ）",
    "  --encoding 文字コード  CSV の文字コード：utf-8（BOM付き、既定）または shift_jis",
    "  --draft               公表版ではなく、入力中の内容（下書き）を書き出す / the draft, not the publication",
    "  -o, --output FILE     書き出し先（既定：計画名_年度.拡張子 を現在のフォルダに。",
    "                        フォルダを指定するとその中に。- で標準出力）",
    "  --input FILE          データベースを使わずにファイルを変換する（.json .txt .tsv .xlsx .csv）",
    "  --mapping MAP.json    --input が他の自治体の xlsx・CSV のときの列の対応表",
    "  --allow-partial       --input の表が途中で切れていても書き出す（警告のみ）",
    "  --limit 名前=値       --input の上限を上げる（shinchoku import --help を参照）",
    "  --database URL        データベース（既定：DATABASE_URL または ./data/shinchoku.db）",
    "  -h, --help            この説明 / this help",
    "",
    "終了コード / exit code: 0（成功）、1（見つからない・読み取れない・書き出せない）、2（使い方の誤り）",
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
  allowPartial?: boolean;
  limits: ImportLimits;
  /** The database URL, checked. */
  database?: string;
  /** The round's live rows instead of its latest publication. */
  draft?: boolean;
}

type Parsed = { help: true } | { help: false; options: Options } | { error: string };

function parse(args: string[], env: Record<string, string | undefined>): Parsed {
  let values: Record<string, string | boolean | string[] | undefined>;
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
        "allow-partial": { type: "boolean" },
        limit: { type: "string", multiple: true },
        database: { type: "string" },
        draft: { type: "boolean" },
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
    return { error: `--format は xlsx・pdf・csv・json のいずれかです：${format}` };
  const limit = values.limit;
  const limits = parseLimitOptions(Array.isArray(limit) ? limit : []);
  if ("error" in limits) return { error: limits.error };
  const options: Options = { format: format as ExportFormat, limits: limits.limits };
  if (values["allow-partial"] === true) options.allowPartial = true;

  const encoding = text("encoding")?.toLowerCase().replace("sjis", "shift_jis").replace("utf8", "utf-8");
  if (encoding !== undefined) {
    if (format !== "csv") return { error: "--encoding は --format csv のときだけ指定できます" };
    if (encoding !== "utf-8" && encoding !== "shift_jis")
      return { error: `--encoding には utf-8 か shift_jis を指定してください：${text("encoding")}` };
    options.encoding = encoding;
  }
  const output = text("output");
  if (output !== undefined) options.output = output;

  const input = text("input");
  const mapping = text("mapping");
  const database = text("database");
  if (values.draft === true) options.draft = true;
  if (input === undefined && (options.allowPartial || limit !== undefined))
    return { error: "--allow-partial と --limit は --input と一緒に指定します" };
  if (input !== undefined) {
    if (text("plan") !== undefined || text("year") !== undefined || database !== undefined || options.draft)
      return {
        error: "--input はファイルを変換します。--plan・--year・--database・--draft とは併用できません",
      };
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
    return { error: `--plan は計画番号（1以上の整数）です：${planText}` };
  const year = readFiscalYear(yearText);
  if (year === undefined)
    return { error: `--year を年度として読み取れません（例：2019、令和元年度、R1）：${yearText}` };
  options.plan = Number(planText);
  options.year = year;
  const chosen = chooseDatabaseUrl(database, env);
  if ("error" in chosen) return { error: chosen.error };
  options.database = chosen.url;
  return { help: false, options };
}

type Loaded = { document: PlanDocument } | { exit: number };

async function loadFromStore(options: Options, io: CliIo): Promise<Loaded> {
  const url = options.database as string;
  // Exporting only reads: opening a SQLite file that is not there would create an empty database
  // where the command happens to run (and a second one later). Say where we looked instead.
  if (isMissingSqliteFile(url)) {
    const target = parseDatabaseUrl(url);
    const path = target.kind === "sqlite" ? resolve(target.path) : redactDatabaseUrl(url);
    io.err(
      `データベースが見つかりません：${path}\n` +
        "取り込んだフォルダで実行するか、--database（または DATABASE_URL）で場所を指定してください。何も作成していません。" +
        ` / No database at ${path}: run this where the tables were imported, or name the database with --database (or DATABASE_URL). Nothing was created.`,
    );
    return { exit: EXIT_FAILED };
  }
  const store = await openOrReport(url, io, "");
  if (!store) return { exit: EXIT_FAILED };
  try {
    const planId = options.plan as number;
    const year = options.year as number;
    const plan = await store.plans.find(planId);
    if (!plan) {
      io.err(`計画番号${planId}の計画はありません。shinchoku import が表示した計画番号を確認してください`);
      return { exit: EXIT_FAILED };
    }
    if (options.draft) {
      const round = await store.rounds.find(planId, year);
      const snapshot = round && (await store.rounds.snapshot(round.id));
      if (snapshot) return { document: snapshot.document };
      const years = (await store.rounds.list(planId)).map((r) => withWesternYear(r.fiscalYear));
      io.err(
        `${plan.title} の${formatFiscalYear(year)}の進行管理はありません。ある年度：${years.join("、") || "なし"}`,
      );
      return { exit: EXIT_FAILED };
    }
    const published = await store.publications.listLatest(plan.organizationId, planId);
    const record = published.find((p) => p.fiscalYear === year);
    const publication = record && (await store.publications.load(record.id));
    if (!publication) {
      const years = published.map((p) => withWesternYear(p.fiscalYear)).join("、") || "なし";
      io.err(
        `${plan.title} の${formatFiscalYear(year)}は公表されていません。公表済みの年度：${years}。入力中の内容は --draft で書き出せます`,
      );
      return { exit: EXIT_FAILED };
    }
    // The open data names its publisher (code and name) as the API's CSV does.
    const organization =
      options.format === "csv" ? await store.organizations.find(plan.organizationId) : undefined;
    return {
      document: organization ? withPublisher(publication.document, organization) : publication.document,
    };
  } catch (error) {
    const schemaMissing = /no such table|does not exist/i.test(reason(error));
    io.err(
      `データベースを読み取れません。${schemaMissing ? "データベースの構造が古いか、作られていません。shinchoku migrate を実行してください。" : ""} / cannot read the database${schemaMissing ? " (run shinchoku migrate)" : ""}: ${redactDatabaseUrl(url)}`,
    );
    // The cause in the database's words only when the sentence above has none to give.
    if (!schemaMissing) io.err(describeDatabaseError(error));
    return { exit: EXIT_FAILED };
  } finally {
    await store.close().catch(() => {});
  }
}

async function loadFromFile(options: Options, io: CliIo): Promise<Loaded> {
  let mapping: ColumnMapping | undefined;
  if (options.mapping !== undefined) {
    let text: string;
    try {
      text = await readFile(options.mapping, "utf8");
    } catch (error) {
      io.err(`列の対応表を読み取れません：${options.mapping}\n${reason(error)}`);
      return { exit: EXIT_FAILED };
    }
    const parsed = parseMapping(text);
    if (!parsed.mapping) {
      for (const d of parsed.diagnostics) io.err(formatFinding(d));
      return { exit: EXIT_FAILED };
    }
    mapping = parsed.mapping;
  }
  const input = options.input as string;
  const result = await importFile(input, {
    ...(mapping ? { mapping } : {}),
    ...(options.allowPartial ? { allowPartial: true } : {}),
    limits: options.limits,
  });
  for (const d of result.diagnostics) io.err(formatFinding(d));
  if (!result.document || hasErrors(result.diagnostics)) {
    io.err(`エラーがあるため書き出しません：${input}`);
    return { exit: EXIT_FAILED };
  }
  return { document: result.document };
}

async function render(
  doc: PlanDocument,
  options: Options,
): Promise<{ bytes: Uint8Array; warnings: Diagnostic[] }> {
  // Each renderer is loaded when asked for: a CSV export does not pay for the PDF fonts or exceljs.
  switch (options.format) {
    case "xlsx": {
      const { renderXlsx } = await import("../io/export/xlsx.ts");
      const { buffer, diagnostics } = await renderXlsx(doc);
      return { bytes: buffer, warnings: diagnostics };
    }
    case "pdf": {
      const { exportPdf } = await import("../io/export/pdf.ts");
      return { bytes: await exportPdf(doc), warnings: [] };
    }
    case "csv": {
      const { exportCsv } = await import("../io/export/csv.ts");
      return { bytes: exportCsv(doc, options.encoding ? { encoding: options.encoding } : {}), warnings: [] };
    }
    case "json": {
      const { exportJson } = await import("../io/export/json.ts");
      return { bytes: Buffer.from(exportJson(doc), "utf8"), warnings: [] };
    }
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

async function exportRound(args: string[], io: CliIo): Promise<number> {
  const parsed = parse(args, io.env ?? processIo.env);
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
    io.err(`書き出しに失敗しました（${options.format}）：${reason(error)}`);
    return EXIT_FAILED;
  }
  for (const d of rendered.warnings) io.err(formatFinding(d));

  if (options.output === "-") {
    try {
      await (io.stdout ?? processIo.stdout)(rendered.bytes);
    } catch (error) {
      io.err(`標準出力に書き出せません / cannot write to standard output: ${reason(error)}`);
      return EXIT_FAILED;
    }
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
    io.err(cannotWrite(target, error));
    return EXIT_FAILED;
  }
  io.out(`書き出しました：${target}（${size(rendered.bytes.length)}）`);
  return EXIT_OK;
}

export const run = guarded(exportRound);
