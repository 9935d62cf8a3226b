import type { NoticeRecord } from "../../store/types.ts";
import type { Ui } from "../i18n.ts";
import { ActionButton } from "../views/form/field.tsx";
import { noticeText, noticeWord } from "./messages.ts";

/**
 * The notices section of a signed-in person's home page: newest first, unread ones marked and
 * each with its mark-as-read button (a plain form: works without JavaScript).
 */
export function NoticesSection(props: {
  ui: Ui;
  notices: NoticeRecord[];
  /** Where the mark-as-read forms post. */
  readAction: string;
  csrfToken: string | undefined;
  /** Where the reader acts on a notice (its text links there). */
  hrefOf: (notice: NoticeRecord) => string;
}) {
  const { ui, notices } = props;
  const lang = ui.lang;
  const unread = notices.filter((n) => !n.read);
  return (
    <section class="notices" id="notices" aria-labelledby="notices-heading">
      <h2 id="notices-heading">
        {noticeWord(lang, "heading")}
        {unread.length > 0 ? (
          <span class="tag tag-unread">
            {noticeWord(lang, "unread")} {unread.length}
          </span>
        ) : null}
      </h2>
      {notices.length === 0 ? (
        <p>{noticeWord(lang, "none")}</p>
      ) : (
        <ul class="notice-list">
          {notices.map((notice) => {
            const { text, detail } = noticeText(notice, lang);
            return (
              <li class={notice.read ? "notice-read" : "notice-unread"}>
                <p>
                  {notice.read ? null : <span class="tag tag-unread">{noticeWord(lang, "unread")}</span>}{" "}
                  <time datetime={notice.createdAt}>{shownTime(notice.createdAt)}</time>{" "}
                  <a href={props.hrefOf(notice)}>{text}</a>
                </p>
                {detail ? <p class="notice-detail">{detail}</p> : null}
                {!notice.read && props.csrfToken ? (
                  <ActionButton
                    action={props.readAction}
                    token={props.csrfToken}
                    label={noticeWord(lang, "markRead")}
                    variant="secondary"
                    hidden={{ id: String(notice.id) }}
                  />
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
      {unread.length > 1 && props.csrfToken ? (
        <ActionButton
          action={props.readAction}
          token={props.csrfToken}
          label={noticeWord(lang, "markAllRead")}
          variant="secondary"
          hidden={{ all: "1" }}
        />
      ) : null}
    </section>
  );
}

/** "2021/04/27 09:30" in Japan's time. */
function shownTime(iso: string): string {
  const when = new Date(iso.includes("T") || iso.endsWith("Z") ? iso : `${iso.replace(" ", "T")}Z`);
  if (Number.isNaN(when.getTime())) return iso;
  return new Intl.DateTimeFormat("ja-JP", {
    timeZone: "Asia/Tokyo",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
  }).format(when);
}
