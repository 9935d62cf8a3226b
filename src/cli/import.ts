import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { type Diagnostic, hasErrors } from "../domain/diagnostic.ts";
import { formatFiscalYear, formatJapaneseDate, isValidIsoDate } from "../domain/era.ts";
import {
  DEFAULT_GRADE_SCALE,
  type GradeScale,
  type GradeSummary,
  gradeCount,
  gradeScaleOf,
} from "../domain/grade.ts";
import { summaryCodes } from "../domain/grade-summary.ts";
import { withNumberSign } from "../domain/initiative-number.ts";
import { localGovernmentCodeProblem } from "../domain/local-government-code.ts";
import type { PlanDocument } from "../domain/plan-document.ts";
import { hasRemovals, type Removals, removalsBetween } from "../domain/removals.ts";
import { importFile, whyUnreadable } from "../io/import-file.ts";
import type { ImportResult } from "../io/import-result.ts";
import { describeLimits, type ImportLimits, parseLimitOptions } from "../io/limits.ts";
import { type ImportPreview, previewImport } from "../io/mapping/preview.ts";
import { type ColumnMapping, parseMapping } from "../io/mapping/schema.ts";
import {
  type Actor,
  describeDatabaseError,
  type OrganizationRecord,
  redactDatabaseUrl,
  type SqlStore,
  StoreError,
} from "../store/index.ts";
import { departmentFindingsOf, planGradeFindingsOf, storedRoundOf } from "../workflow/import-preview.ts";
import { importRound } from "../workflow/import-round.ts";
import { displayWidth } from "./admin.ts";
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
import { SLUG } from "./slug.ts";

/**
 * `shinchoku import FILE [--json OUT.json] [--organization 名前]`: reads a published progress table,
 * shows what was read and every finding, and writes the plan document — all or nothing: a file that
 * cannot be read or has an error-severity finding leaves nothing behind.
 */

export function usage(): string {
  return [
    "使い方 / usage: shinchoku import FILE [--json OUT.json] [--organization 名前] [--slug ID]",
    "                                [--local-government-code 6桁] [--replace [--allow-removals]] [--database URL]",
    "                                [--mapping MAP.json] [--dry-run] [--allow-partial]",
    "                                [--limit 名前=値]…",
    "",
    "  FILE                  進行管理集計表：テキスト（タブ区切り。UTF-8・Shift_JIS・UTF-16）、",
    "                        xlsx、CSV、計画データ（JSON形式）",
    "                        the progress table as text, xlsx, CSV or a plan document (JSON)",
    "  --mapping MAP.json    他の自治体の xlsx・CSV の列の対応表 / column mapping for another layout",
    "  --dry-run             ファイルだけを読み、先頭の行とすべての指摘を表示する（何も保存せず、データベースとの照合もしない）",
    "                        preview the first rows and every finding; store nothing",
    "  --json OUT.json       計画データ（JSON形式）を書き出す（データベースには取り込まない）",
    "                        write the plan document as JSON instead of storing it",
    "  --organization 名前   自治体名（例：坂戸市） / the municipality's name",
    "  --slug ID             自治体の URL 名（例：sakado）。初めて取り込む自治体で必要",
    "                        the municipality's URL name; needed the first time",
    "  --local-government-code 6桁  全国地方公共団体コード（検査数字を含む6桁。坂戸市は112399）。",
    "                        自治体に登録し、オープンデータ（CSV）の先頭の列に書く",
    "                        the 6-digit local government code (with its check digit), kept with the",
    "                        organization and written first in the open-data CSV",
    "  --replace             同じ計画・年度がすでにあれば置き換える / replace an existing round",
    "  --allow-removals      置き換えで取組項目・数値目標が減ってもよい / let --replace remove initiatives or KPIs",
    "  --allow-partial       途中で切れた表・本部会評価の行がない表・その後に行がある表も取り込む（警告のみ）",
    "                        accept a table that is cut off, lacks its footer or has rows after it",
    "  --limit 名前=値       入力の上限を上げる（繰り返し指定可） / raise an input limit (repeatable):",
    ...describeLimits(displayWidth),
    "  --database URL        データベース（既定：DATABASE_URL または ./data/shinchoku.db）",
    "  -h, --help            この説明 / this help",
    "",
    "終了コード / exit code: 0（成功）、1（読み取れない・エラーあり。何も書き出さない）、2（使い方の誤り）",
  ].join("\n");
}

