import { type Kysely, type RawBuilder, type SqlBool, sql } from "kysely";
import type { Diagnostic } from "../domain/diagnostic.ts";
import { type GradeScale, gradeScaleOf, isDefaultGradeScale } from "../domain/grade.ts";
import {
  type DepartmentState,
  departmentFindingText,
  resolveDepartmentName,
} from "../domain/import-departments.ts";
import { importPlanGradeFindings } from "../domain/import-plan-grades.ts";
import { initiativeNumberKey, initiativeNumberLabel, numberTextFor } from "../domain/initiative-number.ts";
import type { Initiative, PlanDocument } from "../domain/plan-document.ts";
import { importedReportState, isRoundState } from "../domain/workflow-states.ts";
import { formerNamesIn } from "./departments.ts";
import type { StoreDialect } from "./dialect.ts";
import { kpiValueColumns } from "./kpi-value-columns.ts";
import { storeErrors } from "./messages.ts";
import { type KpiListing, type PreparedImport, prepareImport } from "./prepare-import.ts";
import type { Database } from "./schema.ts";
import { type Scope, type Writer, writerOf } from "./scope.ts";
import type { ImportOptions, ImportOutcome } from "./types.ts";

/** Rows per multi-row statement: far below SQLite's and PostgreSQL's bound-parameter limits. */
const CHUNK = 200;

/**
 * Stores one plan document as a round of an organization's plan, inside the caller's transaction
 * (store.transaction: the revision is bumped there, the audit entry written here). The plan is
 * matched by organization, title and period;
 * its structure (policies, initiatives by number, KPIs by initiative and name) is shared by every
 * fiscal year's round and holds the latest fiscal year's texts (an earlier year imported later adds
 * what is missing and changes nothing else); the round keeps its own copy of what its table showed
 * (report's initiative columns, round_kpi), so each round is rebuilt as imported. The round's rows
 * are inserted, or replaced when `replace` is set and the round holds nothing but imported work.
 */
export async function importPlanDocument(
  scope: Scope,
  document: PlanDocument,
  options: ImportOptions,
): Promise<ImportOutcome> {
  const writer = writerOf(scope);
  const prepared = prepareImport(document);
  return new PlanImport(scope.db, scope.dialect, writer, document, prepared, options).run();
}

class PlanImport {
  private organizationId = 0;
  private planId = 0;
  private roundId = 0;
  /** No later fiscal year of the plan is stored: the shared structure takes this document's texts. */
  private latest = true;
  private policyIds: number[] = [];
  /** Initiative row id by the document's key (which may differ from the stored key). */
  private readonly initiativeIds = new Map<number, number>();
  /** KPI row id by the key of the listing that owns it. */
  private readonly kpiIds = new Map<string, number>();

  constructor(
    private readonly trx: Kysely<Database>,
    private readonly dialect: StoreDialect,
    private readonly writer: Writer,
    private readonly document: PlanDocument,
    private readonly prepared: PreparedImport,
    private readonly options: ImportOptions,
  ) {}

  async run(): Promise<ImportOutcome> {
    this.organizationId = this.options.organizationId;
    const planCreated = await this.savePlan();
    this.latest = await this.isLatestYear();
    if (this.latest) await this.saveBaselineYear();
    const replaced = await this.saveRound();
    this.policyIds = await this.savePolicies();
    await this.saveInitiatives();
    await this.saveDepartments();
    await this.saveKpis();
    await this.saveReports(replaced);
    await this.saveKpiValues(replaced);
    await this.saveRoundKpis(replaced);
    await this.writer.audit({
      organizationId: this.organizationId,
      action: "round.import",
      entity: "reporting_round",
      entityId: this.roundId,
      after: {
        planId: this.planId,
        fiscalYear: this.document.round.fiscalYear,
        initiatives: this.prepared.initiatives.length,
        kpiLines: this.prepared.listings.length,
        replaced,
      },
    });
    return {
      organizationId: this.organizationId,
      planId: this.planId,
      roundId: this.roundId,
      fiscalYear: this.document.round.fiscalYear,
      planCreated,
      replaced,
    };
  }

