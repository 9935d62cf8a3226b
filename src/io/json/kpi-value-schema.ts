import { z } from "zod";
import { isValidIsoDate } from "../../domain/era.ts";
import { KPI_VALUE_KINDS, type KpiValue, STAGES } from "../../domain/kpi-value.ts";

/**
 * The one schema of a KPI value (src/domain/kpi-value.ts) as JSON: the plan-document importer reads
 * with it (strictly, or leniently to warn about unknown fields) and the API describes its answers
 * with it. The domain type stays the definition; `satisfies` below keeps the two in step.
 */
export const isoDateSchema = z.string().refine(isValidIsoDate, {
  message: "日付として読み取れません。実在する日付を「2020-03-31」の形（西暦の年-月-日）で書いてください",
  params: { en: "must be an existing date written yyyy-mm-dd (e.g. 2020-03-31)" },
});
const isoMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);
/** Fiscal years the era functions accept (西暦 start year). */
export const fiscalYearSchema = z.number().int().min(1).max(9998);

export function kpiValueSchema(strict: boolean) {
  const object = strict ? z.strictObject : z.object;
  // One level of secondary value, as the domain has it (SecondaryKpiValue): no recursion, which the
  // OpenAPI generator could not follow.
  const secondary = object({
    text: z.string(),
    kind: z.enum(KPI_VALUE_KINDS),
    value: z.number().optional(),
    unit: z.string().optional(),
    yen: z.number().optional(),
    approximate: z.boolean().optional(),
    perYear: z.boolean().optional(),
    stage: z.enum(STAGES).optional(),
    continuing: z.boolean().optional(),
    direction: z.enum(["increase", "decrease"]).optional(),
    comparison: z.enum(["atLeast", "atMost"]).optional(),
    reference: z.literal("baseline").optional(),
    fiscalYear: fiscalYearSchema.optional(),
    cumulative: z.boolean().optional(),
    cumulativeTotal: z.number().optional(),
    asOf: isoDateSchema.optional(),
    period: object({ from: isoMonth, to: isoMonth }).optional(),
    note: z.string().optional(),
    diagnostic: z.string().optional(),
  });
  return secondary.extend({ secondary: secondary.optional() });
}

// Both directions: every parsed value is a KpiValue, and every KpiValue has the schema's shape.
type Parsed = z.infer<ReturnType<typeof kpiValueSchema>>;
type AssertTrue<T extends true> = T;
export type KpiValueSchemaMatchesDomain = AssertTrue<
  [Parsed] extends [KpiValue] ? ([KpiValue] extends [Parsed] ? true : false) : false
>;
