/**
 * `Content-Disposition: attachment` with a Japanese file name (RFC 6266 / RFC 8187 `filename*`) and
 * an ASCII `filename` for clients that do not read the extended form.
 */
export function attachment(fileName: string, asciiFallback: string): string {
  const safe = [...fileName].map((ch) => (ch < " " || '\\/:*?"<>|'.includes(ch) ? "_" : ch)).join("");
  const encoded = encodeURIComponent(safe).replace(
    /['()*!]/g,
    (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  const ascii = asciiFallback.replace(/[^\x20-\x7e]|["\\]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