  private async savePlan(): Promise<boolean> {
    const { title, startFiscalYear, endFiscalYear, baselineFiscalYear } = this.document.plan;
    const existing = await this.trx
      .selectFrom("plan")
      .select(["id", "grade_scale", "not_assessed_allowed"])
      .where("organization_id", "=", this.organizationId)
      .where("title", "=", title)
      .where("start_fiscal_year", "=", startFiscalYear)
      .where("end_fiscal_year", "=", endFiscalYear)
      .executeTakeFirst();
    if (existing) {
      // The plan's scale and 対象外 are its settings (plan editor): the table must fit them, and
      // nothing of it is written otherwise (the preview and the command line say so first).
      const stored = existing.grade_scale === null ? null : this.dialect.readJson(existing.grade_scale);
      const refused = importPlanGradeFindings(this.document, {
        title,
        gradeScale: gradeScaleOf({ gradeScale: stored as GradeScale | null }),
        notAssessedAllowed: Boolean(existing.not_assessed_allowed),
      });
      if (refused.length > 0) throw storeErrors.documentInvalid((refused[0] as Diagnostic).message);
      this.planId = existing.id;
      return false;
    }
    const inserted = await this.trx
      .insertInto("plan")
      .values({
        organization_id: this.organizationId,
        title,
        start_fiscal_year: startFiscalYear,
        end_fiscal_year: endFiscalYear,
        baseline_fiscal_year: baselineFiscalYear ?? null,
        grade_scale: this.gradeScaleJson(),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    this.planId = inserted.id;
    return true;
  }

  private async isLatestYear(): Promise<boolean> {
    const later = await this.trx
      .selectFrom("reporting_round")
      .select("id")
      .where("plan_id", "=", this.planId)
      .where("fiscal_year", ">", this.document.round.fiscalYear)
      .limit(1)
      .executeTakeFirst();
    return later === undefined;
  }

  /** The plan's own grade scale as stored (NULL: the default A–D). */
  private gradeScaleJson(): string | null {
    const scale = this.document.plan.gradeScale;
    return scale && !isDefaultGradeScale(scale) ? JSON.stringify(scale) : null;
  }

  /**
   * The latest year's document names the plan's baseline year. Not its scale: a stored plan keeps
   * its own (a file naming another is refused in savePlan; one naming none is read on it).
   */
  private async saveBaselineYear(): Promise<void> {
    await this.trx
      .updateTable("plan")
      .set({ baseline_fiscal_year: this.document.plan.baselineFiscalYear ?? null, version: sql`version + 1` })
      .where("id", "=", this.planId)
      .where(
        sql<SqlBool>`baseline_fiscal_year is distinct from ${this.document.plan.baselineFiscalYear ?? null}`,
      )
      .execute();
  }

  /** Returns whether an existing round is being replaced. */
  private async saveRound(): Promise<boolean> {
    const { fiscalYear, asOf, title } = this.document.round;
    const declared = this.document.declaredGradeSummary;
    const values = {
      as_of: asOf,
      title: title ?? null,
      declared_grades: declared ? JSON.stringify(declared) : null,
      source_organization_name: this.document.organization?.name ?? null,
    };
    const existing = await this.trx
      .selectFrom("reporting_round")
      .select(["id", "state"])
      .where("plan_id", "=", this.planId)
      .where("fiscal_year", "=", fiscalYear)
      .executeTakeFirst();
    if (existing) {
      if (!this.options.replace) throw storeErrors.roundExists(this.document.plan.title, fiscalYear);
      await this.refuseToReplaceWork(existing.id, existing.state);
      this.roundId = existing.id;
      await this.trx
        .updateTable("reporting_round")
        .set({ ...values, version: sql`version + 1` })
        .where("id", "=", existing.id)
        .execute();
      return true;
    }
    const inserted = await this.trx
      .insertInto("reporting_round")
      .values({
        organization_id: this.organizationId,
        plan_id: this.planId,
        fiscal_year: fiscalYear,
        ...values,
        state: "published",
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    this.roundId = inserted.id;
    return false;
  }

  /**
   * A replace rewrites the round's rows from the file; that is only right while they hold nothing
   * but an earlier import of it. Work entered or published in the browser is never overwritten.
   */
  private async refuseToReplaceWork(roundId: number, state: string): Promise<void> {
    const { title } = this.document.plan;
    const fiscalYear = this.document.round.fiscalYear;
    if (state !== "published") {
      throw storeErrors.roundInProgress(title, fiscalYear, isRoundState(state) ? state : "preparing");
    }
    const entered = await this.trx
      .selectFrom("report")
      .select((eb) => eb.fn.countAll<number | string>().as("n"))
      .where("round_id", "=", roundId)
      .where("updated_at", "is not", null)
      .executeTakeFirstOrThrow();
    if (Number(entered.n) > 0) throw storeErrors.roundHasEnteredWork(title, fiscalYear, Number(entered.n));
    const published = await this.trx
      .selectFrom("publication")
      .select("id")
      .where("round_id", "=", roundId)
      .where("source", "<>", "imported")
      .limit(1)
      .executeTakeFirst();
    if (published) throw storeErrors.roundPublishedInBrowser(title, fiscalYear);
  }

  /** Policies are matched by code and title; their order follows the latest import. */
  private async savePolicies(): Promise<number[]> {
    const existing = await this.trx
      .selectFrom("policy")
      .select(["id", "code", "title", "position"])
      .where("plan_id", "=", this.planId)
      .orderBy("position")
      .orderBy("id")
      .execute();
    const used = new Set<number>();
    const ids: number[] = [];
    for (const [index, policy] of this.document.policies.entries()) {
      const position = index + 1;
      const match = existing.find(
        (p) => !used.has(p.id) && p.code === policy.code && p.title === policy.title,
      );
      if (match) {
        used.add(match.id);
        ids.push(match.id);
        if (this.latest && match.position !== position) {
          await this.trx
            .updateTable("policy")
            .set({ position, version: sql`version + 1` })
            .where("id", "=", match.id)
            .execute();
        }
        continue;
      }
      const inserted = await this.trx
        .insertInto("policy")
        .values({
          organization_id: this.organizationId,
          plan_id: this.planId,
          position,
          code: policy.code,
          title: policy.title,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      ids.push(inserted.id);
    }
    return ids;
  }

  /**
   * An initiative already in the plan is recognised by its No. as written ("3", "1-2", "No.R1-1"),
   * not by the document's key: a city's written numbers stay while the keys an importer assigns to
   * them may shift. A new initiative keeps the document's key when no other initiative of the plan
   * holds it, else takes the next after the plan's largest.
   */
  private async saveInitiatives(): Promise<void> {
    const stored = await this.trx
      .selectFrom("initiative")
      .select(["number", "number_text"])
      .where("plan_id", "=", this.planId)
      .execute();
    const storedByWritten = new Map(
      stored.map((row) => [initiativeNumberKey(row.number_text ?? String(row.number)), row.number]),
    );
    const taken = new Set(stored.map((row) => row.number));
    const keyOf = new Map<number, number>();
    const unmatched: Initiative[] = [];
    for (const initiative of this.prepared.initiatives) {
      const match = storedByWritten.get(initiativeNumberKey(initiativeNumberLabel(initiative)));
      if (match !== undefined) {
        keyOf.set(initiative.number, match);
        taken.add(match);
      } else unmatched.push(initiative);
    }
    const displaced: Initiative[] = [];
    for (const initiative of unmatched) {
      if (taken.has(initiative.number)) displaced.push(initiative);
      else {
        keyOf.set(initiative.number, initiative.number);
        taken.add(initiative.number);
      }
    }
    let next = 0;
    for (const number of taken) next = Math.max(next, number);
    for (const initiative of displaced) keyOf.set(initiative.number, ++next);

    // The latest year's table is the plan's structure (plan editor): what it lists is current, in
    // its order; an initiative first seen in an earlier year's table was dropped since (retired).
    const rows = this.document.policies.flatMap((policy, index) =>
      policy.initiatives.map((initiative, place) => {
        const number = keyOf.get(initiative.number) as number;
        return {
          organization_id: this.organizationId,
          plan_id: this.planId,
          policy_id: this.policyIds[index] as number,
          number,
          number_text: numberTextFor(number, initiativeNumberLabel(initiative)) ?? null,
          title: initiative.title,
          description: initiative.description,
          position: place + 1,
          retired: this.dialect.bool(!this.latest),
        };
      }),
    );
    for (const chunk of chunks(rows)) {
      await this.trx
        .insertInto("initiative")
        .values(chunk)
        .onConflict((oc) =>
          !this.latest
            ? oc.columns(["plan_id", "number"]).doNothing()
            : oc
                .columns(["plan_id", "number"])
                .doUpdateSet({
                  policy_id: (eb) => eb.ref("excluded.policy_id"),
                  number_text: (eb) => eb.ref("excluded.number_text"),
                  title: (eb) => eb.ref("excluded.title"),
                  description: (eb) => eb.ref("excluded.description"),
                  position: (eb) => eb.ref("excluded.position"),
                  retired: (eb) => eb.ref("excluded.retired"),
                  // Where the table says otherwise than the plan editor, the import's word is newer.
                  retired_source: sql`case when initiative.retired = excluded.retired
                    then initiative.retired_source else 'import' end`,
                  version: sql`initiative.version + 1`,
                })
                .where(
                  changed("initiative", [
                    "policy_id",
                    "number_text",
                    "title",
                    "description",
                    "position",
                    "retired",
                  ]),
                ),
        )
        .execute();
    }
    const saved = await this.trx
      .selectFrom("initiative")
      .select(["id", "number"])
      .where("plan_id", "=", this.planId)
      .execute();
    const idOf = new Map(saved.map((row) => [row.number, row.id]));
    for (const [documentNumber, number] of keyOf)
      this.initiativeIds.set(documentNumber, idOf.get(number) as number);
    if (this.latest) {
      const listed = new Set(rows.map((r) => r.number));
      const dropped = saved.filter((row) => !listed.has(row.number)).map((row) => row.id);
      for (const chunk of chunks(dropped))
        await this.trx
          .updateTable("initiative")
          .set({ retired: this.dialect.bool(true), retired_source: "import", version: sql`version + 1` })
          .where("id", "in", chunk)
          .where("retired", "=", this.dialect.bool(false))
          .execute();
    }
  }

  private initiativeId(number: number): number {
    const id = this.initiativeIds.get(number);
    if (id === undefined) throw new Error(`initiative No.${number} was not saved`);
    return id;
  }

  /**
   * 関係課: the department list of each imported initiative is replaced by the document's. The
   * round keeps the names as printed (saveReports); the plan's links follow a merged department to
   * its successor, and a department retired without one is refused in the latest year's table
   * (src/domain/import-departments.ts).
   */
  private async saveDepartments(): Promise<void> {
    const names = [...new Set(this.prepared.initiatives.flatMap((i) => i.departments))];
    const departmentIds = new Map<string, number>();
    const formerNames = await formerNamesIn({ db: this.trx, dialect: this.dialect }, this.organizationId);
    const departments = async (): Promise<DepartmentState[]> =>
      (
        await this.trx
          .selectFrom("department")
          .select(["id", "name", "retired_at", "merged_into_id"])
          .where("organization_id", "=", this.organizationId)
          .execute()
      ).map((row) => ({
        id: row.id,
        name: row.name,
        retired: row.retired_at !== null,
        mergedIntoId: row.merged_into_id,
        formerNames: formerNames.get(row.id) ?? [],
      }));
    // Only names no department has, nor had before a rename, are new departments.
    const before = await departments();
    const added = names.filter((name) => resolveDepartmentName(name, before).kind === "new");
    for (const chunk of chunks(added)) {
      await this.trx
        .insertInto("department")
        .values(chunk.map((name) => ({ organization_id: this.organizationId, name })))
        .onConflict((oc) => oc.columns(["organization_id", "name"]).doNothing())
        .execute();
    }
    const known = added.length > 0 ? await departments() : before;
    for (const name of names) {
      const resolution = resolveDepartmentName(name, known);
      if (resolution.kind === "new") throw new Error(`department ${name} was not saved`);
      if (resolution.kind === "retired" && this.latest) {
        const initiative = this.prepared.initiatives.find((i) => i.departments.includes(name)) as Initiative;
        throw storeErrors.documentInvalid(
          departmentFindingText.retired({ number: initiativeNumberLabel(initiative), name, latest: true }).ja,
        );
      }
      departmentIds.set(name, resolution.id);
    }

    let initiatives = this.prepared.initiatives;
    if (!this.latest) {
      // An earlier year only gives 関係課 to initiatives that have none (new to the plan).
      const linked = new Set<number>();
      for (const chunk of chunks(initiatives.map((i) => this.initiativeId(i.number)))) {
        const rows = await this.trx
          .selectFrom("initiative_department")
          .select("initiative_id")
          .where("initiative_id", "in", chunk)
          .execute();
        for (const row of rows) linked.add(row.initiative_id);
      }
      initiatives = initiatives.filter((i) => !linked.has(this.initiativeId(i.number)));
    }
    const initiativeIds = initiatives.map((i) => this.initiativeId(i.number));
    for (const chunk of chunks(initiativeIds)) {
      await this.trx.deleteFrom("initiative_department").where("initiative_id", "in", chunk).execute();
    }
    const links = initiatives.flatMap((initiative) =>
      // A merged department and its successor named together are one link, in the first's place.
      [...new Set(initiative.departments.map((name) => departmentIds.get(name) as number))].map(
        (departmentId, index) => ({
          organization_id: this.organizationId,
          initiative_id: this.initiativeId(initiative.number),
          department_id: departmentId,
          position: index + 1,
          lead: this.dialect.bool(index === 0),
        }),
      ),
    );
    for (const chunk of chunks(links))
      await this.trx.insertInto("initiative_department").values(chunk).execute();
  }

  /**
   * A KPI already in the plan is recognised by its initiative and name (the n-th KPI of a name under
   * an initiative matches the n-th one stored); a 再掲 links to its original's row.
   */
  private async saveKpis(): Promise<void> {
    const stored = await this.trx
      .selectFrom("initiative_kpi")
      .innerJoin("kpi", "kpi.id", "initiative_kpi.kpi_id")
      .select([
        "initiative_kpi.initiative_id",
        "initiative_kpi.kpi_id",
        "initiative_kpi.relisted",
        "kpi.name",
      ])
      .where("kpi.plan_id", "=", this.planId)
      .orderBy("initiative_kpi.initiative_id")
      .orderBy("initiative_kpi.position")
      .orderBy("initiative_kpi.kpi_id")
      .execute();
    const candidates = new Map<string, number[]>();
    for (const row of stored) {
      const key = matchKey(row.initiative_id, Boolean(row.relisted), row.name);
      candidates.set(key, [...(candidates.get(key) ?? []), row.kpi_id]);
    }

    const claimed = new Set<number>();
    const updates: KpiRow[] = [];
    for (const listing of this.owners()) {
      const initiativeId = this.initiativeId(listing.initiative.number);
      const key = matchKey(initiativeId, listing.kpi.relisted, listing.kpi.name);
      const id = candidates.get(key)?.find((candidate) => !claimed.has(candidate));
      const row = this.kpiRow(listing);
      if (id !== undefined) {
        claimed.add(id);
        this.kpiIds.set(listing.kpi.key, id);
        updates.push({ ...row, id });
        continue;
      }
      // New KPIs have no natural key to find them by after a multi-row insert, so each is
      // inserted on its own; later fiscal years match existing rows and take the set-based path.
      const inserted = await this.trx
        .insertInto("kpi")
        .values({ ...row, retired: this.dialect.bool(!this.latest) })
        .returning("id")
        .executeTakeFirstOrThrow();
      this.kpiIds.set(listing.kpi.key, inserted.id);
    }

    // Rows that exist already are rewritten in bulk through their primary key.
    for (const chunk of chunks(this.latest ? updates : [])) {
      await this.trx
        .insertInto("kpi")
        .values(chunk)
        .onConflict((oc) =>
          oc
            .column("id")
            .doUpdateSet({
              name: (eb) => eb.ref("excluded.name"),
              baseline_text: (eb) => eb.ref("excluded.baseline_text"),
              baseline: (eb) => eb.ref("excluded.baseline"),
              baseline_numeric: (eb) => eb.ref("excluded.baseline_numeric"),
              target_text: (eb) => eb.ref("excluded.target_text"),
              target: (eb) => eb.ref("excluded.target"),
              target_numeric: (eb) => eb.ref("excluded.target_numeric"),
              version: sql`kpi.version + 1`,
            })
            .where(changed("kpi", ["name", "baseline_text", "baseline", "target_text", "target"])),
        )
        .execute();
    }

    if (this.latest) await this.retireKpisNotListed();

    const links = this.prepared.listings.map((listing) => ({
      organization_id: this.organizationId,
      initiative_id: this.initiativeId(listing.initiative.number),
      kpi_id: this.kpiId(listing),
      position: listing.position,
      label: listing.kpi.label,
      relisted: this.dialect.bool(listing.kpi.relisted),
    }));
    for (const chunk of chunks(links)) {
      await this.trx
        .insertInto("initiative_kpi")
        .values(chunk)
        .onConflict((oc) =>
          !this.latest
            ? oc.columns(["initiative_id", "kpi_id"]).doNothing()
            : oc.columns(["initiative_id", "kpi_id"]).doUpdateSet({
                position: (eb) => eb.ref("excluded.position"),
                label: (eb) => eb.ref("excluded.label"),
                relisted: (eb) => eb.ref("excluded.relisted"),
              }),
        )
        .execute();
    }
  }

  /** The latest year's table lists the plan's current KPIs: the others are retired, these not. */
  private async retireKpisNotListed(): Promise<void> {
    const listed = new Set(this.kpiIds.values());
    const rows = await this.trx
      .selectFrom("kpi")
      .select(["id", "retired"])
      .where("plan_id", "=", this.planId)
      .execute();
    for (const retired of [true, false]) {
      const ids = rows
        .filter((row) => listed.has(row.id) === !retired && Boolean(row.retired) !== retired)
        .map((row) => row.id);
      for (const chunk of chunks(ids))
        await this.trx
          .updateTable("kpi")
          .set({ retired: this.dialect.bool(retired), retired_source: "import", version: sql`version + 1` })
          .where("id", "in", chunk)
          .execute();
    }
  }

  /** Listings that own their KPI row (everything but resolved 再掲). */
  private owners(): KpiListing[] {
    return this.prepared.listings.filter((listing) => listing.ownerKey === listing.kpi.key);
  }

  private kpiId(listing: KpiListing): number {
    const id = this.kpiIds.get(listing.ownerKey);
    if (id === undefined) throw new Error(`KPI ${listing.ownerKey} was not saved`);
    return id;
  }

  private kpiRow(listing: KpiListing): KpiRow {
    const baseline = kpiValueColumns(listing.kpi.baseline);
    const target = kpiValueColumns(listing.kpi.target);
    return {
      organization_id: this.organizationId,
      plan_id: this.planId,
      name: listing.kpi.name,
      baseline_text: baseline.text,
      baseline: baseline.parsed,
      baseline_numeric: baseline.numeric,
      target_text: target.text,
      target: target.parsed,
      target_numeric: target.numeric,
    };
  }

  private async saveReports(replaced: boolean): Promise<void> {
    const rows = this.document.policies.flatMap((policy, policyIndex) =>
      policy.initiatives.map((initiative) => ({
        organization_id: this.organizationId,
        initiative_id: this.initiativeId(initiative.number),
        round_id: this.roundId,
        activities: initiative.activities,
        grade: initiative.grade,
        not_assessed: this.dialect.bool(initiative.notAssessed === true),
        committee_opinion: initiative.committeeOpinion,
        next_year_goal: initiative.nextYearGoal,
        state: importedReportState(initiative.grade !== null),
        policy_id: this.policyIds[policyIndex] as number,
        title: initiative.title,
        description: initiative.description,
        departments: JSON.stringify(initiative.departments),
      })),
    );
    const positioned = rows.map((row, index) => ({ ...row, position: index + 1 }));
    const copied = ["policy_id", "position", "title", "description", "departments"] as const;
    for (const chunk of chunks(positioned)) {
      await this.trx
        .insertInto("report")
        .values(chunk)
        .onConflict((oc) =>
          oc
            .columns(["initiative_id", "round_id"])
            .doUpdateSet({
              activities: (eb) => eb.ref("excluded.activities"),
              grade: (eb) => eb.ref("excluded.grade"),
              not_assessed: (eb) => eb.ref("excluded.not_assessed"),
              committee_opinion: (eb) => eb.ref("excluded.committee_opinion"),
              next_year_goal: (eb) => eb.ref("excluded.next_year_goal"),
              state: (eb) => eb.ref("excluded.state"),
              policy_id: (eb) => eb.ref("excluded.policy_id"),
              position: (eb) => eb.ref("excluded.position"),
              title: (eb) => eb.ref("excluded.title"),
              description: (eb) => eb.ref("excluded.description"),
              departments: (eb) => eb.ref("excluded.departments"),
              version: sql`report.version + 1`,
            })
            .where(
              changed("report", [
                "activities",
                "grade",
                "not_assessed",
                "committee_opinion",
                "next_year_goal",
                "state",
                ...copied,
              ]),
            ),
        )
        .execute();
    }
    if (replaced) {
      const kept = rows.map((r) => r.initiative_id);
      await this.trx
        .deleteFrom("report")
        .where("round_id", "=", this.roundId)
        .$if(kept.length > 0, (q) => q.where("initiative_id", "not in", kept))
        .execute();
    }
  }

  /** Every KPI line of the round as written (a 再掲 line included), replacing the round's old ones. */
  private async saveRoundKpis(replaced: boolean): Promise<void> {
    if (replaced) await this.trx.deleteFrom("round_kpi").where("round_id", "=", this.roundId).execute();
    const rows = this.prepared.listings.map((listing) => {
      const baseline = kpiValueColumns(listing.kpi.baseline);
      const target = kpiValueColumns(listing.kpi.target);
      return {
        organization_id: this.organizationId,
        round_id: this.roundId,
        initiative_id: this.initiativeId(listing.initiative.number),
        kpi_id: this.kpiId(listing),
        position: listing.position,
        label: listing.kpi.label,
        relisted: this.dialect.bool(listing.kpi.relisted),
        name: listing.kpi.name,
        baseline_text: baseline.text,
        baseline: baseline.parsed,
        target_text: target.text,
        target: target.parsed,
      };
    });
    for (const chunk of chunks(rows)) await this.trx.insertInto("round_kpi").values(chunk).execute();
  }

  /** 現状値: one row per KPI and fiscal year; a 再掲 shares its original's value. */
  private async saveKpiValues(replaced: boolean): Promise<void> {
    const fiscalYear = this.document.round.fiscalYear;
    const rows = this.owners().map((listing) => {
      const current = kpiValueColumns(listing.kpi.current);
      return {
        organization_id: this.organizationId,
        kpi_id: this.kpiId(listing),
        round_id: this.roundId,
        fiscal_year: fiscalYear,
        text: current.text,
        kind: listing.kpi.current.kind,
        parsed: current.parsed,
        numeric_value: current.numeric,
      };
    });
    for (const chunk of chunks(rows)) {
      await this.trx
        .insertInto("kpi_value")
        .values(chunk)
        .onConflict((oc) =>
          oc
            .columns(["kpi_id", "fiscal_year"])
            .doUpdateSet({
              round_id: (eb) => eb.ref("excluded.round_id"),
              text: (eb) => eb.ref("excluded.text"),
              kind: (eb) => eb.ref("excluded.kind"),
              parsed: (eb) => eb.ref("excluded.parsed"),
              numeric_value: (eb) => eb.ref("excluded.numeric_value"),
              version: sql`kpi_value.version + 1`,
            })
            .where(changed("kpi_value", ["round_id", "text", "parsed"])),
        )
        .execute();
    }
    if (replaced) {
      const kept = rows.map((r) => r.kpi_id);
      await this.trx
        .deleteFrom("kpi_value")
        .where("round_id", "=", this.roundId)
        .$if(kept.length > 0, (q) => q.where("kpi_id", "not in", kept))
        .execute();
    }
  }
}

interface KpiRow {
  id?: number;
  organization_id: number;
  plan_id: number;
  name: string;
  baseline_text: string;
  baseline: string;
  baseline_numeric: number | null;
  target_text: string;
  target: string;
  target_numeric: number | null;
}

function matchKey(initiativeId: number, relisted: boolean, name: string): string {
  return `${initiativeId}\u0000${relisted ? 1 : 0}\u0000${name}`;
}

/** An upsert only bumps the version when something actually changed. */
function changed(table: string, columns: readonly string[]): RawBuilder<SqlBool> {
  const tests = columns.map(
    (c) => sql`${sql.ref(`${table}.${c}`)} is distinct from ${sql.ref(`excluded.${c}`)}`,
  );
  return sql<SqlBool>`(${sql.join(tests, sql` or `)})`;
}

function* chunks<T>(items: readonly T[], size = CHUNK): Generator<T[]> {
  for (let start = 0; start < items.length; start += size) yield items.slice(start, start + size);
}
