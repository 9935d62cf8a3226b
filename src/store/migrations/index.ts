import type { Migration, MigrationProvider } from "kysely";
import type { StoreDialect } from "../dialect.ts";
import { initialMigration } from "./2026_11_25_001_initial.ts";
import { storeRevisionMigration } from "./2026_11_25_002_store_revision.ts";
import { roundListingMigration } from "./2026_11_25_003_round_listing.ts";
import { publicationsMigration } from "./2026_12_02_001_publications.ts";
import { accountsMigration } from "./2026_12_02_002_accounts.ts";
import { roundWorkflowMigration } from "./2026_12_02_003_round_workflow.ts";
import { localGovernmentCodeMigration } from "./2026_12_02_101_local_government_code.ts";
import { gradeScalesMigration } from "./2026_12_02_102_grade_scales.ts";
import { initiativeNumberTextMigration } from "./2026_12_02_201_initiative_number_text.ts";
import { departmentChangesMigration } from "./2026_12_02_202_department_changes.ts";
import { planEditorMigration } from "./2026_12_02_203_plan_editor.ts";
import { importMappingsMigration } from "./2026_12_02_204_import_mappings.ts";
import { retiredSourceMigration } from "./2026_12_02_205_retired_source.ts";

/**
 * Every migration, by name, in a static list: nothing is discovered on the file system, so the list
 * works the same from sources, tests and a bundled build. Names start with the date they landed.
 */
export function migrationsFor(dialect: StoreDialect): Record<string, Migration> {
  return {
    "2026_11_25_001_initial": initialMigration(dialect),
    "2026_11_25_002_store_revision": storeRevisionMigration(),
    "2026_11_25_003_round_listing": roundListingMigration(dialect),
    "2026_12_02_001_publications": publicationsMigration(dialect),
    "2026_12_02_002_accounts": accountsMigration(dialect),
    "2026_12_02_003_round_workflow": roundWorkflowMigration(dialect),
    "2026_12_02_101_local_government_code": localGovernmentCodeMigration(),
    "2026_12_02_102_grade_scales": gradeScalesMigration(dialect),
    "2026_12_02_201_initiative_number_text": initiativeNumberTextMigration(),
    "2026_12_02_202_department_changes": departmentChangesMigration(dialect),
    "2026_12_02_203_plan_editor": planEditorMigration(dialect),
    "2026_12_02_204_import_mappings": importMappingsMigration(dialect),
    "2026_12_02_205_retired_source": retiredSourceMigration(),
  };
}

export function migrationProvider(dialect: StoreDialect): MigrationProvider {
  return { getMigrations: async () => migrationsFor(dialect) };
}
