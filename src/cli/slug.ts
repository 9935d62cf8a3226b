/** An organization's URL name (/o/<slug>): `import --slug` and `organization add --slug`. */
export const SLUG = /^[a-z0-9][a-z0-9-]{0,62}$/;

export function slugProblem(slug: string): string | undefined {
  return SLUG.test(slug)
    ? undefined
    : `--slug は半角英小文字・数字・ハイフン（先頭は英小文字か数字、63文字まで）で指定してください：${slug} / --slug takes lower-case letters, digits and hyphens`;
}
