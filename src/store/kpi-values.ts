import { sql } from "kysely";
import type { KpiValue } from "../domain/kpi-value.ts";
import { kpiValueColumns, kpiValueFromColumns } from "./kpi-value-columns.ts";
import { storeErrors } from "./messages.ts";
import { type Scope, writerOf } from "./scope.ts";
import { ConflictError, type KpiValueRecord, type KpiValueWrites } from "./types.ts";

const RETURNED = ["id", "kpi_id", "round_id", "fiscal_year", "text", "parsed", "version"] as const;

/** 現状値: one row per KPI and fiscal year, written by the round of that year. */
export class KpiValues implements KpiValueWrites {
  constructor(private readonly scope: Scope) {}

  private select() {
    return this.scope.db.selectFrom("kpi_value").select(RETURNED);
  }

  private record(row: {
    id: number;
    kpi_id: number;
    round_id: number;
    fiscal_year: number;
    text: string;
    parsed: unknown;
    version: number;
  }): KpiValueRecord {
    return {
      id: row.id,
      kpiId: row.kpi_id,
      roundId: row.round_id,
      fiscalYear: row.fiscal_year,
      value: kpiValueFromColumns(this.scope.dialect, row.text, row.parsed),
      version: row.version,
    };
  }

  async list(roundId: number): Promise<KpiValueRecord[]> {
    const rows = await this.select().where("round_id", "=", roundId).orderBy("kpi_id").execute();
    return rows.map((row) => this.record(row));
  }

  save(input: {
    kpiId: number;
    roundId: number;
    expectedVersion: number | null;
    value: KpiValue;
  }): Promise<KpiValueRecord> {
    return this.saveAll(input.roundId, [input]).then((saved) => saved[0] as KpiValueRecord);
  }

  /**
   * A report's 現状値 in a few statements whatever their number (a save is a chain of round trips
   * on PostgreSQL): the round and the current values read once, each value written with RETURNING,
   * the round's content revision moved once.
   */
  async saveAll(
    roundId: number,
    entries: readonly { kpiId: number; expectedVersion: number | null; value: KpiValue }[],
  ): Promise<KpiValueRecord[]> {
    if (entries.length === 0) return [];
    const writer = writerOf(this.scope);
    const { db } = this.scope;
    const round = await db
      .selectFrom("reporting_round")
      .select(["organization_id", "fiscal_year"])
      .where("id", "=", roundId)
      .executeTakeFirst();
    if (!round) throw storeErrors.notFound("年度の進行管理");
    const rows = await this.select()
      .where(
        "kpi_id",
        "in",
        entries.map((e) => e.kpiId),
      )
      .where("fiscal_year", "=", round.fiscal_year)
      .execute();
    // Updated as values are written, so that a KPI named twice meets its first write's version.
    const currentOf = new Map(rows.map((row) => [row.kpi_id, this.record(row)]));
    const saved: KpiValueRecord[] = [];
    for (const input of entries) {
      const current = currentOf.get(input.kpiId) ?? null;
      if ((current?.version ?? null) !== input.expectedVersion) {
        throw new ConflictError(storeErrors.conflict("この数値目標の現状値"), current);
      }
      const columns = kpiValueColumns(input.value);
      const values = {
        text: columns.text,
        kind: input.value.kind,
        parsed: columns.parsed,
        numeric_value: columns.numeric,
      };
      const row = current
        ? await db
            .updateTable("kpi_value")
            .set({ ...values, round_id: roundId, version: sql`version + 1` })
            .where("id", "=", current.id)
            .where("version", "=", current.version)
            .returning(RETURNED)
            .executeTakeFirst()
        : await db
            .insertInto("kpi_value")
            .values({
              organization_id: round.organization_id,
              kpi_id: input.kpiId,
              round_id: roundId,
              fiscal_year: round.fiscal_year,
              ...values,
            })
            .returning(RETURNED)
            .executeTakeFirst();
      if (!row) throw new ConflictError(storeErrors.conflict("この数値目標の現状値"), current);
      const record = this.record(row);
      currentOf.set(input.kpiId, record);
      saved.push(record);
      await writer.audit({
        organizationId: round.organization_id,
        action: current ? "kpiValue.update" : "kpiValue.create",
        entity: "kpi_value",
        entityId: record.id,
        before: current ? { text: current.value.text } : undefined,
        after: { kpiId: input.kpiId, fiscalYear: round.fiscal_year, text: record.value.text },
      });
    }
    await db
      .updateTable("reporting_round")
      .set({ content_revision: sql`content_revision + 1` })
      .where("id", "=", roundId)
      .execute();
    return saved;
  }
}
