import { resolve } from "node:path";
import { createInterface } from "node:readline/promises";
import { parseArgs } from "node:util";
import { formatFiscalYear } from "../domain/era.ts";
import { readFiscalYear } from "../io/mapping/read-rows.ts";
import {
  type Actor,
  describeDatabaseError,
  parseDatabaseUrl,
  type RemovalCounts,
  redactDatabaseUrl,
  type SqlStore,
  StoreError,
} from "../store/index.ts";
import { removeOrganization, removePlan, removeRound } from "../workflow/remove.ts";
import { argsErrorMessage } from "./args.ts";
import { chooseDatabaseUrl, isMissingSqliteFile, openOrReport } from "./database.ts";
import { type CliIo, EXIT_FAILED, EXIT_OK, EXIT_USAGE, guarded, processIo } from "./io.ts";

/**
 * `shinchoku remove round|plan|organization`: takes away a wrongly imported round, plan or
 * organization, all or nothing. It shows what would go, then asks (on a terminal) or needs --yes;
 * what has publications (公表版, immutable) is refused unless --force.
 */

export function usage(): string {
  return [
    "使い方 / usage: shinchoku remove round --plan ID --year 年度 [--yes] [--force] [--database URL]",
    "                shinchoku remove plan --plan ID [--yes] [--force] [--database URL]",
    "                shinchoku remove organization --slug URL名 [--yes] [--force] [--database URL]",
    "",
    "  round                 計画の1年度分（報告・現状値・コメント・公表版と、ほかの年度にない取組項目・数値目標）",
    "                        one fiscal year of a plan, and the initiatives and KPIs no other year has",
    "  plan                  計画とそのすべての年度 / a plan with all its fiscal years",
    "  organization          自治体とそのすべて（計画・課・利用者・監査記録）",
    "                        an organization with everything it holds, its accounts and audit log included",
    "  --plan ID             計画番号（shinchoku import が表示した番号） / the plan's number",
    "  --year 年度           報告年度（例：2019、令和元年度、R1） / the reported fiscal year",
    "  --slug URL名          自治体の URL 名（例：sakado） / the organization's URL name",
    "  --yes, -y             確認せずに削除する（端末でないときは必須） / do not ask (needed without a terminal)",
    "  --force               公表版があっても削除する / remove published revisions too",
    "  --database URL        データベース（既定：DATABASE_URL または ./data/shinchoku.db）",
    "  -h, --help            この説明 / this help",
    "",
    "削除の前に、削除されるものの件数を表示します。公表版は変更も削除もできない記録です。--force のときだけ、",
    "削除と同じトランザクションの中でその保護を外し、終わる前に元に戻します。年度・計画の削除は監査記録に",
    "残ります。自治体を削除すると、その監査記録も一緒に削除されます（自治体を指す記録は残せないため）。",
    "表示された件数を控えてください。 / The counts are shown first. Publications are immutable: --force lifts",
    "that protection inside the removal's own transaction only. Removing a round or plan is audited; removing an",
    "organization removes its audit log with it (nothing may point at a removed organization): keep the summary.",
    "",
    "終了コード / exit code: 0（削除した）、1（見つからない・公表版がある・中止した・失敗した。何も削除しない）、",
    "                        2（使い方の誤り・端末でなく --yes もない）",
  ].join("\n");
}

/** A terminal to ask on; absent when standard input is not one (a script, a pipe). */
export interface RemoveIo extends CliIo {
  ask?: (question: string) => Promise<string>;
}

type Target =
  | { kind: "round"; plan: number; year: number }
  | { kind: "plan"; plan: number }
  | { kind: "organization"; slug: string };

interface Options {
  target: Target;
  yes: boolean;
  force: boolean;
  database: string;
}

type Parsed = { help: true } | { help: false; options: Options } | { error: string };

const KINDS = ["round", "plan", "organization"] as const;

