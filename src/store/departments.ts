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
}
