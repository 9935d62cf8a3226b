import { type Kysely, type Migration, sql } from "kysely";
import type { StoreDialect } from "../dialect.ts";

/**
 * Grade scales of the city's own (plan editor, issue 8).
 *
 * - plan.grade_scale: the plan's grade scale as JSON, [{ code, label }, …] best first (3–6 levels);
 *   NULL is the default A 順調 / B ほぼ順調 / C やや遅れ / D 停滞.
 * - report.grade: no longer limited to A–D by a CHECK (the application checks a grade against its
 *   plan's scale). SQLite cannot drop a CHECK: the table is rebuilt, rows, indexes and triggers kept.
 * - report.not_assessed: 対象外, an initiative not graded this year by decision (grade NULL).
 * - reporting_round.declared_grades: the summary printed in the source (本部会評価) as JSON by code,
 *   in place of the four columns declared_a…declared_d (copied over, then dropped).
 * - publication.grade_scale / grade_counts: the scale and the counts by code of a publication made
 *   from now on (NULL in older ones: the default scale and grade_a…grade_d, which stay written for
 *   A–D). Publications are immutable: the new columns are added, never filled in afterwards.
 *
 * Never edit this file once it has landed: add a new migration instead.
 */
export function gradeScalesMigration(dialect: StoreDialect): Migration {
  return {
    async up(db: Kysely<unknown>) {
      const { json } = dialect.columnTypes;
      await db.schema.alterTable("plan").addColumn("grade_scale", json).execute();

      if (dialect.name === "postgres") {
        const checks = await sql<{ conname: string }>`
          select conname from pg_constraint
          where conrelid = 'report'::regclass and contype = 'c' and pg_get_constraintdef(oid) like '%grade%'
            and pg_get_constraintdef(oid) not like '%self_grade%'`.execute(db);
        for (const { conname } of checks.rows)
          await sql`alter table report drop constraint ${sql.id(conname)}`.execute(db);
      } else {
        await rebuildSqliteTable(db, "report", (create) =>
          create.replace(/\s+check \(grade in \('A', 'B', 'C', 'D'\)\)/i, ""),
        );
      }
      await db.schema
        .alterTable("report")
        .addColumn("not_assessed", "boolean", (c) => c.notNull().defaultTo(sql`false`))
        .execute();

      await db.schema.alterTable("reporting_round").addColumn("declared_grades", json).execute();
      const declared = sql`declared_a is not null and declared_b is not null and declared_c is not null and declared_d is not null`;
      const object =
        dialect.name === "postgres"
          ? sql`jsonb_build_object('A', declared_a, 'B', declared_b, 'C', declared_c, 'D', declared_d)`
          : sql`json_object('A', declared_a, 'B', declared_b, 'C', declared_c, 'D', declared_d)`;
      await sql`update reporting_round set declared_grades = ${object} where ${declared}`.execute(db);
      for (const column of ["declared_a", "declared_b", "declared_c", "declared_d"])
        await db.schema.alterTable("reporting_round").dropColumn(column).execute();

      await db.schema.alterTable("publication").addColumn("grade_scale", json).execute();
      await db.schema.alterTable("publication").addColumn("grade_counts", json).execute();
    },

    async down(db: Kysely<unknown>) {
      await db.schema.alterTable("publication").dropColumn("grade_counts").execute();
      await db.schema.alterTable("publication").dropColumn("grade_scale").execute();
      for (const column of ["declared_a", "declared_b", "declared_c", "declared_d"])
        await db.schema.alterTable("reporting_round").addColumn(column, "integer").execute();
      const read = (code: string) =>
        dialect.name === "postgres"
          ? sql`(declared_grades ->> ${sql.lit(code)})::integer`
          : sql`json_extract(declared_grades, ${sql.lit(`$.${code}`)})`;
      await sql`update reporting_round set declared_a = ${read("A")}, declared_b = ${read("B")},
        declared_c = ${read("C")}, declared_d = ${read("D")} where declared_grades is not null`.execute(db);
      await db.schema.alterTable("reporting_round").dropColumn("declared_grades").execute();
      await db.schema.alterTable("report").dropColumn("not_assessed").execute();
      // Grades outside A–D have no place in the older schema.
      await sql`update report set grade = null where grade not in ('A', 'B', 'C', 'D')`.execute(db);
      if (dialect.name === "postgres") {
        await sql`alter table report add constraint report_grade_check check (grade in ('A', 'B', 'C', 'D'))`.execute(
          db,
        );
      } else {
        await rebuildSqliteTable(db, "report", (create) =>
          create.replace(/"grade" text(?=,)/, `"grade" text check (grade in ('A', 'B', 'C', 'D'))`),
        );
      }
      await db.schema.alterTable("plan").dropColumn("grade_scale").execute();
    },
  };
}

/**
 * SQLite's way to change what ALTER TABLE cannot (https://sqlite.org/lang_altertable.html, "making
 * other kinds of table schema changes"): with foreign keys off, a new table from the edited CREATE
 * statement, the rows copied, the old table dropped and the new one renamed, its indexes and triggers
 * made again, the foreign keys checked — in one transaction, so a failure leaves the table as it was.
 */
async function rebuildSqliteTable(
  db: Kysely<unknown>,
  table: string,
  edit: (createStatement: string) => string,
): Promise<void> {
  const { rows } = await sql<{ type: string; name: string; sql: string | null }>`
    select type, name, sql from sqlite_master where tbl_name = ${table} order by type = 'table' desc`.execute(
    db,
  );
  const create = rows.find((r) => r.type === "table")?.sql;
  if (!create) throw new Error(`table ${table} not found`);
  const edited = edit(create);
  if (edited === create) throw new Error(`the rebuild of ${table} changes nothing`);
  const temporary = `${table}_rebuilt`;
  const createTemporary = edited.replace(/^CREATE TABLE\s+("?)[A-Za-z_]+\1/i, `CREATE TABLE "${temporary}"`);
  const others = rows.filter((r) => r.type !== "table" && r.sql !== null).map((r) => r.sql as string);
  const columns = (await sql<{ name: string }>`select name from pragma_table_info(${table})`.execute(db)).rows
    .map((r) => `"${r.name}"`)
    .join(", ");

  await sql`pragma foreign_keys = off`.execute(db);
  try {
    await sql`begin`.execute(db);
    try {
      await sql.raw(createTemporary).execute(db);
      await sql.raw(`insert into "${temporary}" (${columns}) select ${columns} from "${table}"`).execute(db);
      await sql.raw(`drop table "${table}"`).execute(db);
      await sql.raw(`alter table "${temporary}" rename to "${table}"`).execute(db);
      for (const statement of others) await sql.raw(statement).execute(db);
      const broken = await sql`pragma foreign_key_check`.execute(db);
      if (broken.rows.length > 0) throw new Error(`the rebuild of ${table} breaks foreign keys`);
      await sql`commit`.execute(db);
    } catch (error) {
      await sql`rollback`.execute(db);
      throw error;
    }
  } finally {
    await sql`pragma foreign_keys = on`.execute(db);
  }
}
