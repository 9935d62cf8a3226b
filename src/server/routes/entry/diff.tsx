import { diffChars } from "diff";
import type { EntryText } from "./messages.ts";

/**
 * The other person's text with what differs from yours marked (by character: Japanese has no spaces
 * between words): what only they have is underlined (<ins>), what only you typed is struck through
 * (<del>). <ins> and <del> are not announced by most screen readers, so each mark also says in words
 * what it is, for them only.
 */
export function MarkedDifference(props: { yours: string; theirs: string; t: EntryText }) {
  const { t } = props;
  if (props.theirs === "" && props.yours === "")
    return <span class="theirs-empty">{t("entry.theirsEmpty")}</span>;
  // A bound on the work: two long texts with little in common are shown whole, as one change.
  const parts = diffChars(props.yours, props.theirs, { timeout: 100 }) ?? [
    { value: props.yours, removed: true, added: false, count: props.yours.length },
    { value: props.theirs, added: true, removed: false, count: props.theirs.length },
  ];
  return (
    <>
      {props.theirs === "" ? <span class="theirs-empty">{t("entry.theirsEmpty")} </span> : null}
      {parts.map((part) =>
        part.added ? (
          <ins>
            <span class="visually-hidden">{t("entry.insMark")}</span>
            {part.value}
            <span class="visually-hidden">{t("entry.markEnd")}</span>
          </ins>
        ) : part.removed ? (
          <del>
            <span class="visually-hidden">{t("entry.delMark")}</span>
            {part.value}
            <span class="visually-hidden">{t("entry.markEnd")}</span>
          </del>
        ) : (
          part.value
        ),
      )}
    </>
  );
}
