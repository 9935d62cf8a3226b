import { type Kysely, type SqlBool, sql } from "kysely";
import type { StoreDialect } from "./dialect.ts";
import type { Database } from "./schema.ts";

/**
 * What searchInitiatives reads: the initiative's title and description as the round showed them,
 * the round's report texts and the round's KPI names. Each column here has a search index
 * (migrations 001 and 2026_11_25_003). Reports stored before the latter have no copy of the title
 * and description (NULL) and are searched through the shared initiative row.
 */
const SEARCHED = {
  initiative: ["title", "description"],
  report: ["activities", "committee_opinion", "next_year_goal", "title", "description"],
  kpi: ["name"],
} as const;

/**
 * Initiative numbers of one round whose texts contain every whitespace-separated term of `query`
 * (substring semantics, any length; `%` and `_` are ordinary characters). A blank query matches
 * every initiative of the round.
 */
export async function searchInitiatives(
  db: Kysely<Database>,
  dialect: StoreDialect,
  planId: number,
  fiscalYear: number,
  query: string,
): Promise<number[]> {
  const terms = query.split(/\s+/u).filter((term) => term !== "");
  let select = db
    .selectFrom("initiative")
    .innerJoin("report", "report.initiative_id", "initiative.id")
    .innerJoin("reporting_round", "reporting_round.id", "report.round_id")
    .select("initiative.number")
    .where("initiative.plan_id", "=", planId)
    .where("reporting_round.fiscal_year", "=", fiscalYear);
  for (const term of terms) select = select.where(termMatches(dialect, term));
  const rows = await select.orderBy("initiative.number").execute();
  return rows.map((row) => row.number);
}

function termMatches(dialect: StoreDialect, term: string) {
  return sql<SqlBool>`((report.title is null
      and ${dialect.textContains("initiative", "initiative.id", SEARCHED.initiative, term)})
    or ${dialect.textContains("report", "report.id", SEARCHED.report, term)}
    or exists (select 1 from round_kpi inner join kpi on kpi.id = round_kpi.kpi_id
      where round_kpi.round_id = report.round_id and round_kpi.initiative_id = initiative.id
      and ${dialect.textContains("kpi", "kpi.id", SEARCHED.kpi, term)}))`;
}
