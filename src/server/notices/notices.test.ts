import type { AddressInfo } from "node:net";
import nodemailer from "nodemailer";
import { SMTPServer } from "smtp-server";
import { afterEach, describe, expect, it, vi } from "vitest";
import { forEachDatabase } from "../../../test/db.ts";
import { buildPlanDocument, FACTORY_ORGANIZATION } from "../../../test/factories/plan-document.ts";
import { textOf } from "../../../test/server-support.ts";
import { importDocument } from "../../../test/store.ts";
import { actingAs, makeAccount, signIn } from "../../../test/support/signed-in.ts";
import type { SqlStore } from "../../store/sql-store.ts";
import { moveRound, openRound, returnReport } from "../../workflow/round.ts";
import { saveReport } from "../../workflow/save-report.ts";
import { createApp } from "../app.ts";
import { startServer } from "../start.ts";
import { startNoticeMail } from "./mailer.ts";

/**
 * Notices on the home page and by e-mail. The factory's No.1 (産・学・官連携) is 政策企画課's; the
 * FY2020 round is opened from the imported FY2019 table and moved to 入力中 (entry).
 */
async function setup(store: SqlStore, emails = true) {
  const { planId, organizationId } = await importDocument(store, buildPlanDocument(), {
    organization: FACTORY_ORGANIZATION,
  });
  const secretariat = await makeAccount(store, organizationId, "jimukyoku", ["secretariat"]);
  const editor = await makeAccount(
    store,
    organizationId,
    "seisaku",
    ["editor"],
    ["政策企画課"],
    emails ? "seisaku@city.example.lg.jp" : null,
  );
  const other = await makeAccount(store, organizationId, "zaisei", ["editor"], ["財政課"], null);
  const round = await openRound(store, actingAs(secretariat), { planId, fiscalYear: 2020 });
  await moveRound(store, actingAs(secretariat), {
    roundId: round.id,
    expectedVersion: round.version,
    to: "entry",
  });
  return { planId, organizationId, secretariat, editor, other, round };
}

/** Enter No.1, and the secretariat returns it with a comment: 政策企画課's editor hears of it. */
async function enterAndReturn(store: SqlStore, s: Awaited<ReturnType<typeof setup>>) {
  const report = await store.reports.find(s.round.id, 1);
  const saved = await saveReport(store, actingAs(s.editor).actor, {
    planId: s.planId,
    fiscalYear: 2020,
    initiativeNumber: 1,
    expectedVersion: report?.version ?? 0,
    changes: { activities: "協定を2件締結した。" },
  });
  await store.db
    .updateTable("report")
    .set({ state: "submitted" })
    .where("id", "=", saved.report.id)
    .execute();
  await returnReport(store, actingAs(s.secretariat), {
    planId: s.planId,
    fiscalYear: 2020,
    initiativeNumber: 1,
    expectedVersion: saved.report.version,
    comment: "協定の相手先を書いてください。",
  });
}

const slug = FACTORY_ORGANIZATION.slug;

interface Received {
  to: string[];
  raw: string;
}

