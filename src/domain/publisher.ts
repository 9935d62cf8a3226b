import type { PlanDocument } from "./plan-document.ts";

/**
 * The open data names its publisher first (全国地方公共団体コード, 地方公共団体名): a stored round
 * whose source did not name the municipality, or that was published before its code was known,
 * takes them from the organization it is stored under. Returns `doc` itself when nothing is missing.
 */
export function withPublisher(
  doc: PlanDocument,
  organization: { name: string; localGovernmentCode?: string | null },
): PlanDocument {
  const code = doc.organization?.localGovernmentCode ?? organization.localGovernmentCode ?? undefined;
  if (doc.organization && doc.organization.localGovernmentCode === code) return doc;
  return {
    ...doc,
    organization: {
      name: doc.organization?.name ?? organization.name,
      ...(code !== undefined ? { localGovernmentCode: code } : {}),
    },
  };
}
