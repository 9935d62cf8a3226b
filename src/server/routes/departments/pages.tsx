import { type OpenAPIHono, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { Problem } from "../../../domain/account-rules.ts";
import type { DepartmentRecord, OpenRoundMention } from "../../../store/types.ts";
import { actorOf } from "../../../workflow/accounts.ts";
import {
  addDepartment,
  departmentChangePreview,
  mergeDepartment,
  renameDepartment,
  restoreDepartment,
  retireDepartment,
} from "../../../workflow/departments.ts";
import { organizationFromPath, type RouteRule, route } from "../../auth/rules.ts";
import { formFields, signedIn } from "../../auth/signed-in.ts";
import type { AppEnv } from "../../env.ts";
import { AppError } from "../../errors.ts";
import { renderPage } from "../../html.ts";
import type { Ui } from "../../i18n.ts";
import { orgPath, pageContext } from "../../page-context.ts";
import { fiscalYearText } from "../../views/dates.tsx";
import type { FieldError } from "../../views/form/errors.ts";
import { departmentsText, isDepartmentsKey } from "./messages.ts";
import { ConfirmPage, DepartmentListPage, DepartmentPage, MergePage, RetirePage } from "./views.tsx";

/** Departments are part of the plan's setup: only the secretariat (plan.manage) changes them. */
const MANAGE_DEPARTMENTS: RouteRule = {
  kind: "signed-in",
  action: "plan.manage",
  organization: organizationFromPath,
};

/** After a change the list says what was done: ?done=added&name=… (nothing is read from it but words). */
const listQuery = z.object({
  done: z.enum(["added", "renamed", "merged", "retired", "restored"]).optional(),
  name: z.string().max(200).optional(),
  into: z.string().max(200).optional(),
});
const mergeQuery = z.object({ into: z.string().max(12).optional() });
const retireQuery = z.object({ successor: z.string().max(12).optional() });

const LIST = "/o/:org/manage/departments";
const ONE = `${LIST}/:id`;

/** The secretariat's pages for its organization's departments (issue 8); every change is a workflow command. */
export function registerDepartmentPages(app: OpenAPIHono<AppEnv>): void {
  route(app, "get", LIST, MANAGE_DEPARTMENTS, { query: listQuery }, async (c) =>
    listPage(c, { name: "" }, [], doneNotice(c)),
  );

  route(app, "post", LIST, MANAGE_DEPARTMENTS, async (c) => {
    const { organization, account } = signedIn(c);
    const name = (await formFields(c)).text("name");
    const outcome = await addDepartment(c.get("store"), actorOf(account), {
      organizationId: organization.id,
      name,
    });
    if (outcome.kind === "saved") return doneRedirect(c, "added", { name: outcome.department.name });
    const errors = outcome.kind === "problems" ? fieldErrorsOf(c, outcome.problems) : [];
    return listPage(c, { name }, errors, undefined, 400);
  });

  route(app, "get", ONE, MANAGE_DEPARTMENTS, async (c) => {
    const department = await targetDepartment(c);
    return departmentPage(c, department, { name: department.name }, []);
  });

  route(app, "post", `${ONE}/rename`, MANAGE_DEPARTMENTS, async (c) => {
    const { organization, account } = signedIn(c);
    const department = await targetDepartment(c);
    const form = await formFields(c);
    const name = form.text("name");
    const outcome = await renameDepartment(c.get("store"), actorOf(account), {
      organizationId: organization.id,
      departmentId: department.id,
      expectedVersion: versionOf(form.text("version")),
      name,
    });
    if (outcome.kind === "saved") return doneRedirect(c, "renamed", { name: outcome.department.name });
    if (outcome.kind === "conflict")
      return departmentPage(c, outcome.current, { name: outcome.current.name }, [], { conflict: true }, 409);
    return departmentPage(c, department, { name }, fieldErrorsOf(c, outcome.problems), {}, 400);
  });

  route(app, "post", `${ONE}/restore`, MANAGE_DEPARTMENTS, async (c) => {
    const { organization, account } = signedIn(c);
    const department = await targetDepartment(c);
    const form = await formFields(c);
    const outcome = await restoreDepartment(c.get("store"), actorOf(account), {
      organizationId: organization.id,
      departmentId: department.id,
      expectedVersion: versionOf(form.text("version")),
    });
    if (outcome.kind === "saved") return doneRedirect(c, "restored", { name: outcome.department.name });
    if (outcome.kind === "conflict")
      return departmentPage(c, outcome.current, { name: outcome.current.name }, [], { conflict: true }, 409);
    return departmentPage(
      c,
      department,
      { name: department.name },
      fieldErrorsOf(c, outcome.problems),
      {},
      400,
    );
  });

  route(app, "get", `${ONE}/merge`, MANAGE_DEPARTMENTS, { query: mergeQuery }, async (c) => {
    const department = await activeDepartment(c);
    return mergePage(c, department, c.req.query("into") ?? "", []);
  });

  route(app, "post", `${ONE}/merge`, MANAGE_DEPARTMENTS, async (c) => {
    const { organization, account } = signedIn(c);
    const department = await activeDepartment(c);
    const form = await formFields(c);
    const value = form.text("into");
    const expectedVersion = versionOf(form.text("version"));
    if (form.text("confirm") !== "yes") {
      // The first step only checks the choice and shows what would change.
      const into = await candidate(c, department, value);
      if (into.kind === "problem")
        return mergePage(c, department, value, fieldErrorsOf(c, [into.problem]), {}, 400);
      if (department.version !== expectedVersion)
        return mergePage(c, department, value, [], { conflict: true }, 409);
      return confirmPage(c, "merge", department, into.department);
    }
    const outcome = await mergeDepartment(c.get("store"), actorOf(account), {
      organizationId: organization.id,
      departmentId: department.id,
      expectedVersion,
      intoId: idOf(value),
    });
    if (outcome.kind === "saved")
      return doneRedirect(c, "merged", { name: outcome.department.name, into: outcome.into.name });
    if (outcome.kind === "conflict") return mergePage(c, outcome.current, value, [], { conflict: true }, 409);
    return mergePage(c, department, value, fieldErrorsOf(c, outcome.problems), {}, 400);
  });

  route(app, "get", `${ONE}/retire`, MANAGE_DEPARTMENTS, { query: retireQuery }, async (c) => {
    const department = await activeDepartment(c);
    return retirePage(c, department, c.req.query("successor") ?? "", []);
  });

  route(app, "post", `${ONE}/retire`, MANAGE_DEPARTMENTS, async (c) => {
    const { organization, account } = signedIn(c);
    const department = await activeDepartment(c);
    const form = await formFields(c);
    const value = form.text("successor");
    const expectedVersion = versionOf(form.text("version"));
    if (form.text("confirm") !== "yes") {
      let successor: DepartmentRecord | undefined;
      if (value !== "") {
        const found = await candidate(c, department, value, "successor");
        if (found.kind === "problem")
          return retirePage(c, department, value, fieldErrorsOf(c, [found.problem]), {}, 400);
        successor = found.department;
      } else {
        // Refused at once rather than after confirming: the form offers the successor to choose.
        const leads = await leadsInOpenRounds(c, department);
        if (leads.length > 0) return retirePage(c, department, value, leadErrors(c, leads), { leads }, 400);
      }
      if (department.version !== expectedVersion)
        return retirePage(c, department, value, [], { conflict: true }, 409);
      return confirmPage(c, "retire", department, successor);
    }
    const outcome = await retireDepartment(c.get("store"), actorOf(account), {
      organizationId: organization.id,
      departmentId: department.id,
      expectedVersion,
      successorId: value === "" ? undefined : idOf(value),
    });
    if (outcome.kind === "saved") return doneRedirect(c, "retired", { name: outcome.department.name });
    if (outcome.kind === "conflict")
      return retirePage(c, outcome.current, value, [], { conflict: true }, 409);
    if (outcome.kind === "lead-in-open-round")
      return retirePage(
        c,
        department,
        value,
        leadErrors(c, outcome.mentions),
        { leads: outcome.mentions },
        400,
      );
    return retirePage(c, department, value, fieldErrorsOf(c, outcome.problems), {}, 400);
  });
}

function props(c: Context<AppEnv>) {
  const { organization, account, auth } = signedIn(c);
  const csrf = auth.kind === "session" ? auth.csrfToken : "";
  return { ...pageContext(c), organization, account, csrfToken: csrf || undefined, csrf };
}

function ui(c: Context<AppEnv>): Ui {
  return pageContext(c).ui;
}

function fieldErrorsOf(c: Context<AppEnv>, problems: readonly Problem[]): FieldError[] {
  const t = departmentsText(ui(c).lang);
  return problems.map((p) => ({
    field: p.field,
    message: isDepartmentsKey(p.key) ? t(p.key, p.params) : p.key,
  }));
}

/** "It leads No.5 of FY2020": one error on the successor field, naming every open round it leads in. */
function leadErrors(c: Context<AppEnv>, leads: readonly OpenRoundMention[]): FieldError[] {
  const { lang } = ui(c);
  const t = departmentsText(lang);
  const rounds = leads
    .map((m) =>
      t("departments.leadRound", {
        round: `${m.planTitle} ${fiscalYearText(m.fiscalYear, lang)}`,
        numbers: m.initiatives.map((i) => i.number).join(lang === "ja" ? "、No." : ", No."),
      }),
    )
    .join(lang === "ja" ? "、" : "; ");
  return [{ field: "successor", message: t("departments.leadInOpenRound", { rounds }) }];
}

function versionOf(text: string): number {
  return /^\d{1,9}$/.test(text) ? Number(text) : 0;
}

function idOf(text: string): number | undefined {
  return /^\d{1,9}$/.test(text) ? Number(text) : undefined;
}

async function targetDepartment(c: Context<AppEnv>): Promise<DepartmentRecord> {
  const { organization } = signedIn(c);
  const id = idOf(c.req.param("id") ?? "");
  const department =
    id === undefined ? undefined : await c.get("store").departments.find(organization.id, id);
  if (!department) throw new AppError("page.not-found", { path: c.req.path });
  return department;
}

/** Merge and retire apply to a department in use; a retired one's address shows its page instead. */
async function activeDepartment(c: Context<AppEnv>): Promise<DepartmentRecord> {
  const department = await targetDepartment(c);
  if (department.retiredAt !== null) throw new AppError("page.not-found", { path: c.req.path });
  return department;
}

async function candidates(c: Context<AppEnv>, department: DepartmentRecord): Promise<DepartmentRecord[]> {
  const all = await c.get("store").departments.list(department.organizationId);
  return all.filter((d) => d.retiredAt === null && d.id !== department.id);
}

async function candidate(
  c: Context<AppEnv>,
  department: DepartmentRecord,
  value: string,
  field: "into" | "successor" = "into",
): Promise<{ kind: "found"; department: DepartmentRecord } | { kind: "problem"; problem: Problem }> {
  if (value === "") return { kind: "problem", problem: { field, key: "departments.missingInto" } };
  const id = idOf(value);
  if (id === department.id) return { kind: "problem", problem: { field, key: "departments.intoItself" } };
  const found = (await candidates(c, department)).find((d) => d.id === id);
  return found
    ? { kind: "found", department: found }
    : { kind: "problem", problem: { field, key: "departments.notAvailable" } };
}

async function leadsInOpenRounds(
  c: Context<AppEnv>,
  department: DepartmentRecord,
): Promise<OpenRoundMention[]> {
  return (await c.get("store").departments.openRoundMentions(department.organizationId, department.id))
    .map((m) => ({ ...m, initiatives: m.initiatives.filter((i) => i.lead) }))
    .filter((m) => m.initiatives.length > 0);
}

function doneNotice(c: Context<AppEnv>): string | undefined {
  const parsed = listQuery.safeParse(c.req.query());
  if (!parsed.success || !parsed.data.done) return undefined;
  const t = departmentsText(ui(c).lang);
  const { done, name = "", into = "" } = parsed.data;
  const key = {
    added: "departments.added",
    renamed: "departments.renamed",
    merged: "departments.merged",
    retired: "departments.retiredDone",
    restored: "departments.restoredDone",
  } as const;
  return t(key[done], { name, into });
}

function doneRedirect(c: Context<AppEnv>, done: string, words: Record<string, string>) {
  const { organization } = signedIn(c);
  return c.redirect(ui(c).href(`${orgPath(organization.slug)}/manage/departments`, { done, ...words }), 303);
}

async function listPage(
  c: Context<AppEnv>,
  values: { name: string },
  errors: FieldError[],
  notice: string | undefined,
  status: 200 | 400 = 200,
) {
  const { organization } = signedIn(c);
  const store = c.get("store");
  const [departments, usage] = await Promise.all([
    store.departments.list(organization.id),
    store.departments.usage(organization.id),
  ]);
  return renderPage(
    c,
    <DepartmentListPage
      {...props(c)}
      departments={departments}
      usage={usage}
      values={values}
      errors={errors}
      notice={notice}
    />,
    status,
  );
}

async function departmentPage(
  c: Context<AppEnv>,
  department: DepartmentRecord,
  values: { name: string },
  errors: FieldError[],
  extra: { conflict?: boolean } = {},
  status: 200 | 400 | 409 = 200,
) {
  const store = c.get("store");
  const [departments, preview] = await Promise.all([
    store.departments.list(department.organizationId),
    departmentChangePreview(store, {
      organizationId: department.organizationId,
      departmentId: department.id,
    }),
  ]);
  return renderPage(
    c,
    <DepartmentPage
      {...props(c)}
      department={department}
      departments={departments}
      preview={preview}
      values={values}
      errors={errors}
      {...(extra.conflict ? { conflict: true } : {})}
    />,
    status,
  );
}

async function mergePage(
  c: Context<AppEnv>,
  department: DepartmentRecord,
  value: string,
  errors: FieldError[],
  extra: { conflict?: boolean } = {},
  status: 200 | 400 | 409 = 200,
) {
  return renderPage(
    c,
    <MergePage
      {...props(c)}
      department={department}
      candidates={await candidates(c, department)}
      value={value}
      errors={errors}
      {...(extra.conflict ? { conflict: true } : {})}
    />,
    status,
  );
}

async function retirePage(
  c: Context<AppEnv>,
  department: DepartmentRecord,
  value: string,
  errors: FieldError[],
  extra: { conflict?: boolean; leads?: OpenRoundMention[] } = {},
  status: 200 | 400 | 409 = 200,
) {
  return renderPage(
    c,
    <RetirePage
      {...props(c)}
      department={department}
      candidates={await candidates(c, department)}
      value={value}
      errors={errors}
      {...(extra.conflict ? { conflict: true } : {})}
      {...(extra.leads ? { leads: extra.leads } : {})}
    />,
    status,
  );
}

async function confirmPage(
  c: Context<AppEnv>,
  kind: "merge" | "retire",
  department: DepartmentRecord,
  to: DepartmentRecord | undefined,
) {
  const preview = await departmentChangePreview(c.get("store"), {
    organizationId: department.organizationId,
    departmentId: department.id,
  });
  return renderPage(
    c,
    <ConfirmPage {...props(c)} kind={kind} department={department} to={to} preview={preview} />,
  );
}
