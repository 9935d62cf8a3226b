/**
 * Who may do what: the one policy every route asks (docs/GLOSSARY.md, "Roles"). Pure: it decides
 * from the signed-in principal and the target alone, and no view decides rights of its own.
 *
 * | role        | may                                                                          |
 * |-------------|------------------------------------------------------------------------------|
 * | secretariat | everything in its organization                                               |
 * | editor      | edit reports of initiatives whose 関係課 include one of its departments;       |
 * |             | read its organization's drafts                                               |
 * | committee   | grade (F) and write the committee opinion (G); read everything of its org    |
 * | viewer      | read its organization's drafts; change nothing                               |
 * | (anyone)    | published tables, pages and downloads                                        |
 *
 * Organizations are isolated: nothing is allowed on another organization's target, and routes
 * answer such a request as if the target did not exist (404), so existence does not leak.
 */

export const ROLES = ["secretariat", "editor", "committee", "viewer"] as const;
export type RoleName = (typeof ROLES)[number];

export const ROLE_LABELS: Record<RoleName, { ja: string; en: string }> = {
  secretariat: { ja: "事務局", en: "Secretariat" },
  editor: { ja: "所管課（入力担当）", en: "Department editor" },
  committee: { ja: "本部会委員", en: "Committee member" },
  viewer: { ja: "閲覧者", en: "Viewer" },
};

export function isRoleName(value: string): value is RoleName {
  return (ROLES as readonly string[]).includes(value);
}

/** A signed-in account, as the policy sees it. */
export interface Principal {
  accountId: number;
  organizationId: number;
  roles: ReadonlySet<RoleName>;
  /** The departments its editor role is bound to. */
  departmentIds: readonly number[];
}

export type Action =
  /** Read the organization's drafts (rounds not yet published, the signed-in pages). */
  | "drafts.read"
  /** Edit a report's department fields (D, 現状値, own view, H). Target: the initiative's 関係課. */
  | "report.edit"
  /** Grade (F) and write the committee opinion (G). */
  | "report.grade"
  /** Move rounds through their states, review and return reports, publish. */
  | "round.manage"
  /** Plans, policies, initiatives, KPIs, departments, imports. */
  | "plan.manage"
  /** Accounts of the organization: invite, roles, disable, reset. */
  | "accounts.manage"
  /** One's own account: password, API tokens, sessions. */
  | "self.manage";

export interface Target {
  organizationId: number;
  /** For report.edit: the departments (関係課) of the initiative. */
  departmentIds?: readonly number[];
}

export function can(principal: Principal | undefined, action: Action, target: Target): boolean {
  if (!principal || principal.organizationId !== target.organizationId) return false;
  const { roles } = principal;
  if (roles.has("secretariat")) return true;
  switch (action) {
    case "self.manage":
      return true;
    case "drafts.read":
      return roles.size > 0;
    case "report.edit":
      return (
        roles.has("editor") && (target.departmentIds ?? []).some((id) => principal.departmentIds.includes(id))
      );
    case "report.grade":
      return roles.has("committee");
    case "round.manage":
    case "plan.manage":
    case "accounts.manage":
      return false;
  }
}
