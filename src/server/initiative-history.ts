import { gradeScaleOf } from "../domain/grade.ts";
import { compareInitiativeNumbers } from "../domain/initiative-number.ts";
import type { Initiative, Policy } from "../domain/plan-document.ts";
import type { InitiativeHistory, KpiHistory, PlanRecord, Publication } from "../store/types.ts";

/**
 * One initiative across published fiscal years, from the publications alone (oldest first): its
 * texts, 関係課 and KPI lines as the newest table that lists it printed them, each KPI's 現状値 in
 * every year's table (followed by its store id, so a KPI keeps its history under a new label), every
 * year's report, and the other initiatives that list the same KPI (再掲).
 */
export function initiativeHistory(
  plan: PlanRecord,
  publications: readonly Publication[],
  number: number,
): InitiativeHistory | undefined {
  const years = publications
    .map((publication) => ({ publication, found: findInitiative(publication, number) }))
    .filter((year): year is { publication: Publication; found: Found } => year.found !== undefined);
  const newest = years.at(-1);
  if (!newest) return undefined;
  const { policy, initiative } = newest.found;
  const { links, document } = newest.publication;

  const idOf = (publication: Publication, key: string, fallback: number) =>
    publication.links.kpis[key] ?? fallback;
  const kpis: KpiHistory[] = initiative.kpis.map((kpi, index) => {
    const id = idOf(newest.publication, kpi.key, -(index + 1));
    const values = publications.flatMap((publication) => {
      const line = allKpis(publication).find((k) => idOf(publication, k.key, Number.NaN) === id);
      return line ? [{ fiscalYear: publication.document.round.fiscalYear, value: line.current }] : [];
    });
    const alsoListedIn = document.policies
      .flatMap((p) => p.initiatives)
      .filter((other) => other.number !== number)
      .flatMap((other) =>
        other.kpis
          .filter((k) => links.kpis[k.key] === id)
          .slice(0, 1)
          .map((k) => ({
            initiativeNumber: other.number,
            ...(other.numberText !== undefined ? { numberText: other.numberText } : {}),
            title: other.title,
            relisted: k.relisted,
          })),
      )
      .sort((a, b) =>
        compareInitiativeNumbers(
          a.numberText ?? String(a.initiativeNumber),
          b.numberText ?? String(b.initiativeNumber),
        ),
      );
    return {
      id,
      name: kpi.name,
      label: kpi.label,
      relisted: kpi.relisted,
      baseline: kpi.baseline,
      target: kpi.target,
      values,
      alsoListedIn,
    };
  });

  return {
    plan: {
      id: plan.id,
      organizationId: plan.organizationId,
      title: plan.title,
      startFiscalYear: plan.startFiscalYear,
      endFiscalYear: plan.endFiscalYear,
      baselineFiscalYear: plan.baselineFiscalYear,
      // The scale as the newest table printed it: the public page reads publications only.
      gradeScale: gradeScaleOf(document.plan),
      // A publication stays as it was published: its 対象外 items show whatever the plan says now.
      notAssessedAllowed: true,
    },
    policy: { code: policy.code, title: policy.title },
    number: initiative.number,
    ...(initiative.numberText !== undefined ? { numberText: initiative.numberText } : {}),
    title: initiative.title,
    departments: initiative.departments,
    description: initiative.description,
    kpis,
    reports: years.map(({ publication, found }) => ({
      fiscalYear: publication.document.round.fiscalYear,
      activities: found.initiative.activities,
      grade: found.initiative.grade,
      ...(found.initiative.notAssessed ? { notAssessed: true as const } : {}),
      gradeScale: gradeScaleOf(publication.document.plan),
      committeeOpinion: found.initiative.committeeOpinion,
      nextYearGoal: found.initiative.nextYearGoal,
    })),
  };
}

interface Found {
  policy: Policy;
  initiative: Initiative;
}

function findInitiative(publication: Publication, number: number): Found | undefined {
  for (const policy of publication.document.policies) {
    const initiative = policy.initiatives.find((i) => i.number === number);
    if (initiative) return { policy, initiative };
  }
  return undefined;
}

function allKpis(publication: Publication) {
  return publication.document.policies.flatMap((p) => p.initiatives.flatMap((i) => i.kpis));
}
