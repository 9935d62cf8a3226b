import { isValidLoginId, normalizeLoginId, type PasswordProblem, passwordProblems } from "./credentials.ts";
import type { RoleName } from "./permissions.ts";

/**
 * What an account form must hold, checked before anything is stored. Each problem names its field
 * and a message key (the words are the UI's: src/server/i18n-manage.ts).
 */
export interface AccountInput {
  loginId: string;
  displayName: string;
  email: string;
  roles: RoleName[];
  departmentIds: number[];
}

export type AccountField = "loginId" | "displayName" | "email" | "roles" | "departmentIds";
export type PasswordField = "password" | "passwordConfirm" | "currentPassword";

export interface Problem<F extends string = string> {
  field: F;
  /** A message key of the UI catalogue. */
  key: string;
  params?: Record<string, string | number>;
}

const MAX = { loginId: 254, displayName: 100, email: 254 } as const;

export function accountProblems(
  input: AccountInput,
  knownDepartmentIds: readonly number[],
  options: { checkLoginId: boolean },
): Problem<AccountField>[] {
  const problems: Problem<AccountField>[] = [];
  if (options.checkLoginId) {
    const loginId = normalizeLoginId(input.loginId);
    if (loginId === "") problems.push({ field: "loginId", key: "account.missingLoginId" });
    else if (loginId.length > MAX.loginId)
      problems.push({ field: "loginId", key: "account.loginIdTooLong", params: { max: MAX.loginId } });
    else if (!isValidLoginId(loginId)) problems.push({ field: "loginId", key: "account.invalidLoginId" });
  }
  const name = input.displayName.trim();
  if (name === "") problems.push({ field: "displayName", key: "account.missingDisplayName" });
  else if (name.length > MAX.displayName)
    problems.push({
      field: "displayName",
      key: "account.displayNameTooLong",
      params: { max: MAX.displayName },
    });
  const email = input.email.trim();
  if (email !== "" && (email.length > MAX.email || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)))
    problems.push({ field: "email", key: "account.invalidEmail" });
  if (input.roles.length === 0) problems.push({ field: "roles", key: "account.missingRoles" });
  if (input.roles.includes("editor")) {
    const known = input.departmentIds.filter((id) => knownDepartmentIds.includes(id));
    if (known.length === 0) problems.push({ field: "departmentIds", key: "account.missingDepartments" });
  }
  return problems;
}

const PASSWORD_KEYS: Record<PasswordProblem, string> = {
  tooShort: "password.tooShort",
  tooLong: "password.tooLong",
  containsLoginId: "password.containsLoginId",
  common: "password.common",
};

/** A new password and its confirmation. */
export function newPasswordProblems(
  password: string,
  confirm: string,
  loginId: string,
): Problem<PasswordField>[] {
  if (password === "") return [{ field: "password", key: "password.missing" }];
  const problems: Problem<PasswordField>[] = passwordProblems(password, loginId).map((p) => ({
    field: "password",
    key: PASSWORD_KEYS[p],
  }));
  if (problems.length === 0 && password !== confirm)
    problems.push({ field: "passwordConfirm", key: "password.mismatch" });
  return problems;
}
