import type { z } from "zod";
import type { Diagnostic } from "../../domain/diagnostic.ts";
import { type ImportLimits, limitExceeded } from "../limits.ts";
import { type ParsedPlanDocument, planDocumentParts } from "./schema.ts";
import { allowedKeysAt } from "./zod-messages.ts";

type Issue = z.core.$ZodIssue;

/** Findings listed at most: one is enough to refuse, a hundred enough to fix a hand-written file. */
export const MAX_ISSUES = 100;

export type Validated =
  | { success: true; data: ParsedPlanDocument }
  | { success: false; issues: Issue[] }
  | { success: false; limit: Diagnostic };

/**
 * The deepest nesting of objects and arrays in JSON text, counted on the text before it is parsed
 * (strings skipped), so that a document nested a thousand levels deep never reaches a recursive
 * parser or validator. Stops counting past `max`.
 */
export function jsonDepth(text: string, max: number): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c /* \ */) i++;
      else if (c === 0x22 /* " */) inString = false;
      continue;
    }
    if (c === 0x22) inString = true;
    else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      depth++;
      if (depth > deepest) {
        deepest = depth;
        if (deepest > max) return deepest;
      }
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) depth--;
  }
  return deepest;
}

/**
 * Validates a plan document part by part (the document's own fields, each policy, initiative, KPI
 * and diagnostic), stops after MAX_ISSUES findings, and refuses more initiatives or KPIs than the
 * limits allow before validating them: the work and the findings stay bounded whatever the input.
 */
/** The names allowed where an unknown one was found, for the 「つづり」 finding. */
function allowedOf(schema: z.ZodType, path: readonly PropertyKey[]): { allowed?: string[] } {
  const allowed = allowedKeysAt(schema, path);
  return allowed ? { allowed } : {};
}

export function validatePlanDocument(data: unknown, strict: boolean, limits: ImportLimits): Validated {
  // A document naming its own grade scale takes its codes (checkPlanDocument checks them); else A–D.
  const plan = (data as { plan?: { gradeScale?: unknown } } | null)?.plan;
  const ownScale = typeof plan === "object" && plan !== null && plan.gradeScale !== undefined;
  const parts = planDocumentParts(strict, ownScale);
  const issues: Issue[] = [];
  // Each unknown key is a finding of its own (an object of a million unknown keys is one zod issue).
  let findings = 0;
  const full = () => findings >= MAX_ISSUES;
  const check = <T>(schema: z.ZodType<T>, value: unknown, path: PropertyKey[]): T | undefined => {
    const result = schema.safeParse(value);
    if (result.success) return result.data;
    for (const issue of result.error.issues) {
      if (full()) break;
      const moved: Issue =
        issue.code === "unrecognized_keys"
          ? {
              ...issue,
              path: [...path, ...issue.path],
              keys: issue.keys.slice(0, MAX_ISSUES - findings),
              ...allowedOf(schema, issue.path),
            }
          : ({ ...issue, path: [...path, ...issue.path] } as Issue);
      findings += moved.code === "unrecognized_keys" ? moved.keys.length : 1;
      issues.push(moved);
    }
    return undefined;
  };

  const top = check(parts.document, data, []);
  const source = (data ?? {}) as { policies?: unknown; diagnostics?: unknown };
  const policies = Array.isArray(source.policies) ? source.policies : [];
  let initiativeCount = 0;
  let kpiCount = 0;
  for (const [p, policy] of policies.entries()) {
    const initiatives = (policy as { initiatives?: unknown } | null)?.initiatives;
    if (!Array.isArray(initiatives)) continue;
    initiativeCount += initiatives.length;
    for (const [i, initiative] of initiatives.entries()) {
      const { kpis, departments } = (initiative ?? {}) as { kpis?: unknown; departments?: unknown };
      if (Array.isArray(kpis)) kpiCount += kpis.length;
      // The one list validated whole with its initiative: its length bounds the findings.
      if (Array.isArray(departments) && departments.length > limits.cellsPerRow) {
        const field = `policies[${p}].initiatives[${i}].departments`;
        return {
          success: false,
          limit: limitExceeded("cellsPerRow", limits.cellsPerRow, departments.length, { field }),
        };
      }
    }
  }
  if (initiativeCount > limits.initiatives)
    return { success: false, limit: limitExceeded("initiatives", limits.initiatives, initiativeCount) };
  if (kpiCount > limits.kpis) return { success: false, limit: limitExceeded("kpis", limits.kpis, kpiCount) };
  const diagnostics = Array.isArray(source.diagnostics) ? source.diagnostics : [];
  if (diagnostics.length > limits.rows)
    return {
      success: false,
      limit: limitExceeded("rows", limits.rows, diagnostics.length, { field: "diagnostics" }),
    };

  const outPolicies: ParsedPlanDocument["policies"] = [];
  policies.forEach((policy, p) => {
    if (full()) return;
    const parsedPolicy = check(parts.policy, policy, ["policies", p]);
    const outInitiatives: ParsedPlanDocument["policies"][number]["initiatives"] = [];
    const initiatives = (policy as { initiatives?: unknown } | null)?.initiatives;
    (Array.isArray(initiatives) ? initiatives : []).forEach((initiative, i) => {
      if (full()) return;
      const parsedInitiative = check(parts.initiative, initiative, ["policies", p, "initiatives", i]);
      const kpis = (initiative as { kpis?: unknown } | null)?.kpis;
      const outKpis: ParsedPlanDocument["policies"][number]["initiatives"][number]["kpis"] = [];
      (Array.isArray(kpis) ? kpis : []).forEach((kpi, k) => {
        if (full()) return;
        const parsedKpi = check(parts.kpi, kpi, ["policies", p, "initiatives", i, "kpis", k]);
        if (parsedKpi) outKpis.push(parsedKpi);
      });
      if (parsedInitiative) outInitiatives.push({ ...parsedInitiative, kpis: outKpis });
    });
    if (parsedPolicy) outPolicies.push({ ...parsedPolicy, initiatives: outInitiatives });
  });
  const outDiagnostics: ParsedPlanDocument["diagnostics"] = [];
  diagnostics.forEach((d, i) => {
    if (full()) return;
    const parsed = check(parts.diagnostic, d, ["diagnostics", i]);
    if (parsed) outDiagnostics.push(parsed);
  });

  if (issues.length > 0 || !top) return { success: false, issues };
  return { success: true, data: { ...top, policies: outPolicies, diagnostics: outDiagnostics } };
}
