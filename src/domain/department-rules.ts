import type { Problem } from "./account-rules.ts";

/**
 * What a department's name must be, and how a 関係課 list (lead first) changes when a department is
 * renamed, merged into another or retired. Pure: the store applies these to the lists it holds.
 */

export const DEPARTMENT_NAME_MAX = 100;

export type DepartmentField = "name" | "into" | "successor";

/** The name as stored: trimmed, inner runs of white space (full-width too) as one space. */
export function cleanDepartmentName(name: string): string {
  return name.replace(/[\s\u3000]+/g, " ").trim();
}

export function departmentNameProblems(
  name: string,
  field: DepartmentField = "name",
): Problem<DepartmentField>[] {
  const clean = cleanDepartmentName(name);
  if (clean === "") return [{ field, key: "departments.missingName" }];
  if ([...clean].length > DEPARTMENT_NAME_MAX)
    return [{ field, key: "departments.nameTooLong", params: { max: DEPARTMENT_NAME_MAX } }];
  // Control characters (NUL included) and half surrogate pairs cannot be printed or stored alike.
  if (hasUnprintable(clean)) return [{ field, key: "departments.badCharacters" }];
  return [];
}

function hasUnprintable(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return true;
      i++;
    } else if (code >= 0xdc00 && code <= 0xdfff) return true;
  }
  return false;
}

/**
 * A 関係課 list with `from` replaced by `to` (a merge into `to`, or a rename when `to` is the new
 * name): `to` takes the place of whichever of the two came first, so a merged lead stays the lead,
 * and appears once.
 */
export function replaceDepartment<T>(list: readonly T[], from: T, to: T): T[] {
  const out: T[] = [];
  for (const item of list) {
    const next = item === from ? to : item;
    if (!out.includes(next)) out.push(next);
  }
  return out;
}

/** A 関係課 list without `gone` (a retired department); the next one leads. */
export function withoutDepartment<T>(list: readonly T[], gone: T): T[] {
  return list.filter((item) => item !== gone);
}

export function sameList<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((item, index) => item === b[index]);
}
