import { z } from "zod";
import {
  GRADE_CODE_MAX_LENGTH,
  GRADE_LABEL_MAX_LENGTH,
  GRADE_SCALE_MAX_LEVELS,
  GRADE_SCALE_MIN_LEVELS,
  GRADES,
} from "../../domain/grade.ts";
import { INITIATIVE_NUMBER_TEXT_MAX } from "../../domain/initiative-number.ts";
import { PLAN_DOCUMENT_FORMAT } from "../../domain/plan-document.ts";
import { fiscalYearSchema, isoDateSchema, kpiValueSchema } from "./kpi-value-schema.ts";

/**
 * The plan document (src/domain/plan-document.ts, docs/plan-document.md) as a zod schema, for
 * reading `shinchoku.plan/v2` JSON (v1 documents are renamed to v2 before validation). `strict` refuses unknown fields; the importer first reads
 * strictly and, when unknown fields are the only problem, reads again leniently and warns.
 *
 * A KPI value may be written as a plain string ("52件"): the importer parses it like a table cell.
 */
const isoDate = isoDateSchema;
const fiscalYear = fiscalYearSchema;
const count = z.number().int().min(0);

/**
 * The document's parts, each with its children left unchecked (`z.unknown()`), so that the importer
 * can validate a document one part at a time and stop after a bounded number of findings: zod lists
 * every problem of what it is given, and a million wrong values would be a million findings.
 */
export function planDocumentParts(strict: boolean, ownScale = false) {
  const object = strict ? z.strictObject : z.object;

  const kpiValueObject = kpiValueSchema(strict);
  const kpiValue = z.union([z.string(), kpiValueObject]);

  const kpi = object({
    key: z.string().min(1),
    name: z.string(),
    label: z.string(),
    relisted: z.boolean(),
    relistOf: z.string().optional(),
    baseline: kpiValue,
    target: kpiValue,
    current: kpiValue,
  });

  const initiativeFields = {
    number: z.number().int().min(1),
    // The No. as written ("1-2", "(1)-①", "No.R1-1"); checkPlanDocument bounds it.
    numberText: z.string().min(1).max(INITIATIVE_NUMBER_TEXT_MAX).optional(),
    title: z.string(),
    departments: z.array(z.string()),
    description: z.string(),
    activities: z.string(),
    // A code of the plan's scale (checkPlanDocument checks it against the scale).
    grade: (ownScale ? z.string().min(1).max(GRADE_CODE_MAX_LENGTH) : z.enum(GRADES)).nullable(),
    notAssessed: z.literal(true).optional(),
    committeeOpinion: z.string(),
    nextYearGoal: z.string(),
  };

  const gradeCode = z.string().min(1).max(GRADE_CODE_MAX_LENGTH);
  const gradeSummary = z.record(gradeCode, count);
  const gradeScale = z
    .array(object({ code: gradeCode, label: z.string().max(GRADE_LABEL_MAX_LENGTH) }))
    .min(GRADE_SCALE_MIN_LEVELS)
    .max(GRADE_SCALE_MAX_LEVELS);

  const diagnostic = object({
    severity: z.enum(["error", "warning", "info"]),
    code: z.string(),
    message: z.string(),
    messageEn: z.string().optional(),
    line: z.number().int().optional(),
    sheet: z.string().optional(),
    cell: z.string().optional(),
    field: z.string().optional(),
  });

  const documentFields = {
    format: z.literal(PLAN_DOCUMENT_FORMAT),
    organization: object({ name: z.string().min(1), localGovernmentCode: z.string().optional() }).optional(),
    plan: object({
      title: z.string().min(1),
      startFiscalYear: fiscalYear,
      endFiscalYear: fiscalYear,
      baselineFiscalYear: fiscalYear.optional(),
      gradeScale: gradeScale.optional(),
    }),
    round: object({ fiscalYear, asOf: isoDate, title: z.string().optional() }),
    gradeSummary,
    declaredGradeSummary: gradeSummary.optional(),
  };

  return {
    kpi,
    diagnostic,
    initiative: object({ ...initiativeFields, kpis: z.array(z.unknown()) }),
    policy: object({ code: z.string(), title: z.string(), initiatives: z.array(z.unknown()) }),
    document: object({
      ...documentFields,
      policies: z.array(z.unknown()),
      diagnostics: z.array(z.unknown()).default([]),
    }),
    /** The whole document in one schema (its type is what the parts assemble to). */
    whole: object({
      ...documentFields,
      policies: z.array(
        object({
          code: z.string(),
          title: z.string(),
          initiatives: z.array(object({ ...initiativeFields, kpis: z.array(kpi) })),
        }),
      ),
      diagnostics: z.array(diagnostic).default([]),
    }),
  };
}

export function planDocumentSchema(strict: boolean) {
  return planDocumentParts(strict).whole;
}

export type ParsedPlanDocument = z.infer<ReturnType<typeof planDocumentSchema>>;
