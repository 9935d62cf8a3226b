import type { Diagnostic } from "./diagnostic.ts";
import { initiativeNumberLabel } from "./initiative-number.ts";
import type { PlanDocument } from "./plan-document.ts";

/**
 * 関係課 named by an imported table, against the organization's departments as they are now
 * (issue 8: departments are renamed, merged and retired). Pure: the store's import resolves names
 * with `resolveDepartmentName`, the preview and `shinchoku import` show `importDepartmentFindings`.
 *
 * - The round's own copy of its 関係課 (what its table printed) always keeps the names as written,
 *   so a past year's table, its publication and its downloads are what the city published.
 * - The plan's current 関係課 (who enters, what the next round opens with) follow a merge to the
 *   department that took over (統合先), and a former name (名称変更) to the department renamed from it.
 * - A department retired without a successor cannot be a current 関係課: a table of the plan's
 *   latest year (whose 関係課 become the plan's) naming one is refused, with what to do; an earlier
 *   year's table is taken as printed.
 */

export interface DepartmentState {
  id: number;
  name: string;
  retired: boolean;
  /** 統合先: the department it was merged into, when it went by a merge. */
  mergedIntoId: number | null;
  /** The names it had before a rename (名称変更), oldest first. */
  formerNames?: readonly string[];
}

export type DepartmentResolution =
  /** Not known: the import adds it. */
  | { kind: "new" }
  | { kind: "current"; id: number }
  /** Merged: `id` is the department that holds its work now. */
  | { kind: "merged"; id: number; successor: string }
  /** A name the department had before it was renamed: `id` is that department, `current` its name. */
  | { kind: "renamed"; id: number; current: string }
  /** Retired without a successor (or only through retired ones). */
  | { kind: "retired"; id: number };

/** The department a written name stands for now: itself, its successor through merges, or none. */
export function resolveDepartmentName(
  name: string,
  departments: readonly DepartmentState[],
): DepartmentResolution {
  const current = departments.find((d) => d.name === name);
  // A former name stands for the department renamed from it (the latest to have had it), unless a
  // department holds that name now.
  const renamed = current ? undefined : departments.findLast((d) => d.formerNames?.includes(name));
  const byName = current ?? renamed;
  if (!byName) return { kind: "new" };
  if (!byName.retired)
    return renamed
      ? { kind: "renamed", id: byName.id, current: byName.name }
      : { kind: "current", id: byName.id };
  let at: DepartmentState | undefined = byName;
  const seen = new Set<number>();
  while (at?.retired && at.mergedIntoId !== null && !seen.has(at.id)) {
    seen.add(at.id);
    const next: number = at.mergedIntoId;
    at = departments.find((d) => d.id === next);
  }
  return at && !at.retired
    ? { kind: "merged", id: at.id, successor: at.name }
    : { kind: "retired", id: byName.id };
}

/** Where a finding points in the file: a line of a text, or a sheet's cell. */
export interface SourcePlace {
  line?: number;
  sheet?: string;
  cell?: string;
}

/** The words of each finding; `latest`: the table is the plan's latest year (its 関係課 become current). */
export const departmentFindingText = {
  renamed: (p: { number: string; name: string; current: string; latest: boolean }) =>
    p.latest
      ? {
          ja: `取組項目 No.${p.number}の関係課「${p.name}」は「${p.current}」に名称を変更しています。この年度の集計表には「${p.name}」と書かれたとおりに取り込み、計画の関係課は「${p.current}」のままにします。`,
          en: `Department “${p.name}” of No.${p.number} was renamed “${p.current}”. This year's table keeps “${p.name}” as printed; the plan's departments keep “${p.current}”.`,
        }
      : {
          ja: `取組項目 No.${p.number}の関係課「${p.name}」は「${p.current}」に名称を変更しています。過去の年度の集計表のため、「${p.name}」と書かれたとおりに取り込みます。`,
          en: `Department “${p.name}” of No.${p.number} was renamed “${p.current}”. A past year's table: it is imported as printed.`,
        },
  merged: (p: { number: string; name: string; successor: string; latest: boolean }) =>
    p.latest
      ? {
          ja: `取組項目 No.${p.number}の関係課「${p.name}」は「${p.successor}」に統合されています。この年度の集計表には「${p.name}」と書かれたとおりに取り込み、計画の関係課（次に開く年度から）は「${p.successor}」にします。`,
          en: `Department “${p.name}” of No.${p.number} was merged into “${p.successor}”. This year's table keeps “${p.name}” as printed; the plan's departments (from the next year opened) get “${p.successor}”.`,
        }
      : {
          ja: `取組項目 No.${p.number}の関係課「${p.name}」は「${p.successor}」に統合されています。過去の年度の集計表のため、「${p.name}」と書かれたとおりに取り込みます。`,
          en: `Department “${p.name}” of No.${p.number} was merged into “${p.successor}”. A past year's table: it is imported as printed.`,
        },
  retired: (p: { number: string; name: string; latest: boolean }) =>
    p.latest
      ? {
          ja: `取組項目 No.${p.number}の関係課「${p.name}」は廃止した課です。最新の年度の集計表の関係課は計画の関係課になるため、廃止した課は使えません。課の管理で「${p.name}」を元に戻すか、ファイルの関係課を今ある課に直してから、もう一度取り込んでください。`,
          en: `Department “${p.name}” of No.${p.number} is retired. The latest year's departments become the plan's, so a retired one cannot be used: restore “${p.name}” on the departments page, or change it in the file to a current department, and import again.`,
        }
      : {
          ja: `取組項目 No.${p.number}の関係課「${p.name}」は廃止した課です。過去の年度の集計表のため、書かれたとおりに取り込みます。`,
          en: `Department “${p.name}” of No.${p.number} is retired. A past year's table: it is imported as printed.`,
        },
};

/**
 * One finding per initiative and named department that was merged or retired: an error for a
 * retired one in the plan's latest year, else information. `place` says where the initiative's
 * 関係課 cell is in the file, when the importer knows it.
 */
export function importDepartmentFindings(
  document: PlanDocument,
  departments: readonly DepartmentState[],
  latest: boolean,
  place: (field: string) => SourcePlace | undefined = () => undefined,
): Diagnostic[] {
  const findings: Diagnostic[] = [];
  document.policies.forEach((policy, p) => {
    policy.initiatives.forEach((initiative, i) => {
      const field = `policies[${p}].initiatives[${i}].departments`;
      const number = initiativeNumberLabel(initiative);
      for (const name of initiative.departments) {
        const resolution = resolveDepartmentName(name, departments);
        if (resolution.kind === "renamed") {
          const text = departmentFindingText.renamed({ number, name, current: resolution.current, latest });
          findings.push({
            severity: "info",
            code: "department.renamed",
            message: text.ja,
            messageEn: text.en,
            ...place(field),
            field,
          });
        } else if (resolution.kind === "merged") {
          const text = departmentFindingText.merged({
            number,
            name,
            successor: resolution.successor,
            latest,
          });
          findings.push({
            severity: "info",
            code: "department.merged",
            message: text.ja,
            messageEn: text.en,
            ...place(field),
            field,
          });
        } else if (resolution.kind === "retired") {
          const text = departmentFindingText.retired({ number, name, latest });
          findings.push({
            severity: latest ? "error" : "info",
            code: "department.retired",
            message: text.ja,
            messageEn: text.en,
            ...place(field),
            field,
          });
        }
      }
    });
  });
  return findings;
}
