import { ROLE_LABELS, ROLES } from "../../../domain/permissions.ts";
import type { AccountRecord, DepartmentRecord } from "../../../store/types.ts";
import { sourceLang } from "../../i18n.ts";
import { orgPath } from "../../page-context.ts";
import { rolesText } from "../../views/account-bar.tsx";
import { ErrorSummary, formTitle } from "../../views/form/error-summary.tsx";
import type { FieldError } from "../../views/form/errors.ts";
import { ActionButton, CheckboxesField, CsrfField } from "../../views/form/field.tsx";
import { Layout } from "../../views/layout.tsx";
import { SourceText } from "../../views/source-text.tsx";
import { TableScroll } from "../../views/table-scroll.tsx";
import { AccountIdentityFields } from "../auth/views.tsx";
import { ManageLayoutBar, type ManagePageProps, manageCrumbs } from "../manage/views.tsx";

type Props = ManagePageProps & { csrf: string };

function accountsCrumbs(props: Props, current?: string) {
  const { ui, organization } = props;
  const crumbs = manageCrumbs(ui, organization, ui.t("accounts.title"));
  if (current === undefined) return crumbs;
  const last = crumbs.at(-1);
  if (last) last.href = ui.href(`${orgPath(organization.slug)}/manage/accounts`);
  return [...crumbs, { label: current }];
}

