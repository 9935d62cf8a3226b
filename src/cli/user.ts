import { parseArgs } from "node:util";
import { normalizeLoginId } from "../domain/credentials.ts";
import { isRoleName, ROLE_LABELS, ROLES, type RoleName } from "../domain/permissions.ts";
import { passwordLink } from "../server/auth/links.ts";
import { describeDatabaseError, type SqlStore } from "../store/index.ts";
import type { AccountRecord, OrganizationRecord } from "../store/types.ts";
import {
  forcePasswordReset,
  inviteAccount,
  ONE_TIME_TOKEN_MS,
  setAccountDisabled,
} from "../workflow/accounts.ts";
import { adminActor, formatTable, japanTime, linkBase, openForChanges, problemText } from "./admin.ts";
import { argsErrorMessage } from "./args.ts";
import { chooseDatabaseUrl } from "./database.ts";
import { type CliIo, EXIT_FAILED, EXIT_OK, EXIT_USAGE, guarded, processIo } from "./io.ts";

/**
 * `shinchoku user add|list|disable|enable|reset`: accounts (利用者) from the command line, for the
 * system administrator — above all an organization's first secretariat. A password is never shown
 * nor taken here: `add` and `reset` print a one-time URL (24 h, single use) on which the person
 * sets one. Every change is audited as the accounts page's are, with the command as the actor.
 */

const ACTIONS = ["add", "list", "disable", "enable", "reset"] as const;
type Action = (typeof ACTIONS)[number];

const ROLE_LINES = ROLES.map((r) => `${r}（${ROLE_LABELS[r].ja}）`).join("、");

export function usage(): string {
  return [
    "使い方 / usage:",
    "  shinchoku user add --organization URL名 --role 役割 [--role 役割 …] --login ログインID",
    "                     [--name 氏名] [--email メール] [--department 課名 …] [--database URL]",
    "  shinchoku user list --organization URL名 [--database URL]",
    "  shinchoku user disable|enable|reset --organization URL名 --login ログインID [--database URL]",
    "",
    "  add       利用者を作成し、パスワード設定用の URL（1回限り・24時間有効）を表示する",
    "            create an account and print its one-time password-setting URL (single use, 24 h)",
    "  list      利用者の一覧（ログインID・氏名・役割・担当課・状態・最終ログイン） / list the accounts",
    "  disable   利用者を無効にし、ログイン中のセッションを終える / disable an account and end its sessions",
    "  enable    無効にした利用者を有効に戻す / enable an account again",
    "  reset     パスワードを使えなくし、セッションを終え、新しい設定用 URL を表示する",
    "            force a password reset: end its sessions and print a new one-time URL",
    "",
    "  --organization URL名  自治体のアドレス /o/URL名 の名前（例：sakado）",
    `  --role 役割           ${ROLE_LINES}`,
    "                        繰り返して複数指定できる / repeat for several roles",
    "  --login ログインID    職員番号またはメールアドレス（半角英数字と . _ @ + -）",
    "  --name 氏名           画面と記録に表示する名前（省略時はログインID）",
    "  --email メール        通知の送り先（任意）",
    "  --department 課名     editor（所管課）の担当課。登録済みの課名で、繰り返して複数指定できる",
    "  --database URL        データベース（省略時は環境変数 DATABASE_URL、それもなければ ./data/shinchoku.db）",
    "  -h, --help            この説明 / this help",
    "",
    "表示する URL は環境変数 PUBLIC_URL を基点にします（なければ http://localhost:PORT）。",
    "Printed URLs start with PUBLIC_URL (else http://localhost:PORT).",
    "",
    "終了コード / exit code: 0（成功）、1（失敗。何も変更しない）、2（使い方の誤り）",
  ].join("\n");
}

interface Values {
  organization?: string;
  role?: string[];
  login?: string;
  name?: string;
  email?: string;
  department?: string[];
  database?: string;
  help?: boolean;
}

/** Which options each action takes (any other is a usage error). */
const TAKES: Record<Action, (keyof Values)[]> = {
  add: ["organization", "role", "login", "name", "email", "department", "database"],
  list: ["organization", "database"],
  disable: ["organization", "login", "database"],
  enable: ["organization", "login", "database"],
  reset: ["organization", "login", "database"],
};

