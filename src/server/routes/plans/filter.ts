import { type Grade, type GradeScale, isGradeOf } from "../../../domain/grade.ts";
import type { Initiative, PlanDocument, Policy } from "../../../domain/plan-document.ts";
import type { FieldError } from "../../errors.ts";

/**
 * The initiatives list of a plan overview and of the API, narrowed by the reader's conditions. Every
 * condition is optional; given together they all apply (AND); several grades mean any of them (OR).
 */
export interface InitiativeFilter {
  /** The policy's code "(ア)", or its title when it has no code. */
  policy?: string;
  department?: string;
  /** Codes of the plan's scale, or NOT_ASSESSED_FILTER for the initiatives not graded this year. */
  grades?: Grade[];
  /** Initiative numbers the free-text search found (undefined: no text condition). */
  matching?: ReadonlySet<number>;
}

export interface ListedInitiative {
  policy: Policy;
  initiative: Initiative;
}

/** The value that names a policy in URLs and forms. */
export function policyKey(policy: Pick<Policy, "code" | "title">): string {
  return policy.code || policy.title;
}

export function listInitiatives(doc: Pick<PlanDocument, "policies">): ListedInitiative[] {
  return doc.policies.flatMap((policy) => policy.initiatives.map((initiative) => ({ policy, initiative })));
}

const JAPANESE = new Intl.Collator("ja");

/**
 * 「関係各課」 ("every related department") is no department: 23 of the seed's 24 initiatives name it,
 * so choosing it would narrow nothing. The department filter leaves it out.
 */
export const EVERY_RELATED_DEPARTMENT = "関係各課";

/** Every department named in the document, in Japanese reading order (関係各課 left out). */
export function departmentsOf(doc: Pick<PlanDocument, "policies">): string[] {
  const names = new Set(listInitiatives(doc).flatMap((item) => item.initiative.departments));
  names.delete(EVERY_RELATED_DEPARTMENT);
  return [...names].sort(JAPANESE.compare);
}

/** The grade filter's value for 対象外 (not graded this year), as the city writes it. */
export const NOT_ASSESSED_FILTER = "対象外";

/**
 * The grade filter's values that are neither a code of the table's scale nor 対象外, as the
 * parameter's finding (in the page's words with `label`, else naming the parameter as the API does);
 * undefined when every value is one.
 */
export function gradeFilterError(
  grades: readonly string[] | undefined,
  scale: GradeScale,
  label?: { ja: string; en: string },
): FieldError | undefined {
  if (!grades?.some((g) => g !== NOT_ASSESSED_FILTER && !isGradeOf(scale, g))) return undefined;
  const choices = [...scale.map((level) => level.code), NOT_ASSESSED_FILTER];
  const ja = `${choices.join("・")}のいずれかで指定してください`;
  const en = `one of ${choices.join(", ")}`;
  const field = { name: "grade", in: "query" as const };
  if (!label)
    return { ...field, message: `パラメーター「grade」は${ja}。`, messageEn: `grade: must be ${en}` };
  const labelEn = label.en.charAt(0).toUpperCase() + label.en.slice(1);
  return { ...field, label, message: `${label.ja}は${ja}。`, messageEn: `${labelEn} must be ${en}.` };
}

export function applyFilter(items: ListedInitiative[], filter: InitiativeFilter): ListedInitiative[] {
  return items.filter(({ policy, initiative }) => {
    if (filter.policy && policyKey(policy) !== filter.policy) return false;
    if (filter.department && !initiative.departments.includes(filter.department)) return false;
    if (filter.grades && filter.grades.length > 0) {
      const notAssessed = initiative.notAssessed === true && filter.grades.includes(NOT_ASSESSED_FILTER);
      if (!notAssessed && (!initiative.grade || !filter.grades.includes(initiative.grade))) return false;
    }
    if (filter.matching && !filter.matching.has(initiative.number)) return false;
    return true;
  });
}
