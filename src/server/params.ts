import { z } from "@hono/zod-openapi";
import { GRADE_CODE_MAX_LENGTH } from "../domain/grade.ts";
import { FISCAL_YEAR_MAX, FISCAL_YEAR_MIN, INITIATIVE_NUMBER_MAX } from "../domain/plan-document-check.ts";
import { AppError, type FieldError, type FieldLabel, fieldErrors } from "./errors.ts";

/**
 * The request parameters shared by pages and API, one zod schema each, so a page and its API twin
 * refuse the same values with the same words.
 */
export const orgSlugSchema = z.string().min(1).max(100);

/**
 * A whole number written in ASCII digits (a minus sign is read so that the answer can name the bound).
 * Plain coercion would also take "1e1", "0x10", " 7" or "1.0" and answer for another resource; such
 * text is refused as "not an integer" instead.
 */
function wholeNumber(min: number, max: number) {
  return z.preprocess(
    (v) => (typeof v === "string" && !/^-?[0-9]+$/.test(v) ? Number.NaN : v),
    z.coerce.number().int().min(min).max(max),
  );
}

export const planIdSchema = wholeNumber(1, 2_147_483_647);
/** The bounds a stored document is held to (src/domain/plan-document-check.ts): one rule for both. */
export const fiscalYearSchema = wholeNumber(FISCAL_YEAR_MIN, FISCAL_YEAR_MAX);
export const initiativeNumberSchema = wholeNumber(1, INITIATIVE_NUMBER_MAX);
/**
 * A grade as a filter names it: a code of the plan's scale ("A", "S", "◎", "達成") or 対象外. Which
 * codes a plan has is known only once its table is read: the route checks them (gradeFilterError).
 */
export const gradeSchema = z.string().min(1).max(GRADE_CODE_MAX_LENGTH);

/** A query parameter that may repeat (`grade=A&grade=B`) or come once. */
export function repeated<T extends z.ZodType>(item: T) {
  return z.preprocess(
    (v) => (v === undefined || v === "" ? undefined : Array.isArray(v) ? v : [v]),
    z.array(item).optional(),
  );
}

/** Free text from a search box: trimmed, empty means "no condition". */
export const textFilterSchema = z
  .string()
  .max(200)
  .optional()
  .transform((v) => v?.trim() || undefined);

export const initiativeFilterSchema = z.object({
  policy: textFilterSchema,
  department: textFilterSchema,
  grade: repeated(gradeSchema),
  q: textFilterSchema,
});
export type InitiativeFilterInput = z.output<typeof initiativeFilterSchema>;

/** How the pages name their path and query parameters to a reader, in a refusal. */
export const PAGE_FIELD_LABELS: Record<string, FieldLabel> = {
  org: { ja: "自治体の URL 名", en: "the organization's URL name" },
  planId: { ja: "計画番号", en: "the plan number" },
  fy: { ja: "年度（西暦。例：2019）", en: "the fiscal year (a Western year, e.g. 2019)" },
  number: { ja: "取組項目の番号（No.）", en: "the initiative number (No.)" },
  policy: { ja: "基本方針", en: "the basic policy" },
  department: { ja: "関係課", en: "the department" },
  grade: { ja: "進捗状況", en: "the progress grade" },
  q: { ja: "キーワード", en: "the keyword" },
};

/** Validates page input; a failure becomes the 400 page naming each field in the reader's words. */
export function parseOrThrow<T extends z.ZodType>(
  schema: T,
  value: unknown,
  where: FieldError["in"],
  labels: Record<string, FieldLabel> = PAGE_FIELD_LABELS,
): z.output<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new AppError("request.invalid", {}, fieldErrors(result.error, where, labels));
}

/** Hono's query object with repeated keys as arrays, single keys as strings (as the API validator sees it). */
export function queryObject(url: URL | URLSearchParams): Record<string, string | string[]> {
  const params = url instanceof URL ? url.searchParams : url;
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(params.keys())) {
    const all = params.getAll(key);
    out[key] = all.length === 1 ? (all[0] ?? "") : all;
  }
  return out;
}

/** The path parameters of the API as the OpenAPI document describes them, one definition each. */
export const apiPathParams = {
  planId: planIdSchema.openapi({
    param: { name: "planId", in: "path" },
    example: 1,
    description: "計画番号",
  }),
  fiscalYear: fiscalYearSchema.openapi({
    param: { name: "fiscalYear", in: "path" },
    example: 2019,
    description: "年度 (西暦の開始年: 令和元年度 → 2019)",
  }),
  number: initiativeNumberSchema.openapi({
    param: { name: "number", in: "path" },
    example: 16,
    description: "取組項目の No.",
  }),
};