interface Options {
  file: string;
  json?: string;
  organization?: string;
  slug?: string;
  localGovernmentCode?: string;
  replace?: boolean;
  allowRemovals?: boolean;
  /** The database URL, checked (set unless --json or --dry-run). */
  database?: string;
  mapping?: string;
  dryRun?: boolean;
  allowPartial?: boolean;
  limits: ImportLimits;
}

type Parsed = { help: true } | { help: false; options: Options } | { error: string };

function parse(args: string[], env: Record<string, string | undefined>): Parsed {
  let values: {
    json?: string;
    organization?: string;
    slug?: string;
    "local-government-code"?: string;
    replace?: boolean;
    "allow-removals"?: boolean;
    "allow-partial"?: boolean;
    limit?: string[];
    database?: string;
    mapping?: string;
    "dry-run"?: boolean;
    help?: boolean;
  };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: {
        json: { type: "string" },
        organization: { type: "string" },
        slug: { type: "string" },
        "local-government-code": { type: "string" },
        replace: { type: "boolean" },
        "allow-removals": { type: "boolean" },
        "allow-partial": { type: "boolean" },
        limit: { type: "string", multiple: true },
        database: { type: "string" },
        mapping: { type: "string" },
        "dry-run": { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
    }));
  } catch (error) {
    return { error: argsErrorMessage(error, "import") };
  }
  if (values.help) return { help: true };
  if (positionals.length === 0) return { error: "FILE がありません / FILE is missing" };
  if (positionals.length > 1)
    return { error: `FILE は1つだけ指定してください / one FILE only: ${positionals.join(" ")}` };
  const limits = parseLimitOptions(values.limit ?? []);
  if ("error" in limits) return { error: limits.error };
  const options: Options = { file: positionals[0] as string, limits: limits.limits };
  if (values["allow-partial"]) options.allowPartial = true;
  if (values.json !== undefined) options.json = values.json;
  if (values.organization !== undefined) options.organization = values.organization;
  if (values.slug !== undefined) options.slug = values.slug;
  if (values.replace) options.replace = true;
  const code = values["local-government-code"]?.trim();
  if (code !== undefined) {
    const problem = localGovernmentCodeProblem(code);
    if (problem) return { error: `${problem.ja} / ${problem.en}` };
    options.localGovernmentCode = code;
  }
  if (values["allow-removals"]) options.allowRemovals = true;
  if (values.mapping !== undefined) options.mapping = values.mapping;
  if (values["dry-run"]) options.dryRun = true;
  if (options.dryRun && options.json !== undefined)
    return { error: "--dry-run は何も書き出しません。--json とは併用できません" };
  if (options.json !== undefined && (options.slug || options.replace || values.database !== undefined))
    return { error: "--json は変換だけを行います。--slug・--replace・--database とは併用できません" };
  if (options.allowRemovals && !options.replace)
    return {
      error: "--allow-removals は --replace と一緒に指定します / --allow-removals goes with --replace",
    };
  if (options.slug !== undefined && !SLUG.test(options.slug))
    return { error: `--slug は半角英小文字・数字・ハイフンで指定してください：${options.slug}` };
  if (options.json === undefined && !options.dryRun) {
    const chosen = chooseDatabaseUrl(values.database, env);
    if ("error" in chosen) return { error: chosen.error };
    options.database = chosen.url;
  }
  return { help: false, options };
}

function formatSummary(s: GradeSummary, scale: GradeScale = DEFAULT_GRADE_SCALE): string {
  return summaryCodes(s, scale)
    .map((code) => `${code} ${gradeCount(s, code)}`)
    .join(" / ");
}

