import type { KpiValue } from "../domain/kpi-value.ts";
import type { StoreDialect } from "./dialect.ts";

/**
 * A KPI value is stored three ways: the text exactly as written (what people see), the parsed
 * meaning as JSON (so that nothing the parser found is lost), and one number to sort and chart by.
 */
export interface KpiValueColumns {
  text: string;
  parsed: string;
  numeric: number | null;
}

export function kpiValueColumns(value: KpiValue): KpiValueColumns {
  const { text, ...parsed } = value;
  return { text, parsed: JSON.stringify(parsed), numeric: sortingNumber(value) };
}

/** Money sorts by yen so that 1億円 comes after 39,411千円; other kinds by the number as written. */
function sortingNumber(value: KpiValue): number | null {
  const number = value.yen ?? value.value;
  return number !== undefined && Number.isFinite(number) ? number : null;
}

export function kpiValueFromColumns(dialect: StoreDialect, text: string, parsed: unknown): KpiValue {
  return { ...dialect.readJson<Omit<KpiValue, "text">>(parsed), text };
}
