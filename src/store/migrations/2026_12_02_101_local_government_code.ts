import type { Kysely, Migration } from "kysely";

/**
 * organization.local_government_code: the organization's 全国地方公共団体コード (six digits with
 * the check digit, e.g. 坂戸市 112399), optional. The open-data CSV writes it first, as the Digital
 * Agency's 自治体標準オープンデータセット do. Checked in src/domain/local-government-code.ts before
 * it is stored.
 *
 * Never edit this file once it has landed: add a new migration instead.
 */
export function localGovernmentCodeMigration(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable("organization").addColumn("local_government_code", "text").execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.alterTable("organization").dropColumn("local_government_code").execute();
    },
  };
}
