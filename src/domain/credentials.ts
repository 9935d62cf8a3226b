/**
 * Rules for the things people type to sign in: login IDs and passwords. Pure; hashing and tokens
 * are the server's (src/server/auth/).
 */

/** A login ID as stored and compared: 職員番号 or e-mail, width- and case-folded, trimmed. */
export function normalizeLoginId(text: string): string {
  return text.normalize("NFKC").trim().toLowerCase();
}

/** Login IDs are short and printable: letters, digits and . _ @ + - (an e-mail or a staff number). */
export function isValidLoginId(loginId: string): boolean {
  return /^[\p{L}\p{N}._@+-]{1,254}$/u.test(loginId);
}

export const PASSWORD_MIN_LENGTH = 12;
/** Far above any passphrase; bounds the hashing work an attacker can ask for. */
export const PASSWORD_MAX_LENGTH = 256;

export type PasswordProblem = "tooShort" | "tooLong" | "containsLoginId" | "common";

/**
 * Why a new password is not acceptable (nothing when it is): at least 12 characters, not the login
 * ID or built on it, not on the list of passwords every attacker tries first. No rules about
 * character classes: length is what makes a password strong, and rules push people to Passw0rd!.
 */
export function passwordProblems(password: string, loginId: string): PasswordProblem[] {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) return ["tooShort"];
  if (length > PASSWORD_MAX_LENGTH) return ["tooLong"];
  const folded = password.normalize("NFKC").toLowerCase();
  const problems: PasswordProblem[] = [];
  const login = normalizeLoginId(loginId);
  const localPart = login.split("@")[0] ?? login;
  if (localPart.length >= 3 && folded.includes(localPart)) problems.push("containsLoginId");
  if (isCommonPassword(folded)) problems.push("common");
  return problems;
}

/**
 * Common passwords and the shapes they come in: the list is short on purpose (the length rule does
 * most of the work); a password is common when it is one of these, or one of these with digits or
 * symbols added at the end.
 */
const COMMON = [
  "password",
  "passw0rd",
  "p@ssw0rd",
  "qwerty",
  "qwertyuiop",
  "asdfghjkl",
  "zxcvbnm",
  "1qaz2wsx",
  "abc123",
  "abcdefghijkl",
  "iloveyou",
  "letmein",
  "welcome",
  "admin",
  "administrator",
  "changeme",
  "secret",
  "sunshine",
  "princess",
  "football",
  "baseball",
  "dragon",
  "monkey",
  "master",
  "shadow",
  "superman",
  "trustno1",
  "shinchoku",
  "sakado",
  "gyoseikaikaku",
  "kanri",
  "tokyo",
  "nippon",
  "japan",
  "sakura",
];

function isCommonPassword(folded: string): boolean {
  if (/^(\d)\1+$/.test(folded) || /^(0123456789|1234567890|9876543210)+\d*$/.test(folded)) return true;
  if (/^[\d\s]+$/.test(folded) && /^1234/.test(folded)) return true;
  const stem = folded.replace(/[\d\W_]+$/u, "");
  return COMMON.some((common) => stem === common || stem === common.repeat(2));
}
