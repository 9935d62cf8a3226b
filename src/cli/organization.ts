import { parseArgs } from "node:util";
import { describeDatabaseError } from "../store/index.ts";
import { adminActor, openForChanges } from "./admin.ts";
import { argsErrorMessage } from "./args.ts";
import { chooseDatabaseUrl } from "./database.ts";
import { type CliIo, EXIT_FAILED, EXIT_OK, EXIT_USAGE, guarded, processIo } from "./io.ts";
import { slugProblem } from "./slug.ts";

/**
 * `shinchoku organization add NAME --slug SLUG`: the system administrator registers a municipality
 * (自治体). Its first secretariat account is then made on the setup URL `serve` prints, or with
 * `shinchoku user add … --role secretariat`.
 */

const MAX_NAME = 100;

export function usage(): string {
  return [
    "使い方 / usage: shinchoku organization add 自治体名 --slug URL名 [--database URL]",
    "",
    "自治体を登録する（システム管理者） / register a municipality (system administrator)",
    "",
    "  自治体名 NAME      画面と集計表に表示する名前（例：坂戸市） / the name shown",
    "  --slug URL名       アドレス /o/URL名 に使う名前（半角英小文字・数字・ハイフン。例：sakado）",
    "                     the name in its address (/o/SLUG): lower-case letters, digits, hyphens",
    "  --database URL     データベース（省略時は環境変数 DATABASE_URL、それもなければ ./data/shinchoku.db）",
    "  -h, --help         この説明 / this help",
    "",
    "終了コード / exit code: 0（成功）、1（失敗。URL名が使用中など。何も変更しない）、2（使い方の誤り）",
  ].join("\n");
}

async function organization(args: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === undefined || sub === "--help" || sub === "-h" || sub === "help") {
    (sub ? io.out : io.err)(usage());
    return sub ? EXIT_OK : EXIT_USAGE;
  }
  if (sub !== "add") {
    io.err(
      `不明な操作です：${sub}。shinchoku organization add を使ってください / unknown action: ${sub}\n\n${usage()}`,
    );
    return EXIT_USAGE;
  }
  let values: { slug?: string; database?: string; help?: boolean };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: rest,
      strict: true,
      allowPositionals: true,
      options: {
        slug: { type: "string" },
        database: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    }));
  } catch (error) {
    io.err(`${argsErrorMessage(error, "organization add")}\n\n${usage()}`);
    return EXIT_USAGE;
  }
  if (values.help) {
    io.out(usage());
    return EXIT_OK;
  }
  const usageError = (message: string) => {
    io.err(`${message}\n\n${usage()}`);
    return EXIT_USAGE;
  };
  if (positionals.length > 1)
    return usageError(
      `自治体名は1つだけ指定してください（空白を含むときは引用符で囲む）：${positionals.join(" ")} / give one name (quote it if it has spaces)`,
    );
  const name = (positionals[0] ?? "").trim();
  if (name === "")
    return usageError("自治体名を指定してください（例：坂戸市） / give the organization's name");
  if (name.length > MAX_NAME || /\p{Cc}/u.test(name))
    return usageError(
      `自治体名は制御文字を含まない${MAX_NAME}文字以内で指定してください / the name must be at most ${MAX_NAME} characters, without control characters`,
    );
  if (values.slug === undefined)
    return usageError(
      "--slug URL名 を指定してください（例：--slug sakado） / give --slug, e.g. --slug sakado",
    );
  const slug = values.slug.trim();
  const problem = slugProblem(slug);
  if (problem) return usageError(problem);
  const chosen = chooseDatabaseUrl(values.database, io.env ?? processIo.env);
  if ("error" in chosen) return usageError(chosen.error);

  const store = await openForChanges(chosen.url, io, { create: true });
  if (!store) return EXIT_FAILED;
  try {
    const outcome = await store.transaction({ actor: adminActor("organization add") }, async (tx) => {
      const existing = await tx.organizations.findBySlug(slug);
      if (existing) return { kind: "taken" as const, existing };
      return { kind: "created" as const, ...(await tx.organizations.ensure({ slug, name })) };
    });
    if (outcome.kind === "taken") {
      io.err(
        `URL名「${slug}」はすでに「${outcome.existing.name}」が使っています。別の --slug を指定してください。何も変更していません。` +
          ` / The slug "${slug}" is already used by ${outcome.existing.name}: choose another one. Nothing was changed.`,
      );
      return EXIT_FAILED;
    }
    io.out(`自治体を登録しました：${name}（${slug}） / organization added: ${name} (${slug})`);
    io.out(
      "最初の事務局アカウントは、サーバー起動時に表示される設定用 URL から作成するか、次のコマンドで作成してください。",
    );
    io.out(
      "Create its first secretariat account on the setup URL the server prints when it starts, or with:",
    );
    io.out(`  shinchoku user add --organization ${slug} --role secretariat --login ログインID --name 氏名`);
    return EXIT_OK;
  } catch (error) {
    io.err(
      `自治体を登録できませんでした。何も変更していません。 / Could not add the organization: ${describeDatabaseError(error)}`,
    );
    return EXIT_FAILED;
  } finally {
    await store.close().catch(() => {});
  }
}

export const run = guarded(organization);