async function user(args: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === undefined || sub === "--help" || sub === "-h" || sub === "help") {
    (sub ? io.out : io.err)(usage());
    return sub ? EXIT_OK : EXIT_USAGE;
  }
  const usageError = (message: string) => {
    io.err(`${message}\n\n${usage()}`);
    return EXIT_USAGE;
  };
  if (!(ACTIONS as readonly string[]).includes(sub))
    return usageError(`不明な操作です：${sub}（${ACTIONS.join("・")}） / unknown action: ${sub}`);
  const action = sub as Action;
  let values: Values;
  try {
    ({ values } = parseArgs({
      args: rest,
      strict: true,
      allowPositionals: false,
      options: {
        organization: { type: "string" },
        role: { type: "string", multiple: true },
        login: { type: "string" },
        name: { type: "string" },
        email: { type: "string" },
        department: { type: "string", multiple: true },
        database: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    }));
  } catch (error) {
    return usageError(argsErrorMessage(error, `user ${action}`));
  }
  if (values.help) {
    io.out(usage());
    return EXIT_OK;
  }
  for (const key of Object.keys(values) as (keyof Values)[]) {
    if (key !== "help" && !TAKES[action].includes(key))
      return usageError(
        `user ${action} には --${key} を指定できません / user ${action} does not take --${key}`,
      );
  }
  const slug = values.organization?.trim() ?? "";
  if (slug === "")
    return usageError(
      "--organization URL名 を指定してください（例：--organization sakado） / give --organization",
    );
  const loginId = normalizeLoginId(values.login ?? "");
  if (action !== "list" && loginId === "")
    return usageError("--login ログインID を指定してください / give --login");
  const roles: RoleName[] = [];
  for (const role of values.role ?? []) {
    const name = role.trim();
    if (!isRoleName(name))
      return usageError(`役割「${role}」はありません。${ROLE_LINES} のどれかです / unknown role: ${role}`);
    roles.push(name);
  }
  if (action === "add" && roles.length === 0)
    return usageError(
      "--role 役割 を1つ以上指定してください（例：--role secretariat） / give at least one --role",
    );
  if (action === "add" && roles.includes("editor") && (values.department ?? []).length === 0)
    return usageError(
      "--role editor（所管課）には担当課 --department 課名 が必要です / --role editor needs --department",
    );
  if (action === "add" && (values.department ?? []).length > 0 && !roles.includes("editor"))
    return usageError(
      "--department は --role editor（所管課）のときだけ指定できます / --department goes with --role editor",
    );
  const env = io.env ?? processIo.env;
  const base = linkBase(env);
  if ("error" in base) return usageError(base.error);
  const chosen = chooseDatabaseUrl(values.database, env);
  if ("error" in chosen) return usageError(chosen.error);

  const store = await openForChanges(chosen.url, io, { create: false });
  if (!store) return EXIT_FAILED;
  try {
    const organization = await store.organizations.findBySlug(slug);
    if (!organization) {
      const known = (await store.organizations.list()).map((o) => `${o.slug}（${o.name}）`);
      io.err(
        `URL名「${slug}」の自治体はありません。${known.length > 0 ? `登録済み：${known.join("、")}` : "自治体がまだ登録されていません（shinchoku organization add）"}` +
          ` / No organization "${slug}".`,
      );
      return EXIT_FAILED;
    }
    const context: Context = { store, io, organization, base: base.base, now: new Date() };
    switch (action) {
      case "add":
        return await add(context, {
          loginId,
          displayName: values.name?.trim() || loginId,
          email: values.email ?? "",
          roles,
          departments: values.department ?? [],
        });
      case "list":
        return await list(context);
      default: {
        const account = await store.accounts.findByLogin(organization.id, loginId);
        if (!account) {
          io.err(
            `${organization.name}にログインID「${loginId}」の利用者はいません（shinchoku user list --organization ${slug} で確認） / No account "${loginId}" in ${slug}.`,
          );
          return EXIT_FAILED;
        }
        if (action === "reset") return await reset(context, account);
        return await setDisabled(context, account, action === "disable");
      }
    }
  } catch (error) {
    io.err(`変更できませんでした。何も変更していません。 / Failed: ${describeDatabaseError(error)}`);
    return EXIT_FAILED;
  } finally {
    await store.close().catch(() => {});
  }
}

interface Context {
  store: SqlStore;
  io: CliIo;
  organization: OrganizationRecord;
  base: string;
  now: Date;
}

function roleText(roles: readonly RoleName[]): string {
  return roles.map((r) => ROLE_LABELS[r].ja).join("・");
}

function printLink(context: Context, account: AccountRecord, token: string): void {
  const { io, organization, now } = context;
  const until = japanTime(new Date(now.getTime() + ONE_TIME_TOKEN_MS).toISOString());
  io.out(
    `次の URL を本人に渡し、パスワードを設定してもらってください。1回だけ使えます。有効期限は${until}（日本時間）です。`,
  );
  io.out(`Give this address to ${account.displayName}: it sets a password, once, within 24 hours.`);
  io.out(`  ${passwordLink(context.base, organization.slug, token)}`);
}