export function summarize(result: ImportResult & { encoding?: string | null }): string[] {
  const doc = result.document;
  if (!doc) return [];
  const initiatives = doc.policies.flatMap((p) => p.initiatives);
  const kpis = initiatives.flatMap((i) => i.kpis);
  const relisted = kpis.filter((k) => k.relisted).length;
  const lines = [`${doc.plan.title || "（計画名なし）"}`];
  if (doc.organization) lines[0] = `${doc.organization.name} ${lines[0]}`;
  if (result.encoding) lines.push(`文字コード ${result.encoding}`);
  lines.push(
    `基本方針 ${doc.policies.length}件`,
    `取組項目 ${initiatives.length}件`,
    `数値目標 ${kpis.length}件${relisted > 0 ? `（うち再掲 ${relisted}件）` : ""}`,
    `進捗状況 ${formatSummary(doc.gradeSummary, gradeScaleOf(doc.plan))}${
      doc.declaredGradeSummary
        ? `（本部会評価 ${formatSummary(doc.declaredGradeSummary, gradeScaleOf(doc.plan))}）`
        : ""
    }`,
  );
  if (isValidIsoDate(doc.round.asOf)) {
    lines.push(`基準日 ${formatJapaneseDate(doc.round.asOf)}現在（${doc.round.asOf}）`);
  } else {
    lines.push("基準日 不明");
  }
  return lines;
}

function countBySeverity(diagnostics: Diagnostic[]): string {
  const n = (s: Diagnostic["severity"]) => diagnostics.filter((d) => d.severity === s).length;
  return `エラー${n("error")}件・警告${n("warning")}件・情報${n("info")}件`;
}

async function loadMapping(path: string, io: CliIo): Promise<ColumnMapping | undefined> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    const [ja, en] = whyUnreadable(path, error);
    io.err(`列の対応表：${ja} / the column mapping: ${en}`);
    return undefined;
  }
  const parsed = parseMapping(text);
  for (const d of parsed.diagnostics) io.err(`列の対応表「${path}」の${formatFinding(d)}`);
  return parsed.mapping && !hasErrors(parsed.diagnostics) ? parsed.mapping : undefined;
}

/** The --dry-run view: what would be stored, the first rows as read, and the verdict. */
export function formatPreview(preview: ImportPreview): string[] {
  const { counts } = preview;
  const lines = [
    `プレビュー（保存していません）：基本方針${counts.policies}件・取組項目${counts.initiatives}件・数値目標${counts.kpis}件・行${preview.totalRows}件`,
    `先頭の${preview.rows.length}行 / first ${preview.rows.length} rows:`,
  ];
  for (const row of preview.rows) {
    const cells = preview.columns
      .map((c) => [c.header, row.values[c.field]] as const)
      .filter(([, value]) => value !== undefined)
      .map(([header, value]) => `${header}=${(value ?? "").replace(/\s+/g, " ").slice(0, 30)}`);
    lines.push(`  [${row.location}] ${cells.join(" | ")}`);
  }
  lines.push(
    preview.importable
      ? // --dry-run reads the file only: the stored plan's scale, 対象外 and departments are checked on import.
        `エラー${counts.errors}件・警告${counts.warnings}件：ファイルは取り込める形です（登録済みの計画の評価の区分・関係課との照合は、取り込むときに行います）`
      : `エラー${counts.errors}件・警告${counts.warnings}件：エラーがあるため取り込めません`,
  );
  return lines;
}

/** Who the audit log names for a command-line import. */
const IMPORT_ACTOR: Actor = { kind: "system", name: "shinchoku import" };

/**
 * What is missing to know the organization, and only that: with --organization given, the URL name
 * (--slug) alone; with neither, both.
 */
export function missingOrganizationMessage(name: string | undefined, slug: string | undefined): string {
  if (name && !slug)
    return (
      `--slug URL名 を指定してください。「${name}」はまだ登録されていないため、アドレス（/o/URL名）に使う名前が必要です（例：--slug sakado）。` +
      ` / Give --slug: "${name}" is not registered yet and needs a URL name for its address (/o/NAME), e.g. --slug sakado.`
    );
  if (slug && !name)
    return (
      `--organization 自治体名 を指定してください。「${slug}」はまだ登録されていません（例：--organization 坂戸市）。` +
      ` / Give --organization: "${slug}" is not registered yet, e.g. --organization 坂戸市.`
    );
  return (
    "取り込み先の自治体が分かりません。--organization 自治体名 と --slug URL名 を指定してください（例：--organization 坂戸市 --slug sakado）。" +
    " / Which organization is this for? Give --organization NAME and --slug URL-NAME, e.g. --organization 坂戸市 --slug sakado."
  );
}

/** A second import of the same round, refused: said once, with the option that replaces it. */
export function roundExistsMessage(document: PlanDocument): string {
  const fy = document.round.fiscalYear;
  return (
    `計画「${document.plan.title}」の${formatFiscalYear(fy, "long")}（${fy}年度）はすでに取り込まれています。置き換える場合は --replace を付けて取り込み直してください。` +
    ` / FY${fy} of "${document.plan.title}" has already been imported; add --replace to replace it.`
  );
}