function parse(args: string[], env: Record<string, string | undefined>): Parsed {
  let values: {
    plan?: string;
    year?: string;
    slug?: string;
    yes?: boolean;
    force?: boolean;
    database?: string;
    help?: boolean;
  };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: {
        plan: { type: "string" },
        year: { type: "string" },
        slug: { type: "string" },
        yes: { type: "boolean", short: "y" },
        force: { type: "boolean" },
        database: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    }));
  } catch (error) {
    return { error: argsErrorMessage(error, "remove") };
  }
  if (values.help) return { help: true };
  const [given, ...extra] = positionals;
  if (given === undefined)
    return {
      error:
        "削除するもの（round、plan、organization のいずれか）を指定してください / say what to remove: round, plan or organization",
    };
  if (!(KINDS as readonly string[]).includes(given))
    return {
      error: `「${given}」は削除できるものではありません。round、plan、organization のいずれかを指定してください / "${given}" is not one of round, plan, organization`,
    };
  const kind = given as (typeof KINDS)[number];
  if (extra.length > 0)
    return { error: `余分な引数「${extra.join(" ")}」があります / unexpected argument "${extra.join(" ")}"` };

  const planOption = (): number | { error: string } => {
    if (values.plan === undefined)
      return { error: `--plan 計画番号 を指定してください / give --plan NUMBER (remove ${kind})` };
    if (!/^\d{1,9}$/.test(values.plan) || Number(values.plan) < 1)
      return {
        error: `--plan には計画番号（1以上の整数）を指定してください / --plan is a plan number: ${values.plan}`,
      };
    return Number(values.plan);
  };
  const notFor = (name: string) =>
    `${name} は remove ${kind} には使いません / ${name} does not go with remove ${kind}`;

  let target: Target;
  if (kind === "organization") {
    if (values.plan !== undefined) return { error: notFor("--plan") };
    if (values.year !== undefined) return { error: notFor("--year") };
    if (values.slug === undefined || values.slug.trim() === "")
      return {
        error: "--slug URL名 を指定してください（例：--slug sakado） / give --slug, e.g. --slug sakado",
      };
    target = { kind, slug: values.slug.trim() };
  } else {
    if (values.slug !== undefined) return { error: notFor("--slug") };
    const plan = planOption();
    if (typeof plan !== "number") return plan;
    if (kind === "plan") {
      if (values.year !== undefined) return { error: notFor("--year") };
      target = { kind, plan };
    } else {
      if (values.year === undefined)
        return { error: "--year 年度 を指定してください（例：--year 2019） / give --year, e.g. --year 2019" };
      const year = readFiscalYear(values.year);
      if (year === undefined)
        return {
          error: `--year を年度として読み取れません（例：2019、令和元年度、R1） / --year is not a fiscal year: ${values.year}`,
        };
      target = { kind, plan, year };
    }
  }
  const chosen = chooseDatabaseUrl(values.database, env);
  if ("error" in chosen) return { error: chosen.error };
  return {
    help: false,
    options: { target, yes: values.yes === true, force: values.force === true, database: chosen.url },
  };
}

const LABELS: [keyof RemovalCounts, string, string][] = [
  ["plans", "計画", "plans"],
  ["rounds", "年度", "fiscal-year rounds"],
  ["policies", "基本方針", "policies"],
  ["initiatives", "取組項目", "initiatives"],
  ["kpis", "数値目標", "KPIs"],
  ["reports", "報告", "reports"],
  ["kpiValues", "現状値", "KPI values"],
  ["comments", "コメント", "comments"],
  ["publications", "公表版", "published revisions"],
  ["departments", "課", "departments"],
  ["accounts", "利用者", "accounts"],
  ["auditEntries", "監査記録", "audit entries"],
];

/** One line per kind of row that goes (publications always: they decide whether --force is needed). */
export function formatCounts(counts: RemovalCounts): string[] {
  return LABELS.filter(([key]) => counts[key] > 0 || key === "publications").map(
    ([key, ja, en]) => `  ${ja} ${counts[key].toLocaleString("ja-JP")}件 / ${en}: ${counts[key]}`,
  );
}

/** Who the audit log names for a removal from the command line. */
const REMOVE_ACTOR: Actor = { kind: "system", name: "shinchoku remove" };

interface Found {
  /** What is removed, in a line. */
  title: string;
  counts: RemovalCounts;
  remove: (store: SqlStore, force: boolean) => Promise<RemovalCounts>;
  /** Said after the removal. */
  after?: (store: SqlStore) => Promise<string | undefined>;
}

async function find(store: SqlStore, target: Target, io: CliIo): Promise<Found | undefined> {
  if (target.kind === "organization") {
    const organization = await store.organizations.findBySlug(target.slug);
    if (!organization) {
      const known = (await store.organizations.list()).map((o) => o.slug).join("、") || "なし / none";
      io.err(
        `URL名「${target.slug}」の自治体はありません（登録されている自治体：${known}） / no organization "${target.slug}"`,
      );
      return undefined;
    }
    return {
      title: `自治体 ${organization.name}（${organization.slug}）とそのすべて / organization ${organization.slug} and all it holds`,
      counts: await store.removals.organizationCounts(organization.id),
      remove: (s, force) => removeOrganization(s, REMOVE_ACTOR, { organizationId: organization.id, force }),
    };
  }
  const plan = await store.plans.find(target.plan);
  if (!plan) {
    io.err(`計画番号${target.plan}の計画はありません / no plan number ${target.plan}`);
    return undefined;
  }
  const organization = await store.organizations.find(plan.organizationId);
  const planTitle = `${organization?.name ?? ""} ${plan.title}（計画番号${plan.id}）`.trim();
  if (target.kind === "plan") {
    return {
      title: `計画 ${planTitle}とそのすべての年度 / plan ${plan.id} with all its rounds`,
      counts: await store.removals.planCounts(plan.id),
      remove: (s, force) => removePlan(s, REMOVE_ACTOR, { planId: plan.id, force }),
    };
  }
  const round = await store.rounds.find(plan.id, target.year);
  if (!round) {
    const years = (await store.rounds.list(plan.id)).map(
      (r) => `${formatFiscalYear(r.fiscalYear)}（${r.fiscalYear}年度）`,
    );
    io.err(
      `${plan.title} に${formatFiscalYear(target.year)}（${target.year}年度）の進行管理はありません。ある年度：${years.join("、") || "なし"} / plan ${plan.id} has no round for FY${target.year}`,
    );
    return undefined;
  }
  return {
    title: `${planTitle}の${formatFiscalYear(round.fiscalYear)}（${round.fiscalYear}年度） / FY${round.fiscalYear} of plan ${plan.id}`,
    counts: await store.removals.roundCounts(round.id),
    remove: (s, force) => removeRound(s, REMOVE_ACTOR, { roundId: round.id, force }),
    after: async (s) =>
      (await s.rounds.list(plan.id)).length === 0
        ? `計画番号${plan.id}には年度が残っていません。計画ごと削除するには shinchoku remove plan --plan ${plan.id} を実行してください / plan ${plan.id} has no round left`
        : undefined,
  };
}

