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
        publicUrl: env.PUBLIC_URL,
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

  it("--help asks for the usage", () => {
    expect(readServeConfig(["--help"], {})).toEqual({ ok: true, help: true });
  });
});
