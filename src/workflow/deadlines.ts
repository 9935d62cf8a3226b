import { addDays, DEADLINE_NOTICE_DAYS, daysBetween, japanDate } from "../domain/deadline.ts";
import type { Store } from "../store/types.ts";

/**
 * 提出期限の3日前のお知らせ: for every round open for entry whose deadline is at most
 * DEADLINE_NOTICE_DAYS days away (Japan's calendar), each department editor who still owes reports
 * hears how many, and each secretariat account hears the total. Idempotent: an account gets this
 * notice once per round, however often this runs (the server runs it at start and every hour) and
 * even when two servers run it at once (the write transaction takes the store's write lock, and
 * who was told is read again inside it). Costs a few reads and no write when nothing is due.
 *
 * Returns the number of notices written.
 */
export async function announceDeadlines(store: Store, now: Date): Promise<number> {
  const today = japanDate(now);
  const rounds = await store.notices.roundsWithDeadline(today, addDays(today, DEADLINE_NOTICE_DAYS));
  let written = 0;
  for (const round of rounds) {
    const due = await recipients(store, round);
    if (due.length === 0) continue;
    written += await store.transaction(
      { actor: { kind: "system", name: "deadline notices" } },
      async (tx) => {
        const fresh = await recipients(tx, round);
        await tx.notices.notify(
          fresh.map((r) => ({
            organizationId: round.organizationId,
            accountId: r.accountId,
            kind: "deadlineNear" as const,
            roundId: round.roundId,
            params: {
              fiscalYear: round.fiscalYear,
              deadline: round.entryDeadline,
              days: daysBetween(today, round.entryDeadline),
              outstanding: r.outstanding,
            },
          })),
        );
        return fresh.length;
      },
    );
  }
  return written;
}

type Reads = Pick<Store, "notices" | "accounts">;

async function recipients(
  reads: Reads,
  round: { roundId: number; organizationId: number },
): Promise<{ accountId: number; outstanding: number }[]> {
  const outstanding = await reads.notices.outstandingReports(round.roundId);
  if (outstanding.length === 0) return [];
  const told = await reads.notices.notifiedAbout(round.roundId, "deadlineNear");
  const accounts = await reads.accounts.list(round.organizationId);
  const due: { accountId: number; outstanding: number }[] = [];
  for (const account of accounts) {
    if (account.disabled || told.has(account.id)) continue;
    if (account.roles.includes("secretariat"))
      due.push({ accountId: account.id, outstanding: outstanding.length });
    else if (account.roles.includes("editor")) {
      const owed = outstanding.filter((r) => r.departmentIds.some((d) => account.departmentIds.includes(d)));
      if (owed.length > 0) due.push({ accountId: account.id, outstanding: owed.length });
    }
  }
  return due;
}
