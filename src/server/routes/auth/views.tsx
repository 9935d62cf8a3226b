import type { OrganizationRecord } from "../../../store/types.ts";
import type { Ui } from "../../i18n.ts";
import { orgPath } from "../../page-context.ts";
import { ErrorSummary, formTitle } from "../../views/form/error-summary.tsx";
import type { FieldError } from "../../views/form/errors.ts";
import { CsrfField, TextField } from "../../views/form/field.tsx";
import { Layout } from "../../views/layout.tsx";
import { SourceText } from "../../views/source-text.tsx";

interface FormPage {
  ui: Ui;
  url: URL;
  csrfToken: string;
  errors: FieldError[];
}

export function LoginPage(
  props: FormPage & {
    organization: OrganizationRecord;
    loginId: string;
    next: string | undefined;
    notice?: string;
  },
) {
  const { ui, organization } = props;
  const title = ui.t("login.title");
  return (
    <Layout
      ui={ui}
      url={props.url}
      title={formTitle(ui, title, props.errors)}
      organization={organization}
      stylesheets={["forms.css"]}
      breadcrumbs={[
        { label: ui.t("site.home"), href: ui.href("/") },
        {
          label: <SourceText ui={ui}>{organization.name}</SourceText>,
          href: ui.href(orgPath(organization.slug)),
        },
        { label: title },
      ]}
    >
      <h1>{title}</h1>
      {props.notice ? (
        <p class="notice-success" role="status">
          {props.notice}
        </p>
      ) : null}
      <ErrorSummary ui={ui} errors={props.errors} />
      <p>{ui.tParts("login.lead", { org: <SourceText ui={ui}>{organization.name}</SourceText> })}</p>
      <form method="post" action={ui.href(`${orgPath(organization.slug)}/login`)} class="form" novalidate>
        <CsrfField token={props.csrfToken} />
        {props.next ? <input type="hidden" name="next" value={props.next} /> : null}
        <TextField
          ui={ui}
          id="loginId"
          label={ui.t("login.loginId")}
          hint={ui.t("login.loginIdHint")}
          required={true}
          value={props.loginId}
          autocomplete="username"
          spellcheck={false}
          errors={props.errors}
        />
        <TextField
          ui={ui}
          id="password"
          type="password"
          label={ui.t("login.password")}
          required={true}
          autocomplete="current-password"
          errors={props.errors}
        />
        <div class="form-actions">
          <button type="submit">{ui.t("login.submit")}</button>
        </div>
      </form>
    </Layout>
  );
}

export function SetupPage(
  props: FormPage & {
    organization: OrganizationRecord;
    token: string;
    values: { loginId: string; displayName: string; email: string };
  },
) {
  const { ui, organization } = props;
  const title = ui.t("setup.title");
  return (
    <Layout
      ui={ui}
      url={props.url}
      title={formTitle(ui, title, props.errors)}
      organization={organization}
      stylesheets={["forms.css"]}
      breadcrumbs={[]}
    >
      <h1>{title}</h1>
      <ErrorSummary ui={ui} errors={props.errors} />
      <p>{ui.tParts("setup.lead", { org: <SourceText ui={ui}>{organization.name}</SourceText> })}</p>
      <form method="post" action={ui.href(`/setup/${props.token}`)} class="form" novalidate>
        <CsrfField token={props.csrfToken} />
        <AccountIdentityFields ui={ui} values={props.values} errors={props.errors} />
        <NewPasswordFields ui={ui} errors={props.errors} />
        <div class="form-actions">
          <button type="submit">{ui.t("setup.submit")}</button>
        </div>
      </form>
    </Layout>
  );
}

/** ログインID, 氏名, メールアドレス: the fields every new account has. */
export function AccountIdentityFields(props: {
  ui: Ui;
  values: { loginId: string; displayName: string; email: string };
  errors: FieldError[];
  withLoginId?: boolean;
}) {
  const { ui, values, errors } = props;
  return (
    <>
      {props.withLoginId === false ? null : (
        <TextField
          ui={ui}
          id="loginId"
          label={ui.t("account.loginId")}
          hint={ui.t("account.loginIdHint")}
          required={true}
          value={values.loginId}
          autocomplete="off"
          spellcheck={false}
          width="medium"
          errors={errors}
        />
      )}
      <TextField
        ui={ui}
        id="displayName"
        label={ui.t("account.displayName")}
        hint={ui.t("account.displayNameHint")}
        required={true}
        value={values.displayName}
        autocomplete="off"
        errors={errors}
      />
      <TextField
        ui={ui}
        id="email"
        type="email"
        label={ui.t("account.email")}
        hint={ui.t("account.emailHint")}
        required={false}
        value={values.email}
        autocomplete="off"
        spellcheck={false}
        width="long"
        errors={errors}
      />
    </>
  );
}

/** A new password and its confirmation (never sent back after a refusal). */
export function NewPasswordFields(props: { ui: Ui; errors: FieldError[] }) {
  const { ui, errors } = props;
  return (
    <>
      <TextField
        ui={ui}
        id="password"
        type="password"
        label={ui.t("password.new")}
        hint={ui.t("password.newHint")}
        required={true}
        autocomplete="new-password"
        errors={errors}
      />
      <TextField
        ui={ui}
        id="passwordConfirm"
        type="password"
        label={ui.t("password.confirm")}
        required={true}
        autocomplete="new-password"
        errors={errors}
      />
    </>
  );
}

export function SetPasswordPage(
  props: FormPage & { organization: OrganizationRecord; token: string; loginId: string; displayName: string },
) {
  const { ui, organization } = props;
  const title = ui.t("password.title");
  return (
    <Layout
      ui={ui}
      url={props.url}
      title={formTitle(ui, title, props.errors)}
      organization={organization}
      stylesheets={["forms.css"]}
      breadcrumbs={[]}
    >
      <h1>{title}</h1>
      <ErrorSummary ui={ui} errors={props.errors} />
      <p>{ui.t("password.lead", { loginId: props.loginId, name: props.displayName })}</p>
      <form
        method="post"
        action={ui.href(`${orgPath(organization.slug)}/password/${props.token}`)}
        class="form"
        novalidate
      >
        <CsrfField token={props.csrfToken} />
        {/* Lets the browser's password manager file the new password under the right login ID. */}
        <input type="text" name="username" value={props.loginId} autocomplete="username" hidden />
        <NewPasswordFields ui={ui} errors={props.errors} />
        <div class="form-actions">
          <button type="submit">{ui.t("password.submit")}</button>
        </div>
      </form>
    </Layout>
  );
}

export function InvalidLinkPage(props: { ui: Ui; url: URL; title: string; detail: string }) {
  const { ui } = props;
  return (
    <Layout
      ui={ui}
      url={props.url}
      title={props.title}
      breadcrumbs={[{ label: ui.t("site.home"), href: ui.href("/") }]}
    >
      <h1>{props.title}</h1>
      <p>{props.detail}</p>
      <p>
        <a href={ui.href("/")}>{ui.t("error.back")}</a>
      </p>
    </Layout>
  );
}
