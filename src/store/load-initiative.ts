import type { Kysely } from "kysely";
import type { Grade } from "../domain/grade.ts";
import type { StoreDialect } from "./dialect.ts";
import { kpiValueFromColumns } from "./kpi-value-columns.ts";
import { groupBy } from "./load-round.ts";
import { planRecord } from "./records.ts";
import type { Database } from "./schema.ts";
import type { InitiativeHistory } from "./types.ts";

/** One initiative across every fiscal year the store knows of, with its 再掲 links. */
export async function loadInitiative(
  db: Kysely<Database>,
  dialect: StoreDialect,
  planId: number,
  number: number,
): Promise<InitiativeHistory | undefined> {
  const head = await db
    .selectFrom("initiative")
    .innerJoin("policy", "policy.id", "initiative.policy_id")
    .innerJoin("plan", "plan.id", "initiative.plan_id")
    .select([
      "initiative.id",
      "initiative.number",
      "initiative.title",
      "initiative.description",
      "policy.code as policyCode",
      "policy.title as policyTitle",
      "plan.id as planId",
      "plan.organization_id",
      "plan.title as planTitle",
      "plan.start_fiscal_year",
      "plan.end_fiscal_year",
      "plan.baseline_fiscal_year",
    ])
    .where("initiative.plan_id", "=", planId)
    .where("initiative.number", "=", number)
    .executeTakeFirst();
  if (!head) return undefined;
  const initiativeId = head.id;
  const ownKpiIds = db
    .selectFrom("initiative_kpi")
    .select("kpi_id")
    .where("initiative_id", "=", initiativeId);

  const [departments, links, values, otherLinks, reports] = await Promise.all([
    db
      .selectFrom("initiative_department")
      .innerJoin("department", "department.id", "initiative_department.department_id")
      .select("department.name")
      .where("initiative_department.initiative_id", "=", initiativeId)
      .orderBy("initiative_department.position")
      .execute(),
    db
      .selectFrom("initiative_kpi")
      .innerJoin("kpi", "kpi.id", "initiative_kpi.kpi_id")
      .select([
        "kpi.id",
        "kpi.name",
        "kpi.baseline_text",
        "kpi.baseline",
        "kpi.target_text",
        "kpi.target",
        "initiative_kpi.label",
        "initiative_kpi.relisted",
      ])
      .where("initiative_kpi.initiative_id", "=", initiativeId)
      .orderBy("initiative_kpi.position")
      .orderBy("initiative_kpi.kpi_id")
      .execute(),
    db
      .selectFrom("kpi_value")
      .select(["kpi_id", "fiscal_year", "text", "parsed"])
      .where("kpi_id", "in", ownKpiIds)
      .orderBy("fiscal_year")
      .execute(),
    db
      .selectFrom("initiative_kpi")
      .innerJoin("initiative", "initiative.id", "initiative_kpi.initiative_id")
      .select(["initiative_kpi.kpi_id", "initiative.number", "initiative.title", "initiative_kpi.relisted"])
      .where("initiative_kpi.kpi_id", "in", ownKpiIds)
      .where("initiative_kpi.initiative_id", "<>", initiativeId)
      .orderBy("initiative.number")
      .execute(),
    db
      .selectFrom("report")
      .innerJoin("reporting_round", "reporting_round.id", "report.round_id")
      .select([
        "reporting_round.fiscal_year",
        "report.activities",
        "report.grade",
        "report.committee_opinion",
        "report.next_year_goal",
      ])
      .where("report.initiative_id", "=", initiativeId)
      .orderBy("reporting_round.fiscal_year")
      .execute(),
  ]);

  const valuesOf = groupBy(values, (v) => v.kpi_id);
  const othersOf = groupBy(otherLinks, (l) => l.kpi_id);
  return {
    plan: planRecord({
      id: head.planId,
      organization_id: head.organization_id,
      title: head.planTitle,
      start_fiscal_year: head.start_fiscal_year,
      end_fiscal_year: head.end_fiscal_year,
      baseline_fiscal_year: head.baseline_fiscal_year,
    }),
    policy: { code: head.policyCode, title: head.policyTitle },
    number: head.number,
    title: head.title,
    departments: departments.map((d) => d.name),
    description: head.description,
    kpis: links.map((link) => ({
      id: link.id,
      name: link.name,
      label: link.label,
      relisted: Boolean(link.relisted),
      baseline: kpiValueFromColumns(dialect, link.baseline_text, link.baseline),
      target: kpiValueFromColumns(dialect, link.target_text, link.target),
      values: (valuesOf.get(link.id) ?? []).map((v) => ({
        fiscalYear: v.fiscal_year,
        value: kpiValueFromColumns(dialect, v.text, v.parsed),
      })),
      alsoListedIn: (othersOf.get(link.id) ?? []).map((other) => ({
        initiativeNumber: other.number,
        title: other.title,
        relisted: Boolean(other.relisted),
      })),
    })),
    reports: reports.map((r) => ({
      fiscalYear: r.fiscal_year,
      activities: r.activities,
      grade: r.grade as Grade | null,
      committeeOpinion: r.committee_opinion,
      nextYearGoal: r.next_year_goal,
    })),
  };
}
