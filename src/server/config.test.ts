import { describe, expect, it } from "vitest";
import { readServeConfig } from "./config.ts";

describe("serve configuration", () => {
  it("defaults: port 3000, localhost only, the SQLite file, sample on", () => {
    expect(readServeConfig([], {})).toEqual({
      ok: true,
      config: {
        port: 3000,
        host: "127.0.0.1",
        databaseUrl: "sqlite:./data/shinchoku.db",
        sample: true,
        demo: false,
        security: {
          trustProxy: false,
          sessionIdleMs: 120 * 60_000,
          sessionAbsoluteMs: 12 * 3_600_000,
          uploadMaxBytes: 20 * 1024 * 1024,
        },
      },
    });
  });

  it("--demo (never by default) brings the sample along, on PostgreSQL too; mail settings from the environment", () => {
    expect(readServeConfig(["--demo", "--database", "postgres://u@db/x"], {})).toMatchObject({
      config: { demo: true, sample: true },
    });
    expect(readServeConfig(["--demo", "--no-sample"], {})).toMatchObject({ ok: false });
    const env = {
      PUBLIC_URL: "https://shinchoku.city.example.lg.jp/",
      SMTP_URL: "smtp://user:secret@mail.example:587",
      MAIL_FROM: "jimukyoku@city.example.lg.jp",
    };
    expect(readServeConfig([], env)).toMatchObject({
      config: {
        demo: false,
        security: { publicUrl: "https://shinchoku.city.example.lg.jp" },
        smtpUrl: env.SMTP_URL,
        mailFrom: env.MAIL_FROM,
      },
    });
    const bad = readServeConfig([], { SMTP_URL: "http://user:secret@mail.example", PUBLIC_URL: "shinchoku" });
    expect(bad.ok).toBe(false);
    const errors = bad.ok ? [] : bad.errors;
    expect(errors).toHaveLength(2);
    // A wrong SMTP_URL is named, never echoed: it may hold a password.
    expect(errors.join("\n")).not.toContain("secret");
  });

  it("reads the environment, and the command line wins", () => {
    const env = { PORT: "8080", HOST: "0.0.0.0", DATABASE_URL: "postgres://u@db/x" };
    expect(readServeConfig([], env)).toMatchObject({
      config: { port: 8080, host: "0.0.0.0", databaseUrl: "postgres://u@db/x" },
    });
    expect(
      readServeConfig(["--port", "9000", "--no-sample", "--database", "sqlite::memory:"], env),
    ).toMatchObject({
      config: { port: 9000, host: "0.0.0.0", databaseUrl: "sqlite::memory:", sample: false },
    });
  });

  it("lists every bad setting at once", () => {
    const result = readServeConfig(["--host", ""], { PORT: "70000", DATABASE_URL: "mysql://x/y" });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toHaveLength(3);
    expect(result.errors[0]).toContain("PORT");
    expect(result.errors[1]).toContain("HOST");
    expect(result.errors[2]).toContain("DATABASE_URL");
  });

  it("refuses a port that is not an integer and an unknown option", () => {
    expect(readServeConfig(["--port", "30a0"], {}).ok).toBe(false);
    expect(readServeConfig(["--port", "-1"], {}).ok).toBe(false);
    const unknown = readServeConfig(["--colour"], {});
    expect(unknown.ok).toBe(false);
    // In the words of every other command, not Node's English.
    expect(!unknown.ok && unknown.errors).toEqual([
      "--colour というオプションはありません。shinchoku serve --help で確認してください。 / There is no option --colour. See shinchoku serve --help.",
    ]);
  });

  it("loads the sample into the embedded SQLite database only, unless told otherwise", () => {
    const sample = (args: string[], env: Record<string, string> = {}) => {
      const result = readServeConfig(args, env);
      return result.ok && "config" in result ? result.config.sample : undefined;
    };
    expect(sample([])).toBe(true);
    expect(sample(["--database", "sqlite:/tmp/x.db"])).toBe(true);
    expect(sample(["--no-sample"])).toBe(false);
    expect(sample([], { DATABASE_URL: "postgres://u@db/x" })).toBe(false);
    expect(sample(["--database", "postgresql://u@db/x"])).toBe(false);
    expect(sample(["--sample"], { DATABASE_URL: "postgres://u@db/x" })).toBe(true);
    const both = readServeConfig(["--sample", "--no-sample"], {});
    expect(both.ok).toBe(false);
    if (!both.ok) expect(both.errors[0]).toContain("--sample");
  });

  it("reads the render threads (--render-threads, RENDER_THREADS) as 1 to 64, else leaves them to the pool", () => {
    const threads = (args: string[], env: Record<string, string> = {}) => readServeConfig(args, env);
    const none = threads([]);
    expect(none.ok && "config" in none ? none.config.renderThreads : "missing").toBeUndefined();
    expect(threads(["--render-threads", "3"])).toMatchObject({ config: { renderThreads: 3 } });
    expect(threads([], { RENDER_THREADS: "2" })).toMatchObject({ config: { renderThreads: 2 } });
    for (const bad of ["0", "65", "two", "1.5"]) {
      const result = threads(["--render-threads", bad]);
      expect(result.ok, bad).toBe(false);
      if (!result.ok) expect(result.errors[0]).toContain("RENDER_THREADS");
    }
  });

  it("reads the session lifetimes, TRUST_PROXY and PUBLIC_URL from the environment", () => {
    expect(
      readServeConfig([], {
        SESSION_IDLE_MINUTES: "30",
        SESSION_ABSOLUTE_HOURS: "8",
        TRUST_PROXY: "1",
        PUBLIC_URL: "https://shinchoku.city.example.lg.jp/",
      }),
    ).toMatchObject({
      config: {
        security: {
          sessionIdleMs: 30 * 60_000,
          sessionAbsoluteMs: 8 * 3_600_000,
          trustProxy: true,
          publicUrl: "https://shinchoku.city.example.lg.jp",
        },
      },
    });
    for (const [text, trusted] of [
      ["true", true],
      ["YES", true],
      ["on", true],
      ["0", false],
      ["false", false],
      ["", false],
    ] as const) {
      expect(readServeConfig([], { TRUST_PROXY: text }), text).toMatchObject({
        config: { security: { trustProxy: trusted } },
      });
    }
    // A port in PUBLIC_URL is kept; the default port of the scheme is not written.
    expect(readServeConfig([], { PUBLIC_URL: "http://192.0.2.10:8080" })).toMatchObject({
      config: { security: { publicUrl: "http://192.0.2.10:8080" } },
    });
    expect(readServeConfig([], { PUBLIC_URL: "https://x.example.jp:443/" })).toMatchObject({
      config: { security: { publicUrl: "https://x.example.jp" } },
    });
  });

  it("refuses bad security settings at start, naming each", () => {
    const refused = (env: Record<string, string>) => {
      const result = readServeConfig([], env);
      return result.ok ? [] : result.errors;
    };
    for (const bad of ["0", "-5", "1.5", "two", "10081"])
      expect(refused({ SESSION_IDLE_MINUTES: bad })[0], bad).toContain(
        "SESSION_IDLE_MINUTES は 1～10080 の整数（分）",
      );
    for (const bad of ["0", "721", "12h"])
      expect(refused({ SESSION_ABSOLUTE_HOURS: bad })[0], bad).toContain(
        "SESSION_ABSOLUTE_HOURS は 1～720 の整数（時間）",
      );
    expect(refused({ SESSION_IDLE_MINUTES: "180", SESSION_ABSOLUTE_HOURS: "2" })).toEqual([
      "SESSION_IDLE_MINUTES（180分）が SESSION_ABSOLUTE_HOURS（2時間）より長くなっています。無操作の時間は全体の時間以下にしてください / the idle limit is longer than the absolute one",
    ]);
    expect(refused({ TRUST_PROXY: "maybe" })).toEqual([
      "TRUST_PROXY は1（プロキシを信じる）か0で指定してください（指定値：maybe） / TRUST_PROXY must be 1 or 0",
    ]);
    expect(refused({ PUBLIC_URL: "shinchoku.example.jp" })[0]).toBe(
      "PUBLIC_URL（指定値：shinchoku.example.jp）：URL の形になっていません / not a URL",
    );
    expect(refused({ PUBLIC_URL: "ftp://x.example.jp" })[0]).toContain(
      "http:// か https:// で始めてください",
    );
    for (const bad of [
      "https://x.example.jp/shinchoku",
      "https://x.example.jp/?a=1",
      "https://u@x.example.jp",
    ])
      expect(refused({ PUBLIC_URL: bad })[0], bad).toContain(
        "パス・クエリ・# ・ユーザー名を含めないでください",
      );
    // Every bad one at once, with the others.
    expect(
      refused({ PORT: "x", TRUST_PROXY: "2", SESSION_ABSOLUTE_HOURS: "0", PUBLIC_URL: "x" }),
    ).toHaveLength(4);
  });

  it("reads UPLOAD_MAX_MB as whole megabytes, 1 to 1024, and refuses anything else by name", () => {
    const read = (value: string) => readServeConfig([], { UPLOAD_MAX_MB: value });
    const ok = read("5");
    expect(ok.ok && "config" in ok ? ok.config.security.uploadMaxBytes : undefined).toBe(5 * 1024 * 1024);
    for (const bad of ["0", "1025", "2.5", "20MB"]) {
      const result = read(bad);
      expect(result.ok ? [] : result.errors, bad).toEqual([
        `UPLOAD_MAX_MB は 1～1024 の整数（MB）で指定してください（指定値：${bad}） / UPLOAD_MAX_MB must be whole megabytes, 1–1024`,
      ]);
    }
  });

  it("--help asks for the usage", () => {
    expect(readServeConfig(["--help"], {})).toEqual({ ok: true, help: true });
  });
});
