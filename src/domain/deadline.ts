/**
 * Deadlines (提出期限) are calendar dates in Japan: "in 3 days" counts days in Asia/Tokyo, whatever
 * the server's own time zone.
 */

/** Departments hear about the entry deadline this many days before it (and on the day). */
export const DEADLINE_NOTICE_DAYS = 3;

const JAPAN_DATE = new Intl.DateTimeFormat("sv-SE", {
  timeZone: "Asia/Tokyo",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

/** The ISO date (YYYY-MM-DD) it is in Japan at `now`. */
export function japanDate(now: Date): string {
  return JAPAN_DATE.format(now);
}

/** An ISO date plus a number of days (calendar arithmetic, no time zone involved). */
export function addDays(isoDate: string, days: number): string {
  const [y, m, d] = isoDate.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** Days from one ISO date to another (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
