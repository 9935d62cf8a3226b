import { ROLE_LABELS } from "../../domain/permissions.ts";
import type { OrganizationRecord, SignedInAccount } from "../../store/types.ts";
import type { Ui } from "../i18n.ts";
import { orgPath } from "../page-context.ts";
import { ActionButton } from "./form/field.tsx";

/** Who is signed in, and the ways to the management pages, the account and out. */
export function AccountBar(props: {
  ui: Ui;
  organization: OrganizationRecord;
  account: SignedInAccount;
  csrfToken: string | undefined;
}) {
  const { ui, organization, account } = props;
  const base = orgPath(organization.slug);
  return (
    <nav class="account-bar" aria-label={ui.t("nav.account")}>
      <span>{ui.t("nav.signedInAs", { name: account.displayName })}</span>
      <a href={ui.href(`${base}/manage`)}>{ui.t("nav.manage")}</a>
      <a href={ui.href(`${base}/manage/account`)}>{ui.t("nav.account")}</a>
      {props.csrfToken ? (
        <ActionButton
          action={ui.href(`${base}/logout`)}
          token={props.csrfToken}
          label={ui.t("nav.logout")}
          variant="secondary"
        />
      ) : null}
    </nav>
  );
}

export function rolesText(ui: Ui, account: { roles: readonly (keyof typeof ROLE_LABELS)[] }): string {
  return account.roles.map((role) => ROLE_LABELS[role][ui.lang]).join(ui.lang === "ja" ? "・" : ", ");
}