export function AccountListPage(
  props: Props & { accounts: AccountRecord[]; departments: DepartmentRecord[] },
) {
  const { ui, organization } = props;
  const base = `${orgPath(organization.slug)}/manage/accounts`;
  const departmentName = new Map(props.departments.map((d) => [d.id, d.name]));
  return (
    <Layout
      ui={ui}
      url={props.url}
      title={ui.t("accounts.title")}
      organization={organization}
      stylesheets={["forms.css"]}
      breadcrumbs={accountsCrumbs(props)}
      accountBar={<ManageLayoutBar {...props} />}
    >
      <h1>{ui.t("accounts.title")}</h1>
      <p>{ui.tParts("accounts.lead", { org: <SourceText ui={ui}>{organization.name}</SourceText> })}</p>
      <p>
        <a class="button-link" href={ui.href(`${base}/new`)}>
          {ui.t("accounts.add")}
        </a>
      </p>
      <TableScroll labelledBy="accounts-caption">
        <table class="data">
          <caption id="accounts-caption">{ui.t("accounts.caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{ui.t("account.loginId")}</th>
              <th scope="col">{ui.t("account.displayName")}</th>
              <th scope="col">{ui.t("account.roles")}</th>
              <th scope="col">{ui.t("account.departments")}</th>
              <th scope="col">{ui.t("accounts.state")}</th>
              <th scope="col">
                <span class="visually-hidden">{ui.t("accounts.edit")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {props.accounts.map((account) => (
              <tr>
                <th scope="row">{account.loginId}</th>
                <td>{account.displayName}</td>
                <td>{rolesText(ui, account)}</td>
                <td lang={sourceLang(ui)}>
                  {account.departmentIds.map((id) => departmentName.get(id) ?? "").join("、") || "—"}
                </td>
                <td>
                  {account.disabled
                    ? ui.t("accounts.disabled")
                    : account.hasPassword
                      ? ui.t("accounts.active")
                      : ui.t("accounts.noPassword")}
                </td>
                <td>
                  <a href={ui.href(`${base}/${account.id}`)}>
                    {ui.t("accounts.edit")}
                    <span class="visually-hidden">（{account.loginId}）</span>
                  </a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </Layout>
  );
}

export interface AccountFormValues {
  loginId: string;
  displayName: string;
  email: string;
  roles: string[];
  departmentIds: string[];
}

function RoleAndDepartmentFields(props: {
  ui: Props["ui"];
  values: AccountFormValues;
  departments: DepartmentRecord[];
  errors: FieldError[];
}) {
  const { ui, values, errors } = props;
  return (
    <>
      <CheckboxesField
        ui={ui}
        id="roles"
        name="roles"
        legend={ui.t("account.roles")}
        hint={ui.t("account.rolesHint")}
        required={true}
        options={ROLES.map((role) => ({ value: role, label: ROLE_LABELS[role][ui.lang] }))}
        checked={values.roles}
        errors={errors}
      />
      <CheckboxesField
        ui={ui}
        id="departmentIds"
        name="departmentIds"
        legend={ui.t("account.departments")}
        hint={ui.t("account.departmentsHint")}
        required={false}
        options={props.departments.map((d) => ({ value: String(d.id), label: d.name, lang: sourceLang(ui) }))}
        checked={values.departmentIds}
        errors={errors}
      />
    </>
  );
}

export function NewAccountPage(
  props: Props & { values: AccountFormValues; departments: DepartmentRecord[]; errors: FieldError[] },
) {
  const { ui, organization } = props;
  const title = ui.t("accounts.newTitle");
  return (
    <Layout
      ui={ui}
      url={props.url}
      title={formTitle(ui, title, props.errors)}
      organization={organization}
      stylesheets={["forms.css"]}
      breadcrumbs={accountsCrumbs(props, title)}
      accountBar={<ManageLayoutBar {...props} />}
    >
      <h1>{title}</h1>
      <ErrorSummary ui={ui} errors={props.errors} />
      <p>{ui.t("accounts.newLead")}</p>
      <form
        method="post"
        action={ui.href(`${orgPath(organization.slug)}/manage/accounts/new`)}
        class="form"
        novalidate
      >
        <CsrfField token={props.csrf} />
        <AccountIdentityFields ui={ui} values={props.values} errors={props.errors} />
        <RoleAndDepartmentFields
          ui={ui}
          values={props.values}
          departments={props.departments}
          errors={props.errors}
        />
        <div class="form-actions">
          <button type="submit">{ui.t("accounts.create")}</button>
          <a href={ui.href(`${orgPath(organization.slug)}/manage/accounts`)}>{ui.t("form.cancel")}</a>
        </div>
      </form>
    </Layout>
  );
}

export function EditAccountPage(
  props: Props & {
    target: AccountRecord;
    values: AccountFormValues;
    departments: DepartmentRecord[];
    errors: FieldError[];
    notice?: string;
    conflict?: boolean;
  },
) {
  const { ui, organization, target } = props;
  const base = `${orgPath(organization.slug)}/manage/accounts/${target.id}`;
  const title = ui.t("accounts.editTitle", { name: target.displayName });
  return (
    <Layout
      ui={ui}
      url={props.url}
      title={formTitle(ui, title, props.errors)}
      organization={organization}
      stylesheets={["forms.css"]}
      breadcrumbs={accountsCrumbs(props, target.displayName)}
      accountBar={<ManageLayoutBar {...props} />}
    >
      <h1>{title}</h1>
      {props.notice ? (
        <p class="notice-success" role="status">
          {props.notice}
        </p>
      ) : null}
      {props.conflict ? (
        <p class="notice-warning" role="alert">
          {ui.t("accounts.conflict")}
        </p>
      ) : null}
      <ErrorSummary ui={ui} errors={props.errors} />
      <dl class="facts">
        <dt>{ui.t("account.loginId")}</dt>
        <dd>{target.loginId}</dd>
        <dt>{ui.t("accounts.state")}</dt>
        <dd>
          {target.disabled
            ? ui.t("accounts.disabled")
            : target.hasPassword
              ? ui.t("accounts.active")
              : ui.t("accounts.noPassword")}
        </dd>
      </dl>
      <form method="post" action={ui.href(base)} class="form" novalidate>
        <CsrfField token={props.csrf} />
        <input type="hidden" name="version" value={String(target.version)} />
        <AccountIdentityFields ui={ui} values={props.values} errors={props.errors} withLoginId={false} />
        <RoleAndDepartmentFields
          ui={ui}
          values={props.values}
          departments={props.departments}
          errors={props.errors}
        />
        <div class="form-actions">
          <button type="submit">{ui.t("form.save")}</button>
          <a href={ui.href(`${orgPath(organization.slug)}/manage/accounts`)}>{ui.t("accounts.back")}</a>
        </div>
      </form>
      <h2>{target.disabled ? ui.t("accounts.enable") : ui.t("accounts.disable")}</h2>
      <p class="hint">{ui.t("accounts.disableHint")}</p>
      <ActionButton
        action={ui.href(`${base}/${target.disabled ? "enable" : "disable"}`)}
        token={props.csrf}
        label={target.disabled ? ui.t("accounts.enable") : ui.t("accounts.disable")}
        variant={target.disabled ? "secondary" : "warning"}
      />
      <h2>{ui.t("accounts.reset")}</h2>
      <p class="hint">{ui.t("accounts.resetHint")}</p>
      <ActionButton
        action={ui.href(`${base}/reset`)}
        token={props.csrf}
        label={ui.t("accounts.reset")}
        variant="warning"
      />
    </Layout>
  );
}

/** The one-time URL of a new account or a reset: shown once, to the secretariat. */
export function OneTimeUrlPage(
  props: Props & { target: AccountRecord; url: URL; link: string; reset: boolean },
) {
  const { ui, organization, target } = props;
  const title = ui.t("accounts.urlTitle");
  return (
    <Layout
      ui={ui}
      url={props.url}
      title={title}
      organization={organization}
      stylesheets={["forms.css"]}
      breadcrumbs={accountsCrumbs(props, target.displayName)}
      accountBar={<ManageLayoutBar {...props} />}
    >
      <h1>{title}</h1>
      <p class="notice-success" role="status">
        {ui.t(props.reset ? "accounts.urlReset" : "accounts.urlCreated", {
          name: target.displayName,
          loginId: target.loginId,
        })}
      </p>
      <p>{ui.t("accounts.urlLead")}</p>
      <code class="secret">{props.link}</code>
      <p>
        <a href={ui.href(`${orgPath(organization.slug)}/manage/accounts`)}>{ui.t("accounts.back")}</a>
      </p>
    </Layout>
  );
}
