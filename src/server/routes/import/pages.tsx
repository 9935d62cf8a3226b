import { z } from "@hono/zod-openapi";
import type { Context, MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { hasErrors } from "../../../domain/diagnostic.ts";
import { importFile } from "../../../io/import-file.ts";
import { DEFAULT_LIMITS, type ImportLimits } from "../../../io/limits.ts";
import { planOfTitleRow } from "../../../io/mapping/apply.ts";
import { yearColumns } from "../../../io/mapping/header-years.ts";
import { previewImport } from "../../../io/mapping/preview.ts";
import { readFiscalYear } from "../../../io/mapping/read-rows.ts";
import { type ColumnMapping, parseMapping } from "../../../io/mapping/schema.ts";
import type { SheetRow } from "../../../io/mapping/sheet.ts";
import { readSheetPreview } from "../../../io/sheet-rows.ts";
import { ConflictError, StoreError } from "../../../store/types.ts";
import { actorOf } from "../../../workflow/accounts.ts";
import { saveImportMapping } from "../../../workflow/import-mapping.ts";
import {
  compareWithStored,
  departmentFindingsOf,
  planGradeFindingsOf,
} from "../../../workflow/import-preview.ts";
import { importRound } from "../../../workflow/import-round.ts";
import { organizationFromPath, type RouteRule, route } from "../../auth/rules.ts";
import { formFields, signedIn } from "../../auth/signed-in.ts";
import type { AppEnv } from "../../env.ts";
import { renderPage } from "../../html.ts";
import { pageContext } from "../../page-context.ts";
import type { FieldError } from "../../views/form/errors.ts";
import { guessColumns } from "./column-guess.ts";
import {
  emptyFormValues,
  formValuesOf,
  type GradeTarget,
  gradeWords,
  guessHeaderRows,
  headerEraContext,
  type MappingFormValues,
  mappingFromForm,
  NEW_PLAN_GRADES,
  readMappingForm,
} from "./mapping-form.ts";
import { type PendingUpload, PendingUploads } from "./pending.ts";
import { findingText, imt } from "./text.ts";
import { ImportPreviewPage, ImportStartPage, importBase, MappingPage, TooLargePage } from "./views.tsx";

/**
 * 取込 in the browser (issue 8): the secretariat uploads a table, sees what was read, every finding
 * with its line or cell, and what would change against what is stored, then confirms. The file is
 * kept on the server between the preview and the confirmation (pending.ts); the confirmation form
 * carries its id and the fingerprint of what the preview compared against, and the import itself is
 * the command line's (`importRound`): one transaction, audited, refused when what is stored there
 * changed since the preview, and a published round is replaced only as a new revision when asked.
 * Another city's xlsx or CSV goes through the column-mapping builder first (mapping-form.ts).
 */

/** Only the secretariat imports: it manages the organization's plans. */
const MANAGE_PLANS: RouteRule = {
  kind: "signed-in",
  action: "plan.manage",
  organization: organizationFromPath,
};

const positive = z.preprocess(
  (v) => (typeof v === "string" && !/^[0-9]{1,7}$/.test(v) ? Number.NaN : v),
  z.coerce.number().int().min(1).max(9_999_999).optional(),
);
const doneQuery = z.object({
  plan: positive,
  fy: positive,
  revision: positive,
  /** Sent back here from a pending upload that has gone (expired, or imported already). */
  expired: z.enum(["1"]).optional(),
});

/** The multipart envelope around the file (boundaries, the CSRF field, the file's headers). */
const FORM_OVERHEAD = 64 * 1024;

/** The import limits of an upload: the command line's, with the file size of the server's setting. */
function uploadLimits(c: Context<AppEnv>): ImportLimits {
  return { ...DEFAULT_LIMITS, fileBytes: c.get("security").uploadMaxBytes };
}

function formatMegabytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return `${Number.isInteger(mb) ? mb : mb.toFixed(1)} MB`;
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

/** A refusal before the guard has run (the body is refused unread): a page of its own, 413. */
async function tooLarge(c: Context<AppEnv>) {
  const res = await renderPage(
    c,
    <TooLargePage {...pageContext(c)} max={formatMegabytes(c.get("security").uploadMaxBytes)} />,
  );
  return new Response(res.body, { status: 413, headers: res.headers });
}

/**
 * A body over the limit is refused before it is read: by its Content-Length at once, or while it
 * streams in (the CSRF check in the guard reads the form, so this runs before it).
 */
const limitBody: MiddlewareHandler<AppEnv> = (c, next) =>
  bodyLimit({ maxSize: c.get("security").uploadMaxBytes + FORM_OVERHEAD, onError: tooLarge })(c, next);

function showStart(c: Context<AppEnv>, errors: FieldError[] = [], status: 200 | 400 | 409 = 200) {
  const done = doneQuery.safeParse(c.req.method === "GET" ? c.req.query() : {});
  if (done.success && done.data.expired && errors.length === 0)
    return showStart(c, [{ field: "file", message: imt(pageContext(c).ui, "expired") }], 400);
  const notice =
    done.success && done.data.plan && done.data.fy && done.data.revision
      ? { planId: done.data.plan, fiscalYear: done.data.fy, revision: done.data.revision }
      : undefined;
  return renderPage(
    c,
    <ImportStartPage
      {...commonProps(c)}
      errors={errors}
      max={formatMegabytes(c.get("security").uploadMaxBytes)}
      {...(notice ? { done: notice } : {})}
    />,
    errors.length > 0 ? status : 200,
  );
}

/** The pending upload named by the path, when it is this account's and has not expired. */
async function pendingOf(c: Context<AppEnv>, uploads: PendingUploads) {
  const { organization, account } = signedIn(c);
  return uploads.get(
    c.req.param("id") ?? "",
    { organizationId: organization.id, accountId: account.id },
    c.get("security").now(),
  );
}

/**
 * A pending upload that is not there (expired, imported already, or never this account's): a form
 * post is answered with the start page and the reason; a page is sent there (so a reload of an old
 * preview lands on the upload form).
 */
function expired(c: Context<AppEnv>) {
  const { ui } = pageContext(c);
  if (c.req.method === "GET")
    return c.redirect(ui.href(importBase(signedIn(c).organization.slug), { expired: "1" }), 303);
  return showStart(c, [{ field: "file", message: imt(ui, "expired") }], 400);
}

function spreadsheetFormat(fileName: string, bytes: Uint8Array): "csv" | "xlsx" | undefined {
  if (/\.csv$/i.test(fileName)) return "csv";
  if (/\.xls[xm]$/i.test(fileName) || (bytes[0] === 0x50 && bytes[1] === 0x4b)) return "xlsx";
  return undefined;
}

function mappingOf(record: PendingUpload): ColumnMapping | undefined {
  if (record.mapping === undefined) return undefined;
  return parseMapping(record.mapping).mapping ?? undefined;
}

/** Reads the file (through its mapping, when it has one) and compares it with what is stored. */
async function readUpload(c: Context<AppEnv>, record: PendingUpload, bytes: Uint8Array) {
  const { organization } = signedIn(c);
  const mapping = mappingOf(record);
  const result = await importFile(bytes, {
    fileName: record.fileName,
    organizationName: organization.name,
    limits: uploadLimits(c),
    // Every mapping of a browser upload was made in the builder: findings about it point back there.
    ...(mapping ? { mapping, mappingOrigin: "builder" as const } : {}),
  });
  // 関係課 the organization merged or retired since: information, or an error in the latest year.
  if (result.document) {
    const places = result.places;
    const place = (field: string) => places?.[field];
    const findings = [
      ...(await departmentFindingsOf(c.get("store"), organization.id, result.document, place)),
      // The plan's scale and 対象外 are its settings': the file's grades must fit them.
      ...(await planGradeFindingsOf(c.get("store"), organization.id, result.document, place)),
    ];
    if (findings.length > 0) result.diagnostics = [...result.diagnostics, ...findings];
  }
  const needsMapping =
    !mapping &&
    result.document === null &&
    result.diagnostics.some((d) => d.code === "mapping.required" || d.code === "sheet.layout-unknown");
  const comparison =
    result.document && !hasErrors(result.diagnostics)
      ? await compareWithStored(c.get("store"), organization.id, result.document)
      : undefined;
  return { result, mapping, needsMapping, comparison };
}

async function showPreview(
  c: Context<AppEnv>,
  record: PendingUpload,
  bytes: Uint8Array,
  errors: FieldError[] = [],
  answers: { replace?: boolean; allowRemovals?: boolean } = {},
  status: 200 | 400 | 409 = 200,
) {
  const { ui } = pageContext(c);
  const { result, mapping, needsMapping, comparison } = await readUpload(c, record, bytes);
  if (needsMapping)
    return c.redirect(ui.href(`${importBase(signedIn(c).organization.slug)}/${record.id}/mapping`), 303);
  return renderPage(
    c,
    <ImportPreviewPage
      {...commonProps(c)}
      record={record}
      document={result.document}
      preview={previewImport(result)}
      findings={result.diagnostics.map((d) => ({ diagnostic: d, text: findingText(ui, d) }))}
      comparison={comparison}
      mapped={mapping !== undefined || spreadsheetFormat(record.fileName, bytes) !== undefined}
      hasMapping={mapping !== undefined}
      errors={errors}
      answers={answers}
    />,
    errors.length > 0 ? status : 200,
  );
}

/** The mapping the organization saved last time, when it still reads. */
async function savedMapping(c: Context<AppEnv>): Promise<ColumnMapping | undefined> {
  const saved = await c.get("store").importMappings.find(signedIn(c).organization.id);
  return saved ? (parseMapping(saved.mapping).mapping ?? undefined) : undefined;
}

/**
 * The plan the mapping imports into, as the import finds it (the organization's plan of that title
 * and period: the form's, or else the file's title row above the header, as importWithMapping reads
 * it), and so the grades its words are mapped to; a new plan's when there is none or neither names
 * one yet.
 */
async function gradeTarget(
  c: Context<AppEnv>,
  values: MappingFormValues,
  rows: readonly SheetRow[],
): Promise<GradeTarget> {
  const named = values.plan.title !== "" || values.plan.start !== "" || values.plan.end !== "";
  const titleRow = named ? undefined : planOfTitleRow(rows, Number(values.headerRows) || 0);
  const title = titleRow?.title ?? values.plan.title;
  const startYear = titleRow?.startFiscalYear ?? readFiscalYear(values.plan.start);
  const endYear = titleRow?.endFiscalYear ?? readFiscalYear(values.plan.end);
  if (title === "" || startYear === undefined || endYear === undefined) return NEW_PLAN_GRADES;
  const store = c.get("store");
  const planId = await store.planStructures.findByIdentity(
    signedIn(c).organization.id,
    title,
    startYear,
    endYear,
  );
  const plan = planId === undefined ? undefined : await store.plans.find(planId);
  if (!plan) return NEW_PLAN_GRADES;
  return {
    plan: { id: plan.id, title: plan.title },
    scale: plan.gradeScale,
    notAssessedAllowed: plan.notAssessedAllowed,
  };
}

async function showMapping(
  c: Context<AppEnv>,
  record: PendingUpload,
  bytes: Uint8Array,
  values: MappingFormValues | undefined,
  errors: FieldError[] = [],
) {
  const { ui } = pageContext(c);
  const format = spreadsheetFormat(record.fileName, bytes) ?? "csv";
  const saved = values === undefined ? (mappingOf(record) ?? (await savedMapping(c))) : undefined;
  let shown = values ?? (saved ? formValuesOf(saved) : emptyFormValues());
  const sheet = await readSheetPreview(bytes, format, {
    limits: uploadLimits(c),
    ...(shown.sheet !== "" ? { sheet: shown.sheet } : {}),
  });
  if (shown.headerRows === "") shown = { ...shown, headerRows: String(guessHeaderRows(sheet.rows)) };
  // A file with no mapping yet: each field starts at the column its header suggests.
  if (values === undefined && saved === undefined)
    shown = { ...shown, columns: guessColumns(sheet.rows, Number(shown.headerRows) || 0) };
  const words = gradeWords(sheet.rows, Number(shown.headerRows) || 0, shown.columns.grade);
  const fileErrors = sheet.diagnostics
    .filter((d) => d.severity === "error")
    .map((d) => ({ field: "rows", message: findingText(ui, d) }));
  return renderPage(
    c,
    <MappingPage
      {...commonProps(c)}
      record={record}
      format={format}
      sheet={sheet}
      values={shown}
      years={yearColumns(sheet.rows, Number(shown.headerRows) || 0, headerEraContext(shown))}
      words={words}
      target={await gradeTarget(c, shown, sheet.rows)}
      fromSaved={saved !== undefined}
      guessed={values === undefined && saved === undefined && Object.keys(shown.columns).length > 0}
      errors={[...fileErrors, ...errors]}
    />,
    errors.length + fileErrors.length > 0 ? 400 : 200,
  );
}

export function registerImportPages(app: Parameters<typeof route>[0], uploads = new PendingUploads()): void {
  const base = "/o/:org/manage/import";

  route(app, "get", base, MANAGE_PLANS, { query: doneQuery }, (c) => showStart(c));

  app.use(base, limitBody);
  route(app, "post", base, MANAGE_PLANS, async (c) => {
    const { organization, account } = signedIn(c);
    const { ui } = pageContext(c);
    const body = await c.req.parseBody();
    const file = body.file;
    if (!(file instanceof File) || file.size === 0)
      return showStart(c, [{ field: "file", message: imt(ui, "missingFile") }], 400);
    const max = c.get("security").uploadMaxBytes;
    if (file.size > max) return tooLarge(c);
    const bytes = new Uint8Array(await file.arrayBuffer());
    const record = await uploads.put(
      { organizationId: organization.id, accountId: account.id, fileName: file.name || "upload", bytes },
      c.get("security").now(),
    );
    return c.redirect(ui.href(`${importBase(organization.slug)}/${record.id}`), 303);
  });

  route(app, "get", `${base}/:id`, MANAGE_PLANS, async (c) => {
    const pending = await pendingOf(c, uploads);
    if (!pending) return expired(c);
    return showPreview(c, pending.record, pending.bytes);
  });

  route(app, "post", `${base}/:id`, MANAGE_PLANS, async (c) => {
    const { organization, account } = signedIn(c);
    const { ui } = pageContext(c);
    const pending = await pendingOf(c, uploads);
    if (!pending) return expired(c);
    const form = await formFields(c);
    const answers = {
      replace: form.text("replace") === "yes",
      allowRemovals: form.text("allowRemovals") === "yes",
    };
    const { result, comparison } = await readUpload(c, pending.record, pending.bytes);
    const refuse = (errors: FieldError[], status: 400 | 409 = 400) =>
      showPreview(c, pending.record, pending.bytes, errors, answers, status);
    if (!result.document || hasErrors(result.diagnostics) || !comparison)
      return refuse([{ field: "findings", message: imt(ui, "previewFailed") }]);
    const expected = form.text("fingerprint");
    if (expected !== comparison.fingerprint)
      return refuse([{ field: "compare", message: imt(ui, "stale") }], 409);
    if (comparison.stored && !answers.replace)
      return refuse([{ field: "replace", message: imt(ui, "replaceRequired") }], 409);
    const removals = comparison.removals.initiatives.length + comparison.removals.kpis.length;
    if (removals > 0 && !answers.allowRemovals)
      return refuse([{ field: "allowRemovals", message: imt(ui, "removalsRequired") }]);
    try {
      const outcome = await importRound(c.get("store"), actorOf(account), {
        document: result.document,
        organization: { slug: organization.slug, name: organization.name },
        replace: comparison.stored !== undefined,
        expectedStored: expected,
      });
      await uploads.remove(pending.record.id);
      return c.redirect(
        ui.href(importBase(organization.slug), {
          plan: String(outcome.planId),
          fy: String(outcome.fiscalYear),
          revision: String(outcome.publication.revision),
        }),
        303,
      );
    } catch (error) {
      if (error instanceof ConflictError)
        return refuse([{ field: "compare", message: imt(ui, "stale") }], 409);
      if (error instanceof StoreError)
        return refuse(
          [{ field: "compare", message: imt(ui, "refusedStore", { reason: error.message }) }],
          409,
        );
      throw error;
    }
  });

  route(app, "get", `${base}/:id/mapping`, MANAGE_PLANS, async (c) => {
    const pending = await pendingOf(c, uploads);
    if (!pending) return expired(c);
    return showMapping(c, pending.record, pending.bytes, undefined);
  });

  route(app, "post", `${base}/:id/mapping`, MANAGE_PLANS, async (c) => {
    const { organization } = signedIn(c);
    const { ui } = pageContext(c);
    const pending = await pendingOf(c, uploads);
    if (!pending) return expired(c);
    const form = await formFields(c);
    const values = readMappingForm(form.text, form.list);
    const format = spreadsheetFormat(pending.record.fileName, pending.bytes) ?? "csv";
    const sheet = await readSheetPreview(pending.bytes, format, {
      limits: uploadLimits(c),
      ...(values.sheet !== "" ? { sheet: values.sheet } : {}),
    });
    const words = gradeWords(sheet.rows, Number(values.headerRows) || 0, values.columns.grade);
    const built = mappingFromForm(ui, values, format, words, await gradeTarget(c, values, sheet.rows));
    if (!built.mapping) return showMapping(c, pending.record, pending.bytes, values, built.errors);
    const record = { ...pending.record, mapping: built.mapping };
    await uploads.update(record);
    await saveImportMapping(c.get("store"), actorOf(signedIn(c).account), {
      organizationId: organization.id,
      mapping: built.mapping,
    });
    return c.redirect(ui.href(`${importBase(organization.slug)}/${record.id}`), 303);
  });

  route(app, "get", `${base}/:id/mapping.json`, MANAGE_PLANS, async (c) => {
    const pending = await pendingOf(c, uploads);
    if (!pending) return expired(c);
    const mapping = mappingOf(pending.record);
    if (!mapping) return expired(c);
    return c.body(`${JSON.stringify(pending.record.mapping, null, 2)}\n`, 200, {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="mapping.json"`,
    });
  });
}
