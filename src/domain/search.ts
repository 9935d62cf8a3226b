import type { Initiative, PlanDocument } from "./plan-document.ts";

/**
 * Free-text search of one round's table: the initiatives whose texts contain every whitespace-
 * separated term of the query, in number order. Texts and terms are compared after the same
 * normalization, so that a Japanese keyboard's full-width ＩＣＴ finds ICT, ｶﾀｶﾅ finds カタカナ,
 * and katakana and hiragana find each other (どうが / ドウガ).
 *
 * What is searched: the title, 取組の方針と内容, this year's 取組内容, 本部会意見, 翌年度目標 and the
 * KPI names, as this round's table printed them.
 */
export function searchInitiatives(document: PlanDocument, query: string): number[] {
  const terms = normalizeForSearch(query)
    .split(/\s+/u)
    .filter((term) => term !== "");
  const numbers: number[] = [];
  for (const policy of document.policies) {
    for (const initiative of policy.initiatives) {
      const haystack = searchText(initiative);
      if (terms.every((term) => haystack.includes(term))) numbers.push(initiative.number);
    }
  }
  return numbers.sort((a, b) => a - b);
}

/** NFKC (full-width Latin and digits, half-width katakana), lower case, katakana as hiragana. */
export function normalizeForSearch(text: string): string {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[\u30a1-\u30f6]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0x60));
}

/** Documents are kept in memory and searched repeatedly: each initiative is normalized once. */
const normalized = new WeakMap<Initiative, string>();

function searchText(initiative: Initiative): string {
  let text = normalized.get(initiative);
  if (text === undefined) {
    // Fields are joined by a line break, which no term contains, so no match spans two fields.
    text = normalizeForSearch(
      [
        initiative.title,
        initiative.description,
        initiative.activities,
        initiative.committeeOpinion,
        initiative.nextYearGoal,
        ...initiative.kpis.map((k) => k.name),
      ].join("\n"),
    );
    normalized.set(initiative, text);
  }
  return text;
}
