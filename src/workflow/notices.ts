import type { Store } from "../store/types.ts";
import { actorOf } from "./accounts.ts";

/** Marks one's own notices read (ids of someone else's notices change nothing). */
export function markNoticesRead(
  store: Store,
  account: { id: number; organizationId: number; displayName: string },
  ids: readonly number[] | "all",
): Promise<void> {
  return store.transaction({ actor: actorOf(account) }, (tx) => tx.notices.markRead(account.id, ids));
}
