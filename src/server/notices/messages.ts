import type { NoticeKind, NoticeRecord } from "../../store/types.ts";
import type { Lang } from "../i18n.ts";
import { dateText, fiscalYearText } from "../views/dates.tsx";

/**
 * The words of the notices (お知らせ), on the home page and in e-mail: Japanese first, English beside
 * it. Kept here, with the notices, rather than in the shared catalogue.
 */
const JA = {
  heading: "お知らせ",
  none: "新しいお知らせはありません。",
  unread: "未読",
  markRead: "既読にする",
  markAllRead: "すべて既読にする",
  allRead: "お知らせをすべて既読にしました。",
  oneRead: "お知らせを既読にしました。",
  returned: "{fy} No.{number} の報告が差し戻されました。",
  returnedComment: "事務局のコメント：{comment}",
  submitted: "{fy} No.{number} の報告が提出されました。確認をお願いします。",
  accepted: "{fy} No.{number} の報告が確認済みになりました。",
  roundOpened: "{fy}の進捗報告の入力が始まりました。",
  roundOpenedDeadline: "{fy}の進捗報告の入力が始まりました。提出期限は{deadline}です。",
  deadlineNear: "{fy}の提出期限は{deadline}で、あと{days}日です。未提出の報告が{outstanding}件あります。",
  deadlineToday: "{fy}の提出期限は本日、{deadline}です。未提出の報告が{outstanding}件あります。",
  published: "{fy}の進捗状況を公表しました（第{revision}版）。",
  mailSubject: "【進捗管理】{text}",
  mailGreeting: "{name} 様",
  mailOpen: "詳しくは次のページでご確認ください（ログインが必要です）。",
  mailFooter: "このメールは Shinchoku（進捗管理システム）から自動で送信しています。返信はできません。",
} as const;

type Key = keyof typeof JA;

const EN: Record<Key, string> = {
  heading: "Notices",
  none: "No new notices.",
  unread: "Unread",
  markRead: "Mark as read",
  markAllRead: "Mark all as read",
  allRead: "All notices marked as read.",
  oneRead: "Notice marked as read.",
  returned: "The report on No.{number} for {fy} was returned.",
  returnedComment: "Secretariat's comment: {comment}",
  submitted: "The report on No.{number} for {fy} was submitted and awaits review.",
  accepted: "The report on No.{number} for {fy} was accepted.",
  roundOpened: "Entry of the {fy} progress reports has started.",
  roundOpenedDeadline: "Entry of the {fy} progress reports has started. Deadline: {deadline}.",
  deadlineNear: "{days} day(s) to the {fy} deadline ({deadline}); {outstanding} report(s) not yet submitted.",
  deadlineToday: "The {fy} deadline is today ({deadline}); {outstanding} report(s) not yet submitted.",
  published: "The {fy} progress table was published (revision {revision}).",
  mailSubject: "[Shinchoku] {text}",
  mailGreeting: "Dear {name},",
  mailOpen: "Details (sign-in required):",
  mailFooter: "Sent automatically by Shinchoku. Replies are not read.",
};

export function noticeWord(lang: Lang, key: Key, params: Record<string, string | number> = {}): string {
  const template = lang === "ja" ? JA[key] : EN[key];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    params[name] === undefined ? whole : String(params[name]),
  );
}

/** What a notice says: one line, and a second (a return's comment) when there is one. */
export function noticeText(
  notice: Pick<NoticeRecord, "kind" | "params">,
  lang: Lang,
): { text: string; detail?: string } {
  const p = notice.params;
  const fy = typeof p.fiscalYear === "number" ? fiscalYearText(p.fiscalYear, lang) : "";
  const deadline = typeof p.deadline === "string" && p.deadline !== "" ? dateText(p.deadline, lang) : "";
  const params = { ...p, fy, deadline };
  const kind: NoticeKind = notice.kind;
  switch (kind) {
    case "returned":
      return {
        text: noticeWord(lang, "returned", params),
        ...(typeof p.comment === "string" && p.comment !== ""
          ? { detail: noticeWord(lang, "returnedComment", { comment: p.comment }) }
          : {}),
      };
    case "roundOpened":
      return { text: noticeWord(lang, deadline === "" ? "roundOpened" : "roundOpenedDeadline", params) };
    case "deadlineNear":
      return { text: noticeWord(lang, p.days === 0 ? "deadlineToday" : "deadlineNear", params) };
    default:
      return { text: noticeWord(lang, kind, params) };
  }
}
