import { touchPublicRevision } from "./revision.ts";
import { type Scope, writerOf } from "./scope.ts";
import type { OrganizationRecord, OrganizationWrites } from "./types.ts";

const COLUMNS = ["id", "slug", "name"] as const;

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

  async ensure(input: { slug: string; name: string }): Promise<{
    organization: OrganizationRecord;
    created: boolean;
  }> {
    const writer = writerOf(this.scope);
    const { db } = this.scope;
    const existing = await this.findBySlug(input.slug);
    if (!existing) {
      const { id } = await db
        .insertInto("organization")
        .values({ slug: input.slug, name: input.name })
        .returning("id")
        .executeTakeFirstOrThrow();
      await touchPublicRevision(db, id);
      const organization = { id, slug: input.slug, name: input.name };
      await writer.audit({
        organizationId: id,
        action: "organization.create",
        entity: "organization",
        entityId: id,
        after: { slug: input.slug, name: input.name },
      });
      return { organization, created: true };
    }
    if (existing.name === input.name) return { organization: existing, created: false };
    await db.updateTable("organization").set({ name: input.name }).where("id", "=", existing.id).execute();
    await touchPublicRevision(db, existing.id);
    await writer.audit({
      organizationId: existing.id,
      action: "organization.update",
      entity: "organization",
      entityId: existing.id,
      before: { name: existing.name },
      after: { name: input.name },
    });
    return { organization: { ...existing, name: input.name }, created: false };
  }
}
