import { createHmac } from "node:crypto";
import { z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { getCookie } from "hono/cookie";
import { formatJapaneseDate } from "../../../domain/era.ts";
import { can } from "../../../domain/permissions.ts";
import type { UploadedWorkbook, WorkbookProblem } from "../../../io/entry-workbook/model.ts";
import { readEntryWorkbook } from "../../../io/entry-workbook/read.ts";
import { japanDate } from "../../../io/entry-workbook/write.ts";
import { contentDisposition, contentType, exportFileName } from "../../../io/export/file-name.ts";
import { sameSecret } from "../../../security/tokens.ts";
import { ConflictError } from "../../../store/types.ts";
import { actorOf } from "../../../workflow/accounts.ts";
import {
  applyWorkbookUpload,
  checkWorkbookIdentity,
  checkWorkbookUpload,
  departmentsOfRound,
  entryWorkbookModel,
  WorkbookRefused,
  type WorkbookScope,
} from "../../../workflow/entry-workbook.ts";
import { WorkflowRefusal } from "../../../workflow/refusal.ts";
import { organizationFromPath, type RouteRule, route } from "../../auth/rules.ts";
import { sessionCookieName } from "../../auth/session.ts";
import { signedIn } from "../../auth/signed-in.ts";
import type { AppEnv } from "../../env.ts";
import { AppError } from "../../errors.ts";
import { renderPage } from "../../html.ts";
import { pageContext } from "../../page-context.ts";
import { parseOrThrow, planIdSchema } from "../../params.ts";
import type { FieldError } from "../../views/form/errors.ts";
import { READ_DRAFTS } from "../manage/pages.tsx";
import { roundParams } from "../plans/schema.ts";
import { wt } from "./text.ts";
import { problemText, WorkbookPage, WorkbookPreviewPage, workbookBase } from "./views.tsx";

/**
 * Excel in and out (issue 11): a department's entry workbook (入力票) to download, the upload that
 * reads it back, shows what would change field by field and applies it on confirmation as that
 * department's entry; and the draft table for the committee as PDF and xlsx marked 「案」 with the
 * date it was printed. Everything here is signed-in only, so never kept by the page cache (the guard
 * marks every answer private, no-store).
 *
 * Between the preview and the confirmation the workbook is not kept anywhere on the server: the
 * preview's form carries what was read (the identity and the cells' values, as JSON) with an HMAC
 * keyed by the session's own token, which only the server and that browser's cookie hold. The
 * confirmation verifies it — a form made for another session, or altered, is refused — and then
 * checks everything again inside the transaction that applies it (rights, round, versions), so a
 * preview that has gone stale is refused, never applied.
 */

/** Who may use the workbook pages: whoever may edit some department's reports (secretariat, editors). */
const EDIT_SOME_REPORT: RouteRule = {
  kind: "signed-in",
  action: "report.edit",
  organization: organizationFromPath,
  target: async (c, organization) => ({
    organizationId: organization.id,
    departmentIds: (await c.get("store").departments.list(organization.id)).map((d) => d.id),
  }),
};

/** A department's workbook: its editors and the secretariat; another organization's department is not found. */
const EDIT_DEPARTMENT: RouteRule = {
  kind: "signed-in",
  action: "report.edit",
  organization: organizationFromPath,
  target: async (c, organization) => {
    const id = planIdSchema.safeParse(c.req.param("id"));
    if (!id.success) return undefined;
    const department = (await c.get("store").departments.list(organization.id)).find((d) => d.id === id.data);
    return department && { organizationId: organization.id, departmentIds: [department.id] };
  },
};

const doneQuery = z.object({
  done: z.preprocess(
    (v) => (typeof v === "string" && !/^[0-9]{1,6}$/.test(v) ? Number.NaN : v),
    z.coerce.number().int().min(0).max(999_999).optional(),
  ),
});

/** The preview's form is refused beyond this (a department's workbook is far smaller). */
const MAX_PAYLOAD_CHARS = 4_000_000;

async function roundOf(c: Context<AppEnv>) {
  const { organization } = signedIn(c);
  const params = parseOrThrow(roundParams, c.req.param(), "path");
  const store = c.get("store");
  const plan = await store.plans.find(params.planId);
  if (!plan || plan.organizationId !== organization.id)
    throw new AppError("plan.not-found", { planId: String(params.planId) });
  const round = await store.rounds.find(plan.id, params.fy);
  if (!round) throw new AppError("round.not-found", { fiscalYear: String(params.fy) });
  const scope: WorkbookScope = {
    organizationId: organization.id,
    organizationName: organization.name,
    planId: plan.id,
    fiscalYear: round.fiscalYear,
  };
  return { plan, round, scope };
}

function commonProps(c: Context<AppEnv>) {
  const { organization, account, auth } = signedIn(c);
  return {
    ...pageContext(c),
    organization,
    account,
    csrfToken: auth.kind === "session" ? auth.csrfToken : undefined,
  };
}

async function showWorkbookPage(
  c: Context<AppEnv>,
  /** Findings about the workbook's cells, or a message about the form itself. */
  problems: (WorkbookProblem | string)[] | "missing-file" = [],
  notice?: string,
) {
  const { principal, organization } = signedIn(c);
  const { plan, round, scope } = await roundOf(c);
  const all = await departmentsOfRound(c.get("store"), scope);
  const departments = all.filter((d) =>
    can(principal, "report.edit", { organizationId: organization.id, departmentIds: [d.id] }),
  );
  const ui = pageContext(c).ui;
  const errors: FieldError[] =
    problems === "missing-file"
      ? [{ field: "file", message: wt(ui, "missingFile") }]
      : problems.map((p) => ({ field: "file", message: typeof p === "string" ? p : problemText(p) }));
  return renderPage(
    c,
    <WorkbookPage
      {...commonProps(c)}
      plan={plan}
      round={round}
      departments={departments}
      errors={errors}
      {...(notice ? { notice } : {})}
    />,
    errors.length > 0 ? 400 : 200,
  );
}

/** The key the preview's form is signed with: the session token itself (HttpOnly cookie). */
function signature(c: Context<AppEnv>, payload: string): string {
  const token = getCookie(c, sessionCookieName(c)) ?? "";
  const { organization } = signedIn(c);
  return createHmac("sha256", token)
    .update(`shinchoku entry workbook\n${organization.id}\n${c.req.path.replace(/\/apply$|\/upload$/, "")}\n`)
    .update(payload)
    .digest("base64url");
}

function parsePayload(payload: string): UploadedWorkbook | undefined {
  try {
    const value = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as UploadedWorkbook;
    return value && typeof value === "object" && Array.isArray(value.fields) && value.identity
      ? value
      : undefined;
  } catch {
    return undefined;
  }
}

function printedMark(c: Context<AppEnv>): string {
  return `案（${formatJapaneseDate(japanDate(c.get("security").now()))}印刷）`;
}

export function registerWorkbookPages(app: Parameters<typeof route>[0]): void {
  const base = "/o/:org/manage/plans/:planId/:fy";

  route(app, "get", `${base}/workbook`, EDIT_SOME_REPORT, { query: doneQuery }, async (c) => {
    const done = parseOrThrow(doneQuery, c.req.query(), "query").done;
    const ui = pageContext(c).ui;
    const notice =
      done === undefined
        ? undefined
        : done === 0
          ? wt(ui, "appliedNone")
          : wt(ui, "applied", { count: done });
    return showWorkbookPage(c, [], notice);
  });

  route(app, "get", `${base}/workbook/:id/entry.xlsx`, EDIT_DEPARTMENT, async (c) => {
    const { scope } = await roundOf(c);
    const departmentId = Number(c.req.param("id"));
    const now = c.get("security").now();
    const model = await entryWorkbookModel(c.get("store"), scope, departmentId, now);
    if (!model || model.initiatives.length === 0) throw new AppError("page.not-found", { path: c.req.path });
    const rendered = await c.get("renderPool").render({ format: "entry-workbook", model });
    const { identity } = model;
    const name = `入力票_${identity.departmentName}_${exportFileName(
      {
        plan: { title: identity.planTitle, startFiscalYear: 0, endFiscalYear: 0 },
        round: { fiscalYear: identity.fiscalYear, asOf: model.asOf },
      },
      "xlsx",
    )}`;
    return c.body(rendered.body, 200, {
      "Content-Type": contentType("xlsx"),
      "Content-Disposition": contentDisposition(
        name,
        `entry-plan-${identity.planId}-fy${identity.fiscalYear}-department-${identity.departmentId}.xlsx`,
      ),
    });
  });

  route(app, "post", `${base}/workbook/upload`, EDIT_SOME_REPORT, async (c) => {
    const { principal } = signedIn(c);
    const { plan, round, scope } = await roundOf(c);
    const body = await c.req.parseBody();
    const file = body.file;
    if (!(file instanceof File) || file.size === 0) return showWorkbookPage(c, "missing-file");
    // The own view takes the codes of the plan's scale.
    const read = await readEntryWorkbook(new Uint8Array(await file.arrayBuffer()), {
      gradeScale: plan.gradeScale,
    });
    if (!read.ok) {
      // Another plan's (or round's, or department's) workbook is said to be so first: its cells are
      // read against this plan's scale, and their problems would hide what is really wrong.
      const identity =
        read.identity && (await checkWorkbookIdentity(c.get("store"), principal, scope, read.identity));
      return showWorkbookPage(c, identity && !identity.ok ? identity.problems : read.problems);
    }
    const check = await checkWorkbookUpload(c.get("store"), principal, scope, read.workbook);
    if (!check.ok) return showWorkbookPage(c, check.problems);
    const payload = Buffer.from(JSON.stringify(read.workbook), "utf8").toString("base64url");
    return renderPage(
      c,
      <WorkbookPreviewPage
        {...commonProps(c)}
        plan={plan}
        round={round}
        preview={check.preview}
        payload={payload}
        signature={signature(c, payload)}
      />,
    );
  });

  route(app, "post", `${base}/workbook/apply`, EDIT_SOME_REPORT, async (c) => {
    const { account, principal, organization } = signedIn(c);
    const { scope } = await roundOf(c);
    const ui = pageContext(c).ui;
    const body = await c.req.parseBody();
    const payload = typeof body.payload === "string" ? body.payload : "";
    const sent = typeof body.signature === "string" ? body.signature : "";
    const upload =
      payload.length <= MAX_PAYLOAD_CHARS && sent !== "" && sameSecret(sent, signature(c, payload))
        ? parsePayload(payload)
        : undefined;
    if (!upload) return showWorkbookPage(c, [wt(ui, "staleForm")]);
    try {
      const applied = await applyWorkbookUpload(
        c.get("store"),
        { actor: actorOf(account), principal },
        scope,
        upload,
      );
      return c.redirect(
        ui.href(`${workbookBase(organization.slug, scope.planId, scope.fiscalYear)}/workbook`, {
          done: String(applied.reports.length),
        }),
        303,
      );
    } catch (error) {
      if (error instanceof WorkbookRefused) return showWorkbookPage(c, error.problems);
      if (error instanceof ConflictError) return showWorkbookPage(c, [wt(ui, "conflict")]);
      if (error instanceof WorkflowRefusal) return showWorkbookPage(c, [wt(ui, "refused")]);
      throw error;
    }
  });

  for (const format of ["pdf", "xlsx"] as const) {
    route(app, "get", `${base}/table.${format}`, READ_DRAFTS, async (c) => {
      const { round } = await roundOf(c);
      const snapshot = await c.get("store").rounds.snapshot(round.id);
      if (!snapshot) throw new AppError("round.not-found", { fiscalYear: String(round.fiscalYear) });
      const now = c.get("security").now();
      const document = snapshot.document;
      const rendered = await c.get("renderPool").render({
        format,
        document,
        encoding: "utf-8",
        created: now.toISOString(),
        draftMark: printedMark(c),
      });
      return c.body(rendered.body, 200, {
        "Content-Type": contentType(format),
        "Content-Disposition": contentDisposition(
          `案_${exportFileName(document, format)}`,
          `draft-plan-${round.planId}-fy${round.fiscalYear}.${format}`,
        ),
      });
    });
  }
}
