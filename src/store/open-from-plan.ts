import type { Kysely } from "kysely";
import type { StoreDialect } from "./dialect.ts";
import type { Database } from "./schema.ts";

/** Rows per multi-row insert: far below either database's bound-parameter limit. */
const CHUNK = 200;

/**
 * A new round's copy of the plan's structure (plan editor, issue 8): every initiative that is not
 * retired, in the plan's order (基本方針, then place), with its texts and 関係課 as the plan holds
 * them and an empty report (未着手); every KPI listing of those initiatives whose KPI is not retired,
 * in order, as the round's KPI lines. The round keeps this copy: later edits of the plan reach the
 * rounds opened after them, never one already opened.
 */
export async function copyPlanIntoRound(
  db: Kysely<Database>,
  dialect: StoreDialect,
  planId: number,
  roundId: number,
): Promise<{ initiatives: number; kpiLines: number }> {
  const initiatives = await db
    .selectFrom("initiative")
    .innerJoin("policy", "policy.id", "initiative.policy_id")
    .select([
      "initiative.id",
      "initiative.organization_id",
      "initiative.policy_id",
      "initiative.title",
      "initiative.description",
    ])
    .where("initiative.plan_id", "=", planId)
    .where("initiative.retired", "=", dialect.bool(false))
    .orderBy("policy.position")
    .orderBy("policy.id")
    .orderBy((eb) => eb.fn.coalesce("initiative.position", "initiative.number"))
    .orderBy("initiative.number")
    .execute();
  if (initiatives.length === 0) return { initiatives: 0, kpiLines: 0 };
  const ids = initiatives.map((i) => i.id);

  const departments = await db
    .selectFrom("initiative_department")
    .innerJoin("department", "department.id", "initiative_department.department_id")
    .innerJoin("initiative", "initiative.id", "initiative_department.initiative_id")
    .select(["initiative_department.initiative_id", "department.name"])
    .where("initiative.plan_id", "=", planId)
    .orderBy("initiative_department.initiative_id")
    .orderBy("initiative_department.position")
    .execute();
  const namesOf = new Map<number, string[]>();
  for (const row of departments)
    namesOf.set(row.initiative_id, [...(namesOf.get(row.initiative_id) ?? []), row.name]);

  const reports = initiatives.map((initiative, index) => ({
    organization_id: initiative.organization_id,
    initiative_id: initiative.id,
    round_id: roundId,
    activities: "",
    grade: null,
    committee_opinion: "",
    next_year_goal: "",
    policy_id: initiative.policy_id,
    position: index + 1,
    title: initiative.title,
    description: initiative.description,
    departments: JSON.stringify(namesOf.get(initiative.id) ?? []),
    state: "notStarted",
  }));
  for (let start = 0; start < reports.length; start += CHUNK)
    await db
      .insertInto("report")
      .values(reports.slice(start, start + CHUNK))
      .execute();

  const listings = await db
    .selectFrom("initiative_kpi")
    .innerJoin("kpi", "kpi.id", "initiative_kpi.kpi_id")
    .innerJoin("initiative", "initiative.id", "initiative_kpi.initiative_id")
    .select([
      "initiative_kpi.organization_id",
      "initiative_kpi.initiative_id",
      "initiative_kpi.kpi_id",
      "initiative_kpi.label",
      "initiative_kpi.relisted",
      "kpi.name",
      "kpi.baseline_text",
      "kpi.baseline",
      "kpi.target_text",
      "kpi.target",
    ])
    .where("initiative.plan_id", "=", planId)
    .where("kpi.retired", "=", dialect.bool(false))
    .orderBy("initiative_kpi.initiative_id")
    .orderBy("initiative_kpi.position")
    .orderBy("initiative_kpi.kpi_id")
    .execute();
  const included = new Set(ids);
  const positions = new Map<number, number>();
  const lines = listings
    .filter((row) => included.has(row.initiative_id))
    .map((row) => {
      const position = (positions.get(row.initiative_id) ?? 0) + 1;
      positions.set(row.initiative_id, position);
      return {
        organization_id: row.organization_id,
        round_id: roundId,
        initiative_id: row.initiative_id,
        kpi_id: row.kpi_id,
        position,
        label: row.label,
        relisted: row.relisted,
        name: row.name,
        baseline_text: row.baseline_text,
        baseline: JSON.stringify(dialect.readJson(row.baseline)),
        target_text: row.target_text,
        target: JSON.stringify(dialect.readJson(row.target)),
      };
    });
  for (let start = 0; start < lines.length; start += CHUNK)
    await db
      .insertInto("round_kpi")
      .values(lines.slice(start, start + CHUNK))
      .execute();
  return { initiatives: reports.length, kpiLines: lines.length };
}
