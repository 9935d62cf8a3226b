import type { NoticeRecord } from "../../store/types.ts";
import { orgPath } from "../page-context.ts";

/** The round a notice is about, as its link needs it. */
export interface NoticeRound {
  planId: number;
  fiscalYear: number;
}

/**
 * Where the reader of a notice acts on it: a returned or accepted report → the department's entry
 * page of that initiative; a submitted one → the secretariat's review page; a round opened or a
 * deadline near → my work; a publication → the published table. Without the round (removed since)
 * or the initiative's number, the home page.
 */
export function noticeHref(
  notice: Pick<NoticeRecord, "kind" | "params">,
  slug: string,
  round: NoticeRound | undefined,
): string {
  const manage = `${orgPath(slug)}/manage`;
  const number = notice.params.number;
  const roundPath = round && `${manage}/plans/${round.planId}/${round.fiscalYear}`;
  switch (notice.kind) {
    case "returned":
    case "accepted":
      return roundPath && typeof number === "number" ? `${roundPath}/initiatives/${number}` : manage;
    case "submitted":
      return roundPath && typeof number === "number" ? `${roundPath}/review/${number}` : manage;
    case "roundOpened":
    case "deadlineNear":
      return `${manage}/my-work`;
    case "published":
      return round ? `${orgPath(slug)}/plans/${round.planId}/${round.fiscalYear}` : manage;
  }
}