/** URL names appear in addresses (/o/sakado): lower-case letters, digits and hyphens. */

/** The organizations stored; none in a database that was never migrated (nothing is created here). */
async function storedOrganizations(store: SqlStore): Promise<OrganizationRecord[]> {
  try {
    return await store.organizations.list();
  } catch (error) {
    if ((await store.pendingMigrations()).length > 0) return [];
    throw error;
  }
}

/** The municipality named by --slug, or found by its name among those stored (or the only one). */
function chooseOrganization(
  document: PlanDocument,
  options: Options,
  organizations: OrganizationRecord[],
): { slug: string; name: string } | undefined {
  const name = options.organization ?? document.organization?.name;
  const known =
    organizations.find((o) => o.slug === options.slug) ??
    (name
      ? organizations.find((o) => o.name === name)
      : organizations.length === 1
        ? organizations[0]
        : undefined);
  const slug = options.slug ?? known?.slug;
  const organizationName = name ?? known?.name;
  return slug && organizationName ? { slug, name: organizationName } : undefined;
}

const SHOWN_REMOVALS = 20;

function formatRemovals(removals: Removals): string[] {
  const lines = [
    ...removals.initiatives.map(
      (i) =>
        `  取組項目 ${withNumberSign(i.number)}「${i.title}」 / initiative ${withNumberSign(i.number, " ")}`,
    ),
    ...removals.kpis.map(
      (k) =>
        `  取組項目 ${withNumberSign(k.initiativeNumber)} の数値目標「${k.name}」 / KPI of ${withNumberSign(k.initiativeNumber, " ")}`,
    ),
  ];
  if (lines.length <= SHOWN_REMOVALS) return lines;
  const rest = lines.length - SHOWN_REMOVALS;
  return [...lines.slice(0, SHOWN_REMOVALS), `  ほか ${rest}件 / ${rest} more`];
}

/** What replacing the stored round with `document` would remove (nothing when there is no such round). */
async function removalsOf(
  store: SqlStore,
  document: PlanDocument,
  organization: OrganizationRecord | undefined,
): Promise<Removals | undefined> {
  if (!organization) return undefined;
  const stored = await storedRoundOf(store, organization.id, document);
  return stored ? removalsBetween(stored.snapshot.document, document) : undefined;
}

/**
 * Stores the document in the database in one transaction. The municipality is named by --slug, or
 * found by its name among those already stored, so a second fiscal year needs no --slug. A usage
 * error is found before the database is created or migrated.
 */
