/**
 * 全国地方公共団体コード (総務省; JIS X 0402): six digits — the prefecture (2), the municipality (3)
 * and a check digit (検査数字). The check digit: multiply the first five digits by 6, 5, 4, 3, 2, add
 * them up, take the remainder by 11, subtract it from 11 and keep the last digit (remainder 0 → 1,
 * remainder 1 → 0). 坂戸市: 1·6 + 1·5 + 2·4 + 3·3 + 9·2 = 46, 46 mod 11 = 2, 11 − 2 = 9 → 112399.
 *
 * The Digital Agency's 自治体標準オープンデータセット put this code and the 地方公共団体名 first in
 * every file; Shinchoku stores it per organization (optional) and writes it in the open-data CSV.
 */

const WEIGHTS = [6, 5, 4, 3, 2] as const;

/** The check digit of a five-digit code ("11239" → 9); undefined when it is not five digits. */
export function localGovernmentCheckDigit(fiveDigits: string): number | undefined {
  if (!/^\d{5}$/.test(fiveDigits)) return undefined;
  const sum = WEIGHTS.reduce((total, weight, i) => total + weight * Number(fiveDigits[i]), 0);
  return (11 - (sum % 11)) % 10;
}

/** What is wrong with a code given as 全国地方公共団体コード, in both languages; undefined when it is one. */
export function localGovernmentCodeProblem(code: string): { ja: string; en: string } | undefined {
  if (!/^\d{6}$/.test(code))
    return {
      ja: `全国地方公共団体コード「${code}」は半角数字6桁で指定してください（例：坂戸市は112399）。`,
      en: `The local government code "${code}" must be six digits (e.g. 112399 for Sakado).`,
    };
  const expected = localGovernmentCheckDigit(code.slice(0, 5));
  if (Number(code[5]) !== expected)
    return {
      ja: `全国地方公共団体コード「${code}」の検査数字（6桁目）が合いません。上5桁が${code.slice(0, 5)}なら${code.slice(0, 5)}${expected}です。`,
      en: `The check digit (6th digit) of the local government code "${code}" is wrong: for ${code.slice(0, 5)} it is ${expected}.`,
    };
  return undefined;
}

export function isLocalGovernmentCode(code: string): boolean {
  return localGovernmentCodeProblem(code) === undefined;
}
