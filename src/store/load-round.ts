import { type Kysely, sql } from "kysely";
import {
  DEFAULT_GRADE_SCALE,
  type Grade,
  type GradeLevel,
  type GradeSummary,
  summarizeGrades,
} from "../domain/grade.ts";
import {
  type Initiative,
  type Kpi,
  PLAN_DOCUMENT_FORMAT,
  type PlanDocument,
  type Policy,
} from "../domain/plan-document.ts";
import type { StoreDialect } from "./dialect.ts";
import { kpiValueFromColumns } from "./kpi-value-columns.ts";
import type { Database } from "./schema.ts";
import type { RoundLinks, RoundSnapshot } from "./types.ts";

/**
 * Rebuilds one round's plan document from the live rows, with the ids behind its initiative numbers
 * and KPI keys, in a fixed number of set-based queries (no query per initiative).
 */
export async function loadRoundSnapshot(
  db: Kysely<Database>,
  dialect: StoreDialect,
  roundId: number,
): Promise<RoundSnapshot | undefined> {
  const head = await db
    .selectFrom("reporting_round")
    .innerJoin("plan", "plan.id", "reporting_round.plan_id")
    .innerJoin("organization", "organization.id", "reporting_round.organization_id")
    .select([
      "organization.local_government_code",
      "reporting_round.fiscal_year",
      "reporting_round.plan_id",
      "reporting_round.as_of",
      "reporting_round.title as roundTitle",
      "reporting_round.declared_grades",
      "reporting_round.source_organization_name",
      "plan.title",
      "plan.start_fiscal_year",
      "plan.end_fiscal_year",
      "plan.baseline_fiscal_year",
      "plan.grade_scale",
    ])
    .where("reporting_round.id", "=", roundId)
    .executeTakeFirst();
  if (!head) return undefined;
  const { fiscal_year: fiscalYear, plan_id: planId } = head;

  const [initiativeRows, policyRows, kpiRows] = await Promise.all([
    db
      .selectFrom("report")
      .innerJoin("initiative", "initiative.id", "report.initiative_id")
      .select([
        "initiative.id",
        "initiative.policy_id",
        "initiative.number",
        "initiative.number_text",
        // A round's own copy when it has one; both texts are long, so only one of each is read.
        sql<string>`coalesce(report.title, initiative.title)`.as("title"),
        sql<string>`coalesce(report.description, initiative.description)`.as("description"),
        "report.activities",
        "report.grade",
        "report.not_assessed",
        "report.committee_opinion",
        "report.next_year_goal",
        "report.policy_id as round_policy_id",
        "report.position",
        "report.departments as round_departments",
      ])
      .where("report.round_id", "=", roundId)
      .orderBy("report.position")
      .orderBy("initiative.number")
      .execute(),
    db
      .selectFrom("policy")
      .select(["id", "code", "title"])
      .where("plan_id", "=", planId)
      .orderBy("position")
      .orderBy("id")
      .execute(),
    // The round's KPI lines as imported; the 現状値 is the KPI's value for the round's fiscal year
    // (none yet in a round opened in the browser: an empty value).
    db
      .selectFrom("round_kpi")
      .leftJoin("kpi_value", (join) =>
        join.onRef("kpi_value.kpi_id", "=", "round_kpi.kpi_id").on("kpi_value.fiscal_year", "=", fiscalYear),
      )
      .select([
        "round_kpi.initiative_id",
        "round_kpi.kpi_id",
        "round_kpi.label",
        "round_kpi.relisted",
        "round_kpi.name",
        "round_kpi.baseline_text",
        "round_kpi.baseline",
        "round_kpi.target_text",
        "round_kpi.target",
        "kpi_value.text as current_text",
        "kpi_value.parsed as current",
      ])
      .where("round_kpi.round_id", "=", roundId)
      .orderBy("round_kpi.initiative_id")
      .orderBy("round_kpi.position")
      .orderBy("round_kpi.kpi_id")
      .execute(),
  ]);

  // Only rounds stored before migration 2026_11_25_003 lack their own list of departments.
  const departmentRows = initiativeRows.some((row) => row.round_departments === null)
    ? await db
        .selectFrom("initiative_department")
        .innerJoin("report", "report.initiative_id", "initiative_department.initiative_id")
        .innerJoin("department", "department.id", "initiative_department.department_id")
        .select(["initiative_department.initiative_id", "department.name"])
        .where("report.round_id", "=", roundId)
        .orderBy("initiative_department.initiative_id")
        .orderBy("initiative_department.position")
        .execute()
    : [];

  const numberOf = new Map(initiativeRows.map((row) => [row.id, row.number]));
  const departmentsOf = groupBy(departmentRows, (row) => row.initiative_id);

  // Keys follow the listing order under each initiative ("6-2"); a 再掲 names its original's key.
  const kpiRowsOf = groupBy(kpiRows, (row) => row.initiative_id);
  const keyOf = new Map<(typeof kpiRows)[number], string>();
  const originalKey = new Map<number, string>();
  const links: RoundLinks = { initiatives: {}, kpis: {} };
  for (const row of initiativeRows) links.initiatives[String(row.number)] = row.id;
  for (const [initiativeId, rows] of kpiRowsOf) {
    rows.forEach((row, index) => {
      const key = `${numberOf.get(initiativeId)}-${index + 1}`;
      keyOf.set(row, key);
      links.kpis[key] = row.kpi_id;
      if (!row.relisted && !originalKey.has(row.kpi_id)) originalKey.set(row.kpi_id, key);
    });
  }
  const kpisOf = (initiativeId: number): Kpi[] =>
    (kpiRowsOf.get(initiativeId) ?? []).map((row) => {
      const relisted = Boolean(row.relisted);
      const relistOf = relisted ? originalKey.get(row.kpi_id) : undefined;
      return {
        key: keyOf.get(row) as string,
        name: row.name,
        label: row.label,
        relisted,
        ...(relistOf !== undefined ? { relistOf } : {}),
        baseline: kpiValueFromColumns(dialect, row.baseline_text, row.baseline),
        target: kpiValueFromColumns(dialect, row.target_text, row.target),
        current:
          row.current_text === null
            ? { text: "", kind: "none" }
            : kpiValueFromColumns(dialect, row.current_text, row.current),
      };
    });

  // Rounds stored before migration 2026_11_25_003 have no copies: they read the shared rows.
  const initiativesOf = groupBy(initiativeRows, (row) => row.round_policy_id ?? row.policy_id);
  const positioned = initiativeRows.every((row) => row.position !== null);
  const policyOrder = positioned
    ? [...initiativesOf.keys()].flatMap((id) => policyRows.filter((p) => p.id === id))
    : policyRows;
  const policies: Policy[] = [];
  for (const policy of policyOrder) {
    const rows = initiativesOf.get(policy.id);
    if (!rows) continue;
    policies.push({
      code: policy.code,
      title: policy.title,
      initiatives: rows.map(
        (row): Initiative => ({
          number: row.number,
          ...(row.number_text !== null ? { numberText: row.number_text } : {}),
          title: row.title,
          departments:
            row.round_departments !== null
              ? dialect.readJson<string[]>(row.round_departments)
              : (departmentsOf.get(row.id) ?? []).map((d) => d.name),
          description: row.description,
          activities: row.activities,
          grade: row.grade as Grade | null,
          ...(row.not_assessed ? { notAssessed: true as const } : {}),
          committeeOpinion: row.committee_opinion,
          nextYearGoal: row.next_year_goal,
          kpis: kpisOf(row.id),
        }),
      ),
    });
  }

  const declared =
    head.declared_grades !== null ? dialect.readJson<GradeSummary>(head.declared_grades) : undefined;
  const gradeScale = head.grade_scale !== null ? dialect.readJson<GradeLevel[]>(head.grade_scale) : undefined;
  const document: PlanDocument = {
    format: PLAN_DOCUMENT_FORMAT,
    ...(head.source_organization_name !== null
      ? {
          organization: {
            name: head.source_organization_name,
            ...(head.local_government_code !== null
              ? { localGovernmentCode: head.local_government_code }
              : {}),
          },
        }
      : {}),
    plan: {
      title: head.title,
      startFiscalYear: head.start_fiscal_year,
      endFiscalYear: head.end_fiscal_year,
      ...(head.baseline_fiscal_year !== null ? { baselineFiscalYear: head.baseline_fiscal_year } : {}),
      ...(gradeScale ? { gradeScale } : {}),
    },
    round: {
      fiscalYear,
      asOf: head.as_of,
      ...(head.roundTitle !== null ? { title: head.roundTitle } : {}),
    },
    policies,
    gradeSummary: summarizeGrades(
      initiativeRows.map((row) => row.grade as Grade | null),
      gradeScale ?? DEFAULT_GRADE_SCALE,
    ),
    ...(declared ? { declaredGradeSummary: declared } : {}),
    diagnostics: [],
  };
  return { document, links };
}

export function groupBy<T, K>(items: readonly T[], keyOf: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}
