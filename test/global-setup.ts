/** Runs once before the whole suite. */
export default function setup(): void {
  if (!process.env.TEST_DATABASE_URL) {
    console.log(
      "PostgreSQL tests skipped: set TEST_DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/test)",
    );
  }
}
