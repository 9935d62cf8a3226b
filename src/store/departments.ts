import type { Scope } from "./scope.ts";
import type { DepartmentReads, DepartmentRecord } from "./types.ts";

/** 課: an organization's departments (関係課 of initiatives; the editor role is bound to them). */
export class Departments implements DepartmentReads {
  constructor(private readonly scope: Scope) {}

  async list(organizationId: number): Promise<DepartmentRecord[]> {
    const rows = await this.scope.db
      .selectFrom("department")
      .select(["id", "organization_id", "name"])
      .where("organization_id", "=", organizationId)
      .orderBy("name")
      .execute();
    return rows.map((row) => ({ id: row.id, organizationId: row.organization_id, name: row.name }));
  }

  /** 関係課 of a plan's initiative, lead first. */
  async ofInitiative(planId: number, initiativeNumber: number): Promise<DepartmentRecord[] | undefined> {
    const initiative = await this.scope.db
      .selectFrom("initiative")
      .select("id")
      .where("plan_id", "=", planId)
      .where("number", "=", initiativeNumber)
      .executeTakeFirst();
    if (!initiative) return undefined;
    const rows = await this.scope.db
      .selectFrom("initiative_department")
      .innerJoin("department", "department.id", "initiative_department.department_id")
      .select(["department.id", "department.organization_id", "department.name"])
      .where("initiative_department.initiative_id", "=", initiative.id)
      .orderBy("initiative_department.position")
      .execute();
    return rows.map((row) => ({ id: row.id, organizationId: row.organization_id, name: row.name }));
  }
}
