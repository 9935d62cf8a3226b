import type { OpenAPIHono } from "@hono/zod-openapi";
import type { NoticeRecord, Store } from "../../store/types.ts";
import { markNoticesRead } from "../../workflow/notices.ts";
import { organizationFromPath, type RouteRule, route } from "../auth/rules.ts";
import { formFields, signedIn } from "../auth/signed-in.ts";
import type { AppEnv } from "../env.ts";
import { orgPath, pageContext } from "../page-context.ts";

const SELF: RouteRule = { kind: "signed-in", action: "self.manage", organization: organizationFromPath };

/** How many notices the home page shows (the unread ones first come from the newest). */
export const HOME_NOTICES = 20;

/** The notices one account's home page shows. */
export function homeNotices(store: Store, accountId: number): Promise<NoticeRecord[]> {
  return store.notices.list(accountId, { limit: HOME_NOTICES });
}

export function noticesReadAction(slug: string): string {
  return `${orgPath(slug)}/manage/notices/read`;
}

/** Mark-as-read: one notice (`id`) or all of them (`all`), then back to the home page. */
export function registerNoticePages(app: OpenAPIHono<AppEnv>): void {
  route(app, "post", "/o/:org/manage/notices/read", SELF, async (c) => {
    const { account, organization } = signedIn(c);
    const form = await formFields(c);
    const all = form.text("all") === "1";
    const id = Number(form.text("id"));
    // A form naming no notice marks nothing and goes back, like a second click on a read one.
    if (all || (Number.isSafeInteger(id) && id > 0))
      await markNoticesRead(c.get("store"), account, all ? "all" : [id]);
    return c.redirect(`${pageContext(c).ui.href(`${orgPath(organization.slug)}/manage`)}#notices`, 303);
  });
}