export async function storeDocument(
  document: PlanDocument,
  options: Options,
  io: CliIo,
  places?: ImportResult["places"],
): Promise<number> {
  const url = options.database as string;
  const unknownOrganization = () => {
    io.err(missingOrganizationMessage(options.organization ?? document.organization?.name, options.slug));
    return EXIT_USAGE;
  };
  const missing = isMissingSqliteFile(url);
  if (missing && !chooseOrganization(document, options, [])) return unknownOrganization();

  const store = await openOrReport(url, io, "。何も取り込んでいません");
  if (!store) return EXIT_FAILED;
  // Until the import starts, a failure means the database could not be opened at all.
  let opened = false;
  try {
    const organizations = missing ? [] : await storedOrganizations(store);
    const organization = chooseOrganization(document, options, organizations);
    if (!organization) return unknownOrganization();
    if (store.readOnly) {
      io.err("データベースが読み取り専用のため取り込めません / the database is read-only");
      return EXIT_FAILED;
    }
    await store.migrate();
    opened = true;
    // 関係課 the organization merged or retired since: said before anything is written; a retired
    // one in the plan's latest year stops the import (the store refuses it too).
    const storedOrganization = organizations.find((o) => o.slug === organization.slug);
    const place = (field: string) => places?.[field];
    const findings = [
      ...(await departmentFindingsOf(store, storedOrganization?.id, document, place)),
      // The stored plan's scale and 対象外 are its settings': the file's grades must fit them.
      ...(await planGradeFindingsOf(store, storedOrganization?.id, document, place)),
    ];
    for (const d of findings) io.err(formatFinding(d));
    if (hasErrors(findings)) {
      io.err(
        `${countBySeverity(findings)}。取り込みを中止しました。データベースは変更していません。 / Import cancelled; the database was not changed.`,
      );
      return EXIT_FAILED;
    }
    if (options.replace) {
      const stored = organizations.find((o) => o.slug === organization.slug);
      const removals = await removalsOf(store, document, stored);
      if (removals && hasRemovals(removals)) {
        const count = `取組項目 ${removals.initiatives.length}件・数値目標 ${removals.kpis.length}件`;
        if (!options.allowRemovals) {
          io.err(`置き換えると次の${count}が削除されます。何も取り込んでいません / replacing would remove:`);
          for (const line of formatRemovals(removals)) io.err(line);
          io.err(
            "削除してよい場合は --allow-removals を指定してください / add --allow-removals to replace anyway",
          );
          return EXIT_FAILED;
        }
        io.out(`置き換えで削除します：${count} / removing:`);
        for (const line of formatRemovals(removals)) io.out(line);
      }
    }
    const outcome = await importRound(store, IMPORT_ACTOR, {
      document,
      organization: {
        ...organization,
        ...(options.localGovernmentCode ? { localGovernmentCode: options.localGovernmentCode } : {}),
      },
      replace: options.replace === true,
    });
    const year = formatFiscalYear(outcome.fiscalYear, "long");
    io.out(
      `${outcome.replaced ? "置き換えました" : "取り込みました"}：${organization.name} ${document.plan.title} ${year}（計画番号${outcome.planId}）`,
    );
    return EXIT_OK;
  } catch (error) {
    if (error instanceof StoreError) {
      // The store's refusal speaks of "置き換え" in general; here the option that does it is named, once.
      io.err(error.code === "round.exists" ? roundExistsMessage(document) : error.message);
      return EXIT_FAILED;
    }
    io.err(
      opened
        ? "取り込めませんでした。何も取り込んでいません / nothing was imported:"
        : `データベースに接続できません。何も取り込んでいません：${redactDatabaseUrl(url)}`,
    );
    io.err(describeDatabaseError(error));
    return EXIT_FAILED;
  } finally {
    await store.close().catch(() => {});
  }
}

async function importCommand(args: string[], io: CliIo): Promise<number> {
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

  let mapping: ColumnMapping | undefined;
  if (options.mapping !== undefined) {
    const loaded = await loadMapping(options.mapping, io);
    if (!loaded) return EXIT_FAILED;
    mapping = loaded;
  }

  const result = await importFile(options.file, {
    ...(options.organization ? { organizationName: options.organization } : {}),
    ...(mapping ? { mapping } : {}),
    ...(options.allowPartial ? { allowPartial: true } : {}),
    limits: options.limits,
  });
  if (options.dryRun) {
    for (const line of formatPreview(previewImport(result))) io.out(line);
    for (const d of result.diagnostics) io.err(formatFinding(d));
    return result.document && !hasErrors(result.diagnostics) ? EXIT_OK : EXIT_FAILED;
  }
  for (const line of summarize(result)) io.out(line);
  for (const d of result.diagnostics) io.err(formatFinding(d));

  if (!result.document || hasErrors(result.diagnostics)) {
    io.err(
      options.json === undefined
        ? `${countBySeverity(result.diagnostics)}。取り込みを中止しました。データベースは変更していません。 / Import cancelled; the database was not changed.`
        : `${countBySeverity(result.diagnostics)}。変換を中止しました。ファイルは書き出していません。 / Conversion cancelled; nothing was written.`,
    );
    return EXIT_FAILED;
  }
  if (options.localGovernmentCode) {
    if (result.document.organization)
      result.document.organization.localGovernmentCode = options.localGovernmentCode;
    else if (options.json !== undefined) {
      io.err(
        "--local-government-code は自治体名と一緒に書き出します。--organization 自治体名 も指定してください" +
          " / --local-government-code goes with the organization's name: add --organization NAME",
      );
      return EXIT_USAGE;
    }
  }
  if (options.json === undefined) return storeDocument(result.document, options, io, result.places);

  try {
    await writeAtomically(options.json, `${JSON.stringify(result.document, null, 2)}\n`);
  } catch (error) {
    io.err(cannotWrite(options.json, error));
    return EXIT_FAILED;
  }
  io.out(`書き出しました：${options.json}`);
  return EXIT_OK;
}

export const run = guarded(importCommand);
