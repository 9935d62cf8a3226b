import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { forEachDatabase } from "../../test/db.ts";
import { hashToken } from "../security/tokens.ts";
import { loadSampleData } from "../server/sample.ts";
import { openStore } from "../store/index.ts";
import { setPasswordWithToken, usableOneTimeToken } from "../workflow/accounts.ts";
import { signIn } from "../workflow/sign-in.ts";
import { type CliIo, EXIT_FAILED, EXIT_OK, EXIT_USAGE } from "./io.ts";
import { run } from "./user.ts";

function captureIo(env: Record<string, string | undefined> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (t) => out.push(t), err: (t) => err.push(t), env };
  return { io, out, err };
}

const PASSWORD = "Sakado-kaikaku-2026!";
const LINK = /^ {2}(http:\/\/localhost:3000\/o\/sakado\/password\/([A-Za-z0-9_-]{43}))$/;

forEachDatabase((database) => {
  describe("shinchoku user", () => {
    let url: string;
    const user = async (args: string[], env: Record<string, string | undefined> = {}) => {
      const io = captureIo(env);
      const code = await run([...args, "--database", url], io.io);
      return { code, out: io.out, err: io.err };
    };
    const withStore = async <T>(body: (store: Awaited<ReturnType<typeof openStore>>) => Promise<T>) => {
      const store = await openStore(url);
      try {
        return await body(store);
      } finally {
        await store.close();
      }
    };
    const tokenOf = (out: string[]) => {
      const match = out.map((line) => LINK.exec(line)).find(Boolean);
      if (!match?.[2]) throw new Error(`no link in:\n${out.join("\n")}`);
      return match[2];
    };
    const signInAs = (loginId: string, password = PASSWORD) =>
      withStore(async (store) => {
        const organization = await store.organizations.findBySlug("sakado");
        return signIn(store, {
          organizationId: organization?.id ?? 0,
          loginId,
          password,
          address: "127.0.0.1",
          userAgent: null,
          now: new Date(),
        });
      });
    const setPassword = (token: string) =>
      withStore((store) =>
        setPasswordWithToken(store, {
          token,
          password: PASSWORD,
          passwordConfirm: PASSWORD,
          now: new Date(),
          address: null,
          userAgent: null,
        }),
      );

    beforeAll(async () => {
      url = await database.freshUrl();
      const store = await openStore(url);
      try {
        await store.migrate();
        await loadSampleData(store);
      } finally {
        await store.close();
      }
    });

    it("add: makes the first secretariat and prints a one-time URL, never a password", async () => {
      const { code, out, err } = await user([
        "add",
        "--organization",
        "sakado",
        "--role",
        "secretariat",
        "--login",
        "K1001",
        "--name",
        "坂戸 花子",
        "--email",
        "hanako@city.example.jp",
      ]);
      expect(err).toEqual([]);
      expect(code).toBe(EXIT_OK);
      expect(out[0]).toBe("利用者を作成しました：k1001（坂戸 花子）役割：事務局 / account created");
      expect(out[1]).toMatch(
        /^次の URL を本人に渡し、パスワードを設定してもらってください。1回だけ使えます。有効期限は\d{4}-\d\d-\d\d \d\d:\d\d（日本時間）です。$/,
      );
      expect(out[2]).toBe("Give this address to 坂戸 花子: it sets a password, once, within 24 hours.");
      expect(out[3]).toMatch(LINK);
      expect(out).toHaveLength(4);
      const token = tokenOf(out);

      await withStore(async (store) => {
        const organization = await store.organizations.findBySlug("sakado");
        const account = await store.accounts.findByLogin(organization?.id ?? 0, "k1001");
        expect(account).toMatchObject({
          displayName: "坂戸 花子",
          email: "hanako@city.example.jp",
          roles: ["secretariat"],
          hasPassword: false,
        });
        const audit = await store.audit.list(organization?.id ?? 0, { entity: "account" });
        expect(audit.map((a) => [a.action, a.actorName])).toContainEqual([
          "account.create",
          "shinchoku user add",
        ]);
        // 24 hours, then no longer.
        const issued = await store.tokens.findOneTime(hashToken(token));
        expect(issued?.purpose).toBe("invite");
        const created = Date.parse(issued?.createdAt ?? "");
        expect(Date.parse(issued?.expiresAt ?? "") - created).toBe(24 * 60 * 60 * 1000);
        expect(
          await usableOneTimeToken(store, token, new Date(created + 24 * 60 * 60 * 1000 - 1), ["invite"]),
        ).toBeDefined();
        expect(
          await usableOneTimeToken(store, token, new Date(created + 24 * 60 * 60 * 1000), ["invite"]),
        ).toBeUndefined();
      });

      // Single use: the second attempt finds the URL spent.
      expect(await setPassword(token)).toHaveProperty("sessionToken");
      expect(await setPassword(token)).toEqual({ kind: "invalid-token" });
      expect((await signInAs("K1001")).kind).toBe("signed-in");
    });

    it("add: a department editor bound to departments named as stored; PUBLIC_URL is the base of the URL", async () => {
      const { code, out } = await user(
        [
          "add",
          "--organization=sakado",
          "--role=editor",
          "--role=viewer",
          "--login=k2002",
          "--department",
          "政策企画課",
          "--department",
          "財政課",
        ],
        { PUBLIC_URL: "https://shinchoku.city.example.lg.jp/" },
      );
      expect(code).toBe(EXIT_OK);
      expect(out[0]).toBe(
        "利用者を作成しました：k2002（k2002）役割：所管課（入力担当）・閲覧者 / account created",
      );
      expect(out[3]).toMatch(
        /^ {2}https:\/\/shinchoku\.city\.example\.lg\.jp\/o\/sakado\/password\/[A-Za-z0-9_-]{43}$/,
      );
      await withStore(async (store) => {
        const organization = await store.organizations.findBySlug("sakado");
        const names = new Map(
          (await store.departments.list(organization?.id ?? 0)).map((d) => [d.id, d.name]),
        );
        const account = await store.accounts.findByLogin(organization?.id ?? 0, "k2002");
        expect(account?.roles).toEqual(["editor", "viewer"]);
        expect(account?.departmentIds.map((id) => names.get(id)).sort()).toEqual(
          ["政策企画課", "財政課"].sort(),
        );
      });
    });

    it("add: refuses a login ID in use and a department that is not stored (exit 1), changing nothing", async () => {
      const taken = await user(["add", "--organization", "sakado", "--role", "viewer", "--login", "k1001"]);
      expect(taken.code).toBe(EXIT_FAILED);
      expect(taken.err[0]).toBe(
        "このログインIDはすでに使われています。別のログインIDにしてください。 / This login ID is taken. Choose another one.",
      );
      const unknown = await user([
        "add",
        "--organization",
        "sakado",
        "--role",
        "editor",
        "--login",
        "k3003",
        "--department",
        "宇宙開発課",
      ]);
      expect(unknown.code).toBe(EXIT_FAILED);
      expect(unknown.err[0]).toMatch(
        /^坂戸市に「宇宙開発課」という課はありません。登録済みの課：.*政策企画課/,
      );
      const nobody = await user([
        "add",
        "--organization",
        "tsurugashima",
        "--role",
        "viewer",
        "--login",
        "x",
      ]);
      expect(nobody.code).toBe(EXIT_FAILED);
      expect(nobody.err[0]).toBe(
        'URL名「tsurugashima」の自治体はありません。登録済み：sakado（坂戸市） / No organization "tsurugashima".',
      );
      await withStore(async (store) => {
        const organization = await store.organizations.findBySlug("sakado");
        expect((await store.accounts.list(organization?.id ?? 0)).map((a) => a.loginId)).toEqual([
          "k1001",
          "k2002",
        ]);
      });
    });

    it("list: login, name, roles, departments, state and last sign-in as a table", async () => {
      const { code, out } = await user(["list", "--organization", "sakado"]);
      expect(code).toBe(EXIT_OK);
      expect(out[0]).toBe("坂戸市（sakado）の利用者 2人 / accounts");
      expect(out[1]).toMatch(/^ログインID {2}氏名 +役割 +担当課 +状態 +最終ログイン（日本時間）$/);
      expect(out[2]).toMatch(/^k1001 {7}坂戸 花子 +事務局 +— +有効 +\d{4}-\d\d-\d\d \d\d:\d\d$/);
      expect(out[3]).toMatch(
        /^k2002 +k2002 +所管課（入力担当）・閲覧者 +(政策企画課・財政課|財政課・政策企画課) +有効（パスワード未設定） +—$/,
      );
      // The columns line up on a terminal: 「状態」 starts at the same column on every row.
      const column = (line: string, text: string) => {
        const index = line.indexOf(text);
        return [...line.slice(0, index)].reduce(
          (w, ch) => w + (/[\u3000-\u9fff\uff00-\uff60]/.test(ch) ? 2 : 1),
          0,
        );
      };
      expect(column(out[2] ?? "", "有効")).toBe(column(out[1] ?? "", "状態"));
      expect(column(out[3] ?? "", "有効")).toBe(column(out[1] ?? "", "状態"));
    });

    it("disable ends the account's sessions, keeps the last secretariat, enable restores", async () => {
      const session = await signInAs("k1001");
      expect(session.kind).toBe("signed-in");
      const last = await user(["disable", "--organization", "sakado", "--login", "k1001"]);
      expect(last.code).toBe(EXIT_FAILED);
      expect(last.err[0]).toContain("事務局");

      const added = await user([
        "add",
        "--organization",
        "sakado",
        "--role",
        "secretariat",
        "--login",
        "k4004",
      ]);
      expect(added.code).toBe(EXIT_OK);
      const disabled = await user(["disable", "--organization", "sakado", "--login", "K1001"]);
      expect(disabled.code).toBe(EXIT_OK);
      expect(disabled.out).toEqual([
        "k1001（坂戸 花子）を無効にしました。ログイン中のセッションは終了しました / disabled; its sessions have ended",
      ]);
      await withStore(async (store) => {
        if (session.kind !== "signed-in") return;
        expect(await store.sessions.findByTokenHash(hashToken(session.token))).toBeUndefined();
        const audit = await store.audit.list(session.account.organizationId, { entity: "account" });
        expect(audit.map((a) => [a.action, a.actorName])).toContainEqual([
          "account.disable",
          "shinchoku user disable",
        ]);
      });
      expect((await signInAs("k1001")).kind).toBe("failed");
      const again = await user(["disable", "--organization", "sakado", "--login", "k1001"]);
      expect(again).toMatchObject({
        code: EXIT_OK,
        out: ["k1001（坂戸 花子）はすでに無効です。何も変更していません / already disabled"],
      });
      const resetDisabled = await user(["reset", "--organization", "sakado", "--login", "k1001"]);
      expect(resetDisabled.code).toBe(EXIT_FAILED);

      const enabled = await user(["enable", "--organization", "sakado", "--login", "k1001"]);
      expect(enabled).toMatchObject({ code: EXIT_OK, out: ["k1001（坂戸 花子）を有効にしました / enabled"] });
      expect((await signInAs("k1001")).kind).toBe("signed-in");
    });

    it("reset: the password stops working, sessions end, and a new one-time URL sets another", async () => {
      const session = await signInAs("k1001");
      const { code, out } = await user(["reset", "--organization", "sakado", "--login", "k1001"]);
      expect(code).toBe(EXIT_OK);
      expect(out[0]).toBe(
        "k1001（坂戸 花子）のパスワードを使えなくし、ログイン中のセッションを終了しました / password reset, sessions ended",
      );
      expect(out[3]).toMatch(LINK);
      expect(out.join("\n")).not.toContain(PASSWORD);
      await withStore(async (store) => {
        if (session.kind !== "signed-in") throw new Error("not signed in");
        expect(await store.sessions.findByTokenHash(hashToken(session.token))).toBeUndefined();
      });
      expect((await signInAs("k1001")).kind).toBe("failed");
      expect(await setPassword(tokenOf(out))).toHaveProperty("sessionToken");
      expect((await signInAs("k1001")).kind).toBe("signed-in");
      const unknown = await user(["reset", "--organization", "sakado", "--login", "nobody"]);
      expect(unknown.code).toBe(EXIT_FAILED);
      expect(unknown.err[0]).toContain("ログインID「nobody」の利用者はいません");
    });
  });
});