function isYes(answer: string): boolean {
  return /^(y|yes|はい)$/i.test(answer.normalize("NFKC").trim());
}

async function removeCommand(args: string[], io: RemoveIo): Promise<number> {
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
  const url = options.database;
  // Nothing to remove from a database that is not there, and opening it would create one.
  if (isMissingSqliteFile(url)) {
    const target = parseDatabaseUrl(url);
    const path = target.kind === "sqlite" ? resolve(target.path) : redactDatabaseUrl(url);
    io.err(
      `データベースが見つかりません：${path}。--database（または DATABASE_URL）で場所を指定してください。何も作成していません。` +
        ` / No database at ${path}: name it with --database (or DATABASE_URL). Nothing was created.`,
    );
    return EXIT_FAILED;
  }
  const store = await openOrReport(url, io, "。何も削除していません");
  if (!store) return EXIT_FAILED;
  try {
    if ((await store.pendingMigrations()).length > 0) {
      io.err(
        "データベースが最新の形になっていません。先に shinchoku migrate を実行してください。何も削除していません / run shinchoku migrate first; nothing was removed",
      );
      return EXIT_FAILED;
    }
    const found = await find(store, options.target, io);
    if (!found) return EXIT_FAILED;
    io.out(`削除するもの / to remove: ${found.title}`);
    for (const line of formatCounts(found.counts)) io.out(line);

    if (found.counts.publications > 0 && !options.force) {
      io.err(
        `公表版が${found.counts.publications}件あります（取り込んだ表は取り込んだときに公表されます）。公表版は変更も削除もできない記録のため、削除しません。` +
          "公表しているページからも消してよい場合は --force を付けてください。何も削除していません" +
          ` / It has ${found.counts.publications} published revision(s), which are immutable: add --force to remove them too. Nothing was removed.`,
      );
      return EXIT_FAILED;
    }
    if (store.readOnly) {
      io.err("データベースが読み取り専用のため削除できません / the database is read-only");
      return EXIT_FAILED;
    }
    if (!options.yes) {
      if (!io.ask) {
        io.err(
          "確認を求める端末がありません。上の内容を削除してよければ --yes を付けて実行してください。何も削除していません" +
            " / No terminal to confirm on: add --yes to remove the above. Nothing was removed.",
        );
        return EXIT_USAGE;
      }
      const answer = await io.ask("削除しますか？ / Remove? [y/N] ");
      if (!isYes(answer)) {
        io.err("中止しました。何も削除していません / cancelled; nothing was removed");
        return EXIT_FAILED;
      }
    }
    const removed = await found.remove(store, options.force);
    io.out(`削除しました / removed: ${found.title}`);
    for (const line of formatCounts(removed)) io.out(line);
    if (options.target.kind === "organization")
      io.out(
        "自治体の監査記録も削除しました。この表示を削除の記録として控えてください / its audit log went with it: keep this summary as the record",
      );
    else io.out("監査記録に残しました（shinchoku remove） / recorded in the audit log");
    const note = await found.after?.(store);
    if (note) io.out(note);
    return EXIT_OK;
  } catch (error) {
    if (error instanceof StoreError) {
      io.err(`${error.message} 何も削除していません / nothing was removed`);
      return EXIT_FAILED;
    }
    io.err("削除できませんでした。何も削除していません / the removal failed; nothing was removed:");
    io.err(describeDatabaseError(error));
    return EXIT_FAILED;
  } finally {
    await store.close().catch(() => {});
  }
}

/** Asks on the terminal when standard input and error are one; otherwise there is nobody to ask. */
function terminalAsk(): RemoveIo["ask"] {
  if (!process.stdin.isTTY || !process.stderr.isTTY) return undefined;
  return async (question) => {
    const rl = createInterface({ input: process.stdin, output: process.stderr });
    try {
      return await rl.question(question);
    } finally {
      rl.close();
    }
  };
}

const guardedRemove = guarded((args, io) => removeCommand(args, io as RemoveIo));

export function run(args: string[], io?: RemoveIo): Promise<number> {
  if (io) return guardedRemove(args, io);
  const ask = terminalAsk();
  const terminal: RemoveIo = ask ? { ...processIo, ask } : processIo;
  return guardedRemove(args, terminal);
}
