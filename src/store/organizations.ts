import { localGovernmentCodeProblem } from "../domain/local-government-code.ts";
import { storeErrors } from "./messages.ts";
import { touchPublicRevision } from "./revision.ts";
import { type Scope, writerOf } from "./scope.ts";
import type { OrganizationRecord, OrganizationWrites } from "./types.ts";

const COLUMNS = ["id", "slug", "name", "local_government_code as localGovernmentCode"] as const;

/** 自治体: the tenants. */
export class Organizations implements OrganizationWrites {
  constructor(private readonly scope: Scope) {}

  list(): Promise<OrganizationRecord[]> {
    return this.scope.db.selectFrom("organization").select(COLUMNS).orderBy("slug").execute();
  }

  findBySlug(slug: string): Promise<OrganizationRecord | undefined> {
    return this.scope.db
      .selectFrom("organization")
      .select(COLUMNS)
      .where("slug", "=", slug)
      .executeTakeFirst();
  }

  find(id: number): Promise<OrganizationRecord | undefined> {
    return this.scope.db.selectFrom("organization").select(COLUMNS).where("id", "=", id).executeTakeFirst();
  }

  async ensure(input: { slug: string; name: string; localGovernmentCode?: string }): Promise<{
    organization: OrganizationRecord;
    created: boolean;
  }> {
    const writer = writerOf(this.scope);
    const { db } = this.scope;
    const code = input.localGovernmentCode;
    const problem = code === undefined ? undefined : localGovernmentCodeProblem(code);
    if (problem) throw storeErrors.documentInvalid(problem.ja);
    const existing = await this.findBySlug(input.slug);
    if (!existing) {
      const { id } = await db
        .insertInto("organization")
        .values({ slug: input.slug, name: input.name, local_government_code: code ?? null })
        .returning("id")
        .executeTakeFirstOrThrow();
      await touchPublicRevision(db, id);
      const organization = { id, slug: input.slug, name: input.name, localGovernmentCode: code ?? null };
      await writer.audit({
        organizationId: id,
        action: "organization.create",
        entity: "organization",
        entityId: id,
        after: { slug: input.slug, name: input.name, ...(code ? { localGovernmentCode: code } : {}) },
      });
      return { organization, created: true };
    }
    // A code is set when given; an import without one leaves the stored code as it is.
    const changes = {
      ...(existing.name !== input.name ? { name: input.name } : {}),
      ...(code !== undefined && existing.localGovernmentCode !== code ? { localGovernmentCode: code } : {}),
    };
    if (Object.keys(changes).length === 0) return { organization: existing, created: false };
    await db
      .updateTable("organization")
      .set({
        ...(changes.name !== undefined ? { name: changes.name } : {}),
        ...(changes.localGovernmentCode !== undefined
          ? { local_government_code: changes.localGovernmentCode }
          : {}),
      })
      .where("id", "=", existing.id)
      .execute();
    await touchPublicRevision(db, existing.id);
    await writer.audit({
      organizationId: existing.id,
      action: "organization.update",
      entity: "organization",
      entityId: existing.id,
      before: Object.fromEntries(Object.keys(changes).map((k) => [k, existing[k as keyof typeof changes]])),
      after: changes,
    });
    return { organization: { ...existing, ...changes }, created: false };
  }
}
