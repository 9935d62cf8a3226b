import type { Kysely } from "kysely";
import type { Database, PlanTable } from "./schema.ts";
import type { OrganizationRecord, PlanRecord, RoundRecord } from "./types.ts";

type PlanRow = Omit<PlanTable, "version" | "id"> & { id: number };

export function planRecord(row: PlanRow): PlanRecord {
  return {
    id: row.id,
    organizationId: row.organization_id,
    title: row.title,
    startFiscalYear: row.start_fiscal_year,
    endFiscalYear: row.end_fiscal_year,
    baselineFiscalYear: row.baseline_fiscal_year,
  };
}

const PLAN_COLUMNS = [
  "id",
  "organization_id",
  "title",
  "start_fiscal_year",
  "end_fiscal_year",
  "baseline_fiscal_year",
] as const;

export async function listOrganizations(db: Kysely<Database>): Promise<OrganizationRecord[]> {
  return db.selectFrom("organization").select(["id", "slug", "name"]).orderBy("slug").execute();
}

export async function findOrganization(
  db: Kysely<Database>,
  slug: string,
): Promise<OrganizationRecord | undefined> {
  return db
    .selectFrom("organization")
    .select(["id", "slug", "name"])
    .where("slug", "=", slug)
    .executeTakeFirst();
}

/** Newest plan period first: the current plan is the one people look for. */
export async function listPlans(db: Kysely<Database>, organizationId: number): Promise<PlanRecord[]> {
  const rows = await db
    .selectFrom("plan")
    .select(PLAN_COLUMNS)
    .where("organization_id", "=", organizationId)
    .orderBy("start_fiscal_year", "desc")
    .orderBy("title")
    .orderBy("id")
    .execute();
  return rows.map(planRecord);
}

export async function findPlan(db: Kysely<Database>, planId: number): Promise<PlanRecord | undefined> {
  const row = await db.selectFrom("plan").select(PLAN_COLUMNS).where("id", "=", planId).executeTakeFirst();
  return row && planRecord(row);
}

/** Rounds with their grades counted from the reports, in one grouped query. */
export async function listRounds(db: Kysely<Database>, planId: number): Promise<RoundRecord[]> {
  const gradeCount = (grade: string) =>
    db.fn
      .sum<number>((eb) => eb.case().when("report.grade", "=", grade).then(1).else(0).end())
      .as(`grade_${grade}`);
  const rows = await db
    .selectFrom("reporting_round")
    .leftJoin("report", "report.round_id", "reporting_round.id")
    .select((eb) => [
      "reporting_round.id",
      "reporting_round.plan_id",
      "reporting_round.fiscal_year",
      "reporting_round.as_of",
      "reporting_round.title",
      eb.fn.count<number>("report.id").as("initiative_count"),
      gradeCount("A"),
      gradeCount("B"),
      gradeCount("C"),
      gradeCount("D"),
    ])
    .where("reporting_round.plan_id", "=", planId)
    .groupBy([
      "reporting_round.id",
      "reporting_round.plan_id",
      "reporting_round.fiscal_year",
      "reporting_round.as_of",
      "reporting_round.title",
    ])
    .orderBy("reporting_round.fiscal_year")
    .execute();
  return rows.map((row) => ({
    id: row.id,
    planId: row.plan_id,
    fiscalYear: row.fiscal_year,
    asOf: row.as_of,
    title: row.title,
    // A round without reports sums to NULL.
    gradeSummary: {
      A: Number(row.grade_A ?? 0),
      B: Number(row.grade_B ?? 0),
      C: Number(row.grade_C ?? 0),
      D: Number(row.grade_D ?? 0),
    },
    initiativeCount: Number(row.initiative_count),
  }));
}

export async function isEmpty(db: Kysely<Database>): Promise<boolean> {
  const row = await db.selectFrom("plan").select("id").limit(1).executeTakeFirst();
  return row === undefined;
}