async function add(
  context: Context,
  input: { loginId: string; displayName: string; email: string; roles: RoleName[]; departments: string[] },
): Promise<number> {
  const { store, io, organization } = context;
  const departments = await store.departments.list(organization.id);
  const departmentIds: number[] = [];
  for (const wanted of input.departments) {
    const found = departments.find((d) => d.name === wanted.trim());
    if (!found) {
      const known = departments.map((d) => d.name);
      io.err(
        `${organization.name}に「${wanted}」という課はありません。${known.length > 0 ? `登録済みの課：${known.join("、")}` : "課がまだ登録されていません（集計表を取り込むと関係課が登録されます）"}` +
          ` / No department "${wanted}". Nothing was changed.`,
      );
      return EXIT_FAILED;
    }
    departmentIds.push(found.id);
  }
  const outcome = await inviteAccount(store, adminActor("user add"), {
    organizationId: organization.id,
    account: {
      loginId: input.loginId,
      displayName: input.displayName,
      email: input.email,
      roles: input.roles,
      departmentIds,
    },
    now: context.now,
  });
  if ("kind" in outcome) {
    for (const problem of outcome.problems) io.err(problemText(problem));
    io.err("何も変更していません / nothing was changed");
    return EXIT_FAILED;
  }
  const { account, token } = outcome;
  io.out(
    `利用者を作成しました：${account.loginId}（${account.displayName}）役割：${roleText(account.roles)} / account created`,
  );
  printLink(context, account, token);
  return EXIT_OK;
}

async function list(context: Context): Promise<number> {
  const { store, io, organization } = context;
  const [accounts, departments, lastSignIns] = await Promise.all([
    store.accounts.list(organization.id),
    store.departments.list(organization.id),
    store.accounts.lastSignIns(organization.id),
  ]);
  if (accounts.length === 0) {
    io.out(`${organization.name}（${organization.slug}）には利用者がいません / no accounts`);
    return EXIT_OK;
  }
  const departmentName = new Map(departments.map((d) => [d.id, d.name]));
  const rows = [
    ["ログインID", "氏名", "役割", "担当課", "状態", "最終ログイン（日本時間）"],
    ...accounts.map((a) => {
      const last = lastSignIns.get(a.id);
      return [
        a.loginId,
        a.displayName,
        roleText(a.roles),
        a.departmentIds.map((id) => departmentName.get(id) ?? String(id)).join("・") || "—",
        a.disabled ? "無効" : a.hasPassword ? "有効" : "有効（パスワード未設定）",
        last ? japanTime(last) : "—",
      ];
    }),
  ];
  io.out(`${organization.name}（${organization.slug}）の利用者 ${accounts.length}人 / accounts`);
  for (const line of formatTable(rows)) io.out(line);
  return EXIT_OK;
}

async function setDisabled(context: Context, account: AccountRecord, disabled: boolean): Promise<number> {
  const { store, io, organization } = context;
  const what = `${account.loginId}（${account.displayName}）`;
  if (account.disabled === disabled) {
    io.out(
      disabled
        ? `${what}はすでに無効です。何も変更していません / already disabled`
        : `${what}はすでに有効です。何も変更していません / already enabled`,
    );
    return EXIT_OK;
  }
  const outcome = await setAccountDisabled(store, adminActor(disabled ? "user disable" : "user enable"), {
    organizationId: organization.id,
    accountId: account.id,
    disabled,
  });
  if (outcome.kind === "problems") {
    for (const problem of outcome.problems) io.err(problemText(problem));
    io.err("何も変更していません / nothing was changed");
    return EXIT_FAILED;
  }
  io.out(
    disabled
      ? `${what}を無効にしました。ログイン中のセッションは終了しました / disabled; its sessions have ended`
      : `${what}を有効にしました / enabled`,
  );
  return EXIT_OK;
}

async function reset(context: Context, account: AccountRecord): Promise<number> {
  const { store, io, organization } = context;
  const what = `${account.loginId}（${account.displayName}）`;
  if (account.disabled) {
    io.err(
      `${what}は無効になっています。先に shinchoku user enable で有効にしてください。何も変更していません / the account is disabled: enable it first`,
    );
    return EXIT_FAILED;
  }
  const { token } = await forcePasswordReset(store, adminActor("user reset"), {
    organizationId: organization.id,
    accountId: account.id,
    now: context.now,
  });
  io.out(
    `${what}のパスワードを使えなくし、ログイン中のセッションを終了しました / password reset, sessions ended`,
  );
  printLink(context, account, token);
  return EXIT_OK;
}

export const run = guarded(user);
