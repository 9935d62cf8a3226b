import nodemailer from "nodemailer";
import type { NoticeWritten, Store } from "../../store/types.ts";
import { noticeHref } from "./links.ts";
import { noticeText, noticeWord } from "./messages.ts";

/**
 * Notices by e-mail (only when SMTP_URL is set): each notice a committed transaction wrote goes to
 * its account's address, as plain Japanese text with a link to the page where the person acts. Sending
 * happens after the commit, outside the request's work: a mail server that is down or refuses
 * never fails or slows the action that caused the notice; the failure is logged (kind of notice,
 * account id and the server's error code, never the SMTP URL or its password).
 */
export interface NoticeMailOptions {
  /** smtp://user:pass@host:587 or smtps://… (nodemailer's connection URL). */
  smtpUrl: string;
  /** The address people reach the server at, for the link (https://shinchoku.city.example.lg.jp/). */
  publicUrl: string;
  /** The sender (MAIL_FROM); default shinchoku@<host of publicUrl>. */
  from?: string;
  log?: (line: string) => void;
}

export interface NoticeMailer {
  /** Resolves when every e-mail started so far has been sent or has failed. */
  idle(): Promise<void>;
  /** Stops listening, waits for the e-mails in flight, closes the connection. */
  close(): Promise<void>;
}

export function startNoticeMail(store: Store, options: NoticeMailOptions): NoticeMailer {
  const transport = nodemailer.createTransport(options.smtpUrl);
  const base = options.publicUrl.replace(/\/+$/, "");
  const from = options.from ?? `Shinchoku <shinchoku@${new URL(base).hostname || "localhost"}>`;
  const log = options.log ?? ((line: string) => console.error(line));
  const secrets = credentialsOf(options.smtpUrl);
  const hideSecrets = (text: string | undefined) =>
    secrets.reduce((t, secret) => t.split(secret).join("***"), (text ?? "").slice(0, 300));
  // One e-mail at a time, in the order written: a burst of notices never opens a burst of
  // connections to the mail server.
  let queue: Promise<void> = Promise.resolve();

  const send = async (notice: NoticeWritten): Promise<void> => {
    try {
      const account = await store.accounts.find(notice.organizationId, notice.accountId);
      if (!account?.email || account.disabled) return;
      const organization = await store.organizations.find(notice.organizationId);
      if (!organization) return;
      const { text, detail } = noticeText(notice, "ja");
      const round = notice.roundId === null ? undefined : await store.rounds.get(notice.roundId);
      const link = `${base}${noticeHref(notice, organization.slug, round)}`;
      await transport.sendMail({
        from,
        to: account.email,
        // Base64 bodies: Japanese text arrives intact through any relay.
        textEncoding: "base64",
        subject: noticeWord("ja", "mailSubject", { text: oneLine(text) }),
        text: [
          noticeWord("ja", "mailGreeting", { name: account.displayName }),
          "",
          text,
          ...(detail ? ["", detail] : []),
          "",
          noticeWord("ja", "mailOpen"),
          link,
          "",
          "--",
          `${organization.name} ${noticeWord("ja", "mailFooter")}`,
          "",
        ].join("\n"),
      });
    } catch (error) {
      const e = error as { code?: unknown; responseCode?: unknown; command?: unknown; name?: unknown };
      const reason = [e.code, e.responseCode, e.command, hideSecrets((error as Error).message)]
        .filter((x) => x !== undefined && x !== "")
        .join(" ");
      log(
        `お知らせのメールを送れませんでした / could not send a notice e-mail (${notice.kind}, account ${notice.accountId}): ${reason || String(e.name ?? "error")}`,
      );
    }
  };

  const unsubscribe = store.onNoticesCommitted((notices) => {
    for (const notice of notices) queue = queue.then(() => send(notice));
  });

  const idle = async () => {
    let seen: Promise<void> | undefined;
    while (seen !== queue) {
      seen = queue;
      await seen;
    }
  };
  return {
    idle,
    async close() {
      unsubscribe();
      await idle();
      transport.close();
    },
  };
}

/** A subject is one line, and short. */
function oneLine(text: string): string {
  const line = text.replace(/\s+/g, " ").trim();
  return line.length > 80 ? `${line.slice(0, 79)}…` : line;
}

/** The user and password of an SMTP URL (as written and decoded), never to be logged. */
function credentialsOf(smtpUrl: string): string[] {
  try {
    const url = new URL(smtpUrl);
    return [url.password, decodeURIComponent(url.password), url.username, decodeURIComponent(url.username)]
      .filter((s) => s.length > 0)
      .sort((a, b) => b.length - a.length);
  } catch {
    return [];
  }
}