/** A local SMTP server that keeps what it receives. */
async function smtpServer(options: { refuse?: boolean } = {}) {
  const received: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onRcptTo(_address, _session, callback) {
      if (options.refuse) callback(new Error("mailbox unavailable"));
      else callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        received.push({
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString("utf8"),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The decoded subject and body of a received message (nodemailer: base64 body, B-encoded subject). */
function decode(raw: string): { subject: string; body: string } {
  const split = raw.search(/\r?\n\r?\n/);
  const head = raw.slice(0, split).replace(/\r?\n[ \t]+/g, " ");
  const subject = (/^Subject: (.*)$/m.exec(head)?.[1] ?? "")
    .replace(/=\?UTF-8\?B\?([^?]*)\?=\s*/gi, (_, b64: string) => Buffer.from(b64, "base64").toString("utf8"))
    .trim();
  const body = Buffer.from(raw.slice(split).replace(/\s+/g, ""), "base64").toString("utf8");
  return { subject, body };
}

afterEach(() => {
  vi.restoreAllMocks();
});

forEachDatabase((database) => {
  describe("notices on the home page", () => {
    it("shows an editor the return with its comment, and marks it read with a CSRF-checked POST", async () => {
      const store = await database.open();
      const s = await setup(store);
      await enterAndReturn(store, s);
      const app = createApp({ store, pageCache: false });
      const session = await signIn(store, s.editor);

      const home = await app.request(`/o/${slug}/manage`, { headers: session.headers });
      expect(home.status).toBe(200);
      const html = await home.text();
      // Each notice links to where the editor acts: the returned report's entry page, my work.
      expect(html).toMatch(
        new RegExp(
          `<a href="/o/${slug}/manage/plans/${s.planId}/2020/initiatives/1">[^<]*No\\.1 の報告が差し戻されました。</a>`,
        ),
      );
      expect(html).toMatch(new RegExp(`<a href="/o/${slug}/manage/my-work">[^<]*入力が始まりました。</a>`));
      const text = textOf(html);
      expect(text).toContain("お知らせ 未読 2");
      expect(text).toContain("令和2年度（2020年度） No.1 の報告が差し戻されました。");
      expect(text).toContain("事務局のコメント：協定の相手先を書いてください。");
      expect(text).toContain("令和2年度（2020年度）の進捗報告の入力が始まりました。");

      const notices = await store.notices.list(s.editor.id);
      const returned = notices.find((n) => n.kind === "returned");
      // Without the CSRF token: refused, nothing changes.
      const refused = await app.request(`/o/${slug}/manage/notices/read`, {
        method: "POST",
        headers: session.formHeaders,
        body: new URLSearchParams({ id: String(returned?.id) }).toString(),
      });
      expect(refused.status).toBe(403);
      expect((await store.notices.list(s.editor.id, { unreadOnly: true })).length).toBe(2);
      // Another site, or Origin: null (what Chromium sends under Referrer-Policy: no-referrer) without
      // Sec-Fetch-Site: same-origin: refused even with the token.
      for (const origin of [{ Origin: "https://evil.example" }, { Origin: "null" }]) {
        const crossSite = await app.request(`/o/${slug}/manage/notices/read`, {
          method: "POST",
          headers: { ...session.formHeaders, ...origin },
          body: new URLSearchParams({ _csrf: session.csrf, all: "1" }).toString(),
        });
        expect(crossSite.status).toBe(403);
      }
      expect((await store.notices.list(s.editor.id, { unreadOnly: true })).length).toBe(2);

      const read = await app.request(`/o/${slug}/manage/notices/read`, {
        method: "POST",
        headers: { ...session.formHeaders, Origin: "null", "Sec-Fetch-Site": "same-origin" },
        body: new URLSearchParams({ _csrf: session.csrf, id: String(returned?.id) }).toString(),
      });
      expect(read.status).toBe(303);
      expect(read.headers.get("Location")).toBe(`/o/${slug}/manage#notices`);
      expect((await store.notices.list(s.editor.id, { unreadOnly: true })).map((n) => n.kind)).toEqual([
        "roundOpened",
      ]);

      // Someone else's notice id changes nothing of theirs.
      const otherSession = await signIn(store, s.other);
      const otherNotice = (await store.notices.list(s.other.id))[0];
      expect(otherNotice?.kind).toBe("roundOpened");
      const foreign = await app.request(`/o/${slug}/manage/notices/read`, {
        method: "POST",
        headers: session.formHeaders,
        body: new URLSearchParams({ _csrf: session.csrf, id: String(otherNotice?.id) }).toString(),
      });
      expect(foreign.status).toBe(303);
      expect((await store.notices.list(s.other.id, { unreadOnly: true })).length).toBe(1);

      // All at once.
      await app.request(`/o/${slug}/manage/notices/read`, {
        method: "POST",
        headers: otherSession.formHeaders,
        body: new URLSearchParams({ _csrf: otherSession.csrf, all: "1" }).toString(),
      });
      expect(await store.notices.list(s.other.id, { unreadOnly: true })).toEqual([]);
      const after = textOf(
        await (await app.request(`/o/${slug}/manage`, { headers: otherSession.headers })).text(),
      );
      expect(after).not.toContain("未読");
      expect(after).toContain("入力が始まりました");
    });

    it("the English page words the notices in English", async () => {
      const store = await database.open();
      const s = await setup(store);
      await enterAndReturn(store, s);
      const app = createApp({ store, pageCache: false });
      const session = await signIn(store, s.editor);
      const text = textOf(
        await (await app.request(`/o/${slug}/manage?lang=en`, { headers: session.headers })).text(),
      );
      expect(text).toContain("The report on No.1 for FY2020 (R2) was returned.");
      expect(text).toContain("Mark as read");
    });
  });

  describe("notices by e-mail", () => {
    it("sends each notice after its transaction commits, in Japanese with a link; none for a rollback", async () => {
      const store = await database.open();
      const smtp = await smtpServer();
      try {
        const mailer = startNoticeMail(store, {
          smtpUrl: smtp.url,
          publicUrl: "https://shinchoku.city.example.lg.jp/",
        });
        const s = await setup(store);
        await enterAndReturn(store, s);
        // A transaction that writes a notice and then fails sends nothing.
        await expect(
          store.transaction({ actor: actingAs(s.secretariat).actor }, async (tx) => {
            await tx.notices.notify([
              { organizationId: s.organizationId, accountId: s.editor.id, kind: "accepted" },
            ]);
            throw new Error("rolled back");
          }),
        ).rejects.toThrow("rolled back");
        await mailer.close();

        // roundOpened and returned to the editor (the other editor has no address).
        expect(smtp.received.map((m) => m.to)).toEqual([
          ["seisaku@city.example.lg.jp"],
          ["seisaku@city.example.lg.jp"],
        ]);
        const returned = decode(smtp.received[1]?.raw ?? "");
        expect(returned.subject).toBe("【進捗管理】令和2年度（2020年度） No.1 の報告が差し戻されました。");
        expect(returned.body).toContain("seisaku 様");
        expect(returned.body).toContain("事務局のコメント：協定の相手先を書いてください。");
        expect(returned.body).toContain(
          `https://shinchoku.city.example.lg.jp/o/${slug}/manage/plans/${s.planId}/2020/initiatives/1\n`,
        );
        expect(decode(smtp.received[0]?.raw ?? "").body).toContain(
          `https://shinchoku.city.example.lg.jp/o/${slug}/manage/my-work\n`,
        );
      } finally {
        await smtp.close();
      }
    });

    it("a mail server that refuses or is down never fails the action, and the log holds no secret", async () => {
      const store = await database.open();
      const lines: string[] = [];
      const smtp = await smtpServer({ refuse: true });
      const down = await smtpServer();
      await down.close();
      try {
        const refusing = startNoticeMail(store, {
          smtpUrl: smtp.url,
          publicUrl: "http://localhost:3000/",
          log: (line) => lines.push(line),
        });
        const unreachable = startNoticeMail(store, {
          smtpUrl: `smtp://jimukyoku:hunter2-secret@127.0.0.1:${down.port}`,
          publicUrl: "http://localhost:3000/",
          log: (line) => lines.push(line),
        });
        const s = await setup(store);
        await enterAndReturn(store, s);
        await refusing.close();
        await unreachable.close();
        expect((await store.reports.find(s.round.id, 1))?.state).toBe("returned");
        expect(smtp.received).toEqual([]);
        expect(lines).toHaveLength(4);
        expect(lines.every((l) => l.includes("could not send a notice e-mail"))).toBe(true);
        expect(lines.filter((l) => l.includes("ECONNREFUSED"))).toHaveLength(2);
        expect(lines.filter((l) => l.includes("550"))).toHaveLength(2);
        expect(lines.join("\n")).not.toContain("hunter2");
      } finally {
        await smtp.close();
      }
    });
  });
});

describe("without SMTP_URL", () => {
  it("nothing tries to send", async () => {
    const createTransport = vi.spyOn(nodemailer, "createTransport");
    const server = await startServer({
      port: 0,
      databaseUrl: "sqlite::memory:",
      sample: false,
      renderThreads: 1,
    });
    try {
      const s = await setup(server.store as SqlStore);
      await enterAndReturn(server.store as SqlStore, s);
      expect((await server.store.notices.list(s.editor.id)).length).toBe(2);
      expect(createTransport).not.toHaveBeenCalled();
    } finally {
      await server.close();
    }
  });
});