describe("shinchoku user, refused", () => {
  it("exits 2 with its usage for what it cannot take", async () => {
    const cases: [string[], string][] = [
      [["add", "--organization", "sakado", "--login", "a"], "--role 役割 を1つ以上"],
      [["add", "--organization", "sakado", "--role", "admin", "--login", "a"], "役割「admin」はありません"],
      [
        ["add", "--organization", "sakado", "--role", "editor", "--login", "a"],
        "--department 課名 が必要です",
      ],
      [
        ["add", "--organization", "sakado", "--role", "viewer", "--login", "a", "--department", "財政課"],
        "--department は --role editor",
      ],
      [["add", "--role", "viewer", "--login", "a"], "--organization URL名 を指定してください"],
      [["disable", "--organization", "sakado"], "--login ログインID を指定してください"],
      [["list", "--organization", "sakado", "--login", "a"], "user list には --login を指定できません"],
      [["list", "--organization", "sakado", "--password", "x"], "--password というオプションはありません"],
      [["delete", "--organization", "sakado"], "不明な操作です：delete"],
      [[], "使い方 / usage:"],
    ];
    for (const [args, said] of cases) {
      const { io, err } = captureIo();
      expect(await run(args, io), args.join(" ")).toBe(EXIT_USAGE);
      expect(err.join("\n"), args.join(" ")).toContain(said);
    }
    const { io, err } = captureIo({ PUBLIC_URL: "https://x.example.jp/shinchoku" });
    expect(await run(["list", "--organization", "sakado"], io)).toBe(EXIT_USAGE);
    expect(err[0]).toContain("PUBLIC_URL");
  });

  it("exits 1 without creating a database where there is none", async () => {
    const folder = mkdtempSync(join(tmpdir(), "shinchoku-user-"));
    try {
      const path = join(folder, "missing.db");
      const { io, err } = captureIo();
      expect(await run(["list", "--organization", "sakado", "--database", `sqlite:${path}`], io)).toBe(
        EXIT_FAILED,
      );
      expect(err[0]?.split("\n")[0]).toBe(`データベースが見つかりません：${path}`);
      expect(existsSync(path)).toBe(false);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
