import type { Kysely, Migration } from "kysely";

/**
 * initiative.number_text: the No. as the city writes it ("1-2", "(1)-①", "No.R1-1"), when it is not
 * the whole number the initiative is keyed by (`number`, still its address and what 再掲 links name);
 * NULL: the key is what is written (every row stored before). An import recognises an initiative of
 * an earlier year by this written number (src/store/import-plan-document.ts).
 *
 * Never edit this file once it has landed: add a new migration instead.
 */
export function initiativeNumberTextMigration(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable("initiative").addColumn("number_text", "text").execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.alterTable("initiative").dropColumn("number_text").execute();
    },
  };
}
