import type { ApiTokenRecord, SessionRecord } from "../../../store/types.ts";
import { orgPath } from "../../page-context.ts";
import { rolesText } from "../../views/account-bar.tsx";
import { ErrorSummary, formTitle } from "../../views/form/error-summary.tsx";
import type { FieldError } from "../../views/form/errors.ts";
import { ActionButton, CsrfField, TextField } from "../../views/form/field.tsx";
import { Layout } from "../../views/layout.tsx";
import { TableScroll } from "../../views/table-scroll.tsx";
import { NewPasswordFields } from "../auth/views.tsx";
import { ManageLayoutBar, type ManagePageProps, manageCrumbs } from "../manage/views.tsx";

/** A timestamp as the reader's clock on a municipal PC shows it (Japan time). */
export function dateTimeText(iso: string, lang: "ja" | "en"): string {
  return new Intl.DateTimeFormat(lang === "ja" ? "ja-JP" : "en-GB", {
    timeZone: "Asia/Tokyo",
    dateStyle: "medium",
    timeStyle: "short",
  }).format(new Date(iso));
}

export function MyAccountPage(
  props: ManagePageProps & {
    csrf: string;
    sessions: SessionRecord[];
    currentSessionId: number | undefined;
    tokens: ApiTokenRecord[];
    errors: FieldError[];
    tokenName: string;
    /** A token just created: shown now, never again. */
    newToken?: string;
    notice?: string;
  },
) {
  const { ui, organization, account } = props;
  const base = `${orgPath(organization.slug)}/manage/account`;
  const title = ui.t("me.title");
  return (
    <Layout
      ui={ui}
      url={props.url}
      title={formTitle(ui, title, props.errors)}
      organization={organization}
      stylesheets={["forms.css"]}
      breadcrumbs={manageCrumbs(ui, organization, title)}
      accountBar={<ManageLayoutBar {...props} />}
    >
      <h1>{title}</h1>
      {props.notice ? (
        <p class="notice-success" role="status">
          {props.notice}
        </p>
      ) : null}
      <ErrorSummary ui={ui} errors={props.errors} />
      <dl class="facts">
        <dt>{ui.t("account.loginId")}</dt>
        <dd>{account.loginId}</dd>
        <dt>{ui.t("account.displayName")}</dt>
        <dd>{account.displayName}</dd>
        <dt>{ui.t("me.roles")}</dt>
        <dd>{rolesText(ui, account)}</dd>
      </dl>
      <p>
        <a href={ui.href(`${orgPath(organization.slug)}/manage/password`)}>{ui.t("me.changePassword")}</a>
      </p>

      <h2>{ui.t("me.sessions")}</h2>
      <TableScroll labelledBy="sessions-caption">
        <table class="data">
          <caption id="sessions-caption">{ui.t("me.sessionsCaption")}</caption>
          <thead>
            <tr>
              <th scope="col">{ui.t("me.started")}</th>
              <th scope="col">{ui.t("me.lastSeen")}</th>
              <th scope="col">{ui.t("me.address")}</th>
              <th scope="col">{ui.t("me.browser")}</th>
            </tr>
          </thead>
          <tbody>
            {props.sessions.map((session) => (
              <tr>
                <td>
                  {dateTimeText(session.createdAt, ui.lang)}
                  {session.id === props.currentSessionId ? ` ${ui.t("me.thisSession")}` : ""}
                </td>
                <td>{dateTimeText(session.lastSeenAt, ui.lang)}</td>
                <td>{session.address ?? "—"}</td>
                <td>{session.userAgent ?? "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      <ActionButton
        action={ui.href(`${base}/logout-everywhere`)}
        token={props.csrf}
        label={ui.t("me.logoutEverywhere")}
        variant="secondary"
      />

      <h2 id="tokens">{ui.t("me.tokens")}</h2>
      <p>{ui.t("me.tokensLead")}</p>
      {props.newToken ? (
        <div class="notice-warning" role="status">
          <p>{ui.t("me.tokenShownOnce")}</p>
          <code class="secret">{props.newToken}</code>
        </div>
      ) : null}
      {props.tokens.length === 0 ? (
        <p>{ui.t("me.noTokens")}</p>
      ) : (
        <TableScroll labelledBy="tokens-caption">
          <table class="data">
            <caption id="tokens-caption">{ui.t("me.tokensCaption")}</caption>
            <thead>
              <tr>
                <th scope="col">{ui.t("me.tokenName")}</th>
                <th scope="col">{ui.t("me.tokenCreated")}</th>
                <th scope="col">{ui.t("me.tokenLastUsed")}</th>
                <th scope="col">{ui.t("accounts.state")}</th>
              </tr>
            </thead>
            <tbody>
              {props.tokens.map((token) => (
                <tr>
                  <th scope="row">{token.name}</th>
                  <td>{dateTimeText(token.createdAt, ui.lang)}</td>
                  <td>
                    {token.lastUsedAt ? dateTimeText(token.lastUsedAt, ui.lang) : ui.t("me.tokenNever")}
                  </td>
                  <td>
                    {token.revoked ? (
                      ui.t("me.tokenRevoked")
                    ) : (
                      <ActionButton
                        action={ui.href(`${base}/tokens/${token.id}/revoke`)}
                        token={props.csrf}
                        label={`${ui.t("me.tokenRevoke")}（${token.name}）`}
                        variant="warning"
                      />
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <form method="post" action={ui.href(`${base}/tokens`)} class="form" novalidate>
        <CsrfField token={props.csrf} />
        <TextField
          ui={ui}
          id="tokenName"
          label={ui.t("me.tokenName")}
          hint={ui.t("me.tokenNameHint")}
          required={true}
          value={props.tokenName}
          autocomplete="off"
          errors={props.errors}
        />
        <button type="submit">{ui.t("me.tokenCreate")}</button>
      </form>
    </Layout>
  );
}

export function ChangePasswordPage(props: ManagePageProps & { csrf: string; errors: FieldError[] }) {
  const { ui, organization, account } = props;
  const title = ui.t("password.changeTitle");
  return (
    <Layout
      ui={ui}
      url={props.url}
      title={formTitle(ui, title, props.errors)}
      organization={organization}
      stylesheets={["forms.css"]}
      breadcrumbs={manageCrumbs(ui, organization, title)}
      accountBar={<ManageLayoutBar {...props} />}
    >
      <h1>{title}</h1>
      <ErrorSummary ui={ui} errors={props.errors} />
      <form
        method="post"
        action={ui.href(`${orgPath(organization.slug)}/manage/password`)}
        class="form"
        novalidate
      >
        <CsrfField token={props.csrf} />
        <input type="text" name="username" value={account.loginId} autocomplete="username" hidden />
        <TextField
          ui={ui}
          id="currentPassword"
          type="password"
          label={ui.t("password.current")}
          required={true}
          autocomplete="current-password"
          errors={props.errors}
        />
        <NewPasswordFields ui={ui} errors={props.errors} />
        <div class="form-actions">
          <button type="submit">{ui.t("password.changeSubmit")}</button>
          <a href={ui.href(`${orgPath(organization.slug)}/manage/account`)}>{ui.t("form.cancel")}</a>
        </div>
      </form>
    </Layout>
  );
}
