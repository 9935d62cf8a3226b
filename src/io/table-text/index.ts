import type { Diagnostic } from "../../domain/diagnostic.ts";
import type { TableImportResult } from "../import-result.ts";
import { checkLines, DEFAULT_LIMITS, limitExceeded } from "../limits.ts";
import { decodeTableText } from "./decode.ts";
import { diagnostic, partialDiagnostic } from "./messages.ts";
import { type ParseOptions, parseTableText } from "./parse.ts";

export type { TableImportResult } from "../import-result.ts";
export { TABLE_TEXT_MESSAGES, type TableTextCode } from "./messages.ts";

/**
 * Imports a published progress table (進行管理集計表) as text: the tab-separated export of the printed
 * table, in any of the encodings Japanese offices produce. Never throws: whatever the input, the
 * result carries diagnostics, and a document whenever the input reads as a progress table.
 */
export function importTableText(input: Uint8Array | string, options: ParseOptions = {}): TableImportResult {
  try {
    return importUnsafe(input, options);
  } catch (error) {
    // A bug must not take down an upload: report it as a finding about this input.
    const message = error instanceof Error ? error.message : String(error);
    const internal: Diagnostic = {
      severity: "error",
      code: "internal",
      message: `取り込み中に予期しないエラーが起きました：${message}`,
      messageEn: `Unexpected error while importing: ${message}`,
    };
    return { document: null, diagnostics: [internal], encoding: null };
  }
}

function importUnsafe(input: Uint8Array | string, options: ParseOptions): TableImportResult {
  const empty = typeof input === "string" ? input.trim() === "" : input.length === 0;
  if (empty) return { document: null, diagnostics: [diagnostic("input.empty")], encoding: null };
  const limits = options.limits ?? DEFAULT_LIMITS;
  if (typeof input !== "string" && input.length > limits.fileBytes)
    return {
      document: null,
      diagnostics: [limitExceeded("fileBytes", limits.fileBytes, input.length)],
      encoding: null,
    };
  const decoded = decodeTableText(input);
  if (!decoded.ok) return { document: null, diagnostics: [diagnostic("input.binary")], encoding: null };
  const tooLarge = checkLines(decoded.text, limits);
  if (tooLarge) return { document: null, diagnostics: [tooLarge], encoding: decoded.encoding };
  const { document, diagnostics, places } = parseTableText(decoded.text, options);
  if (decoded.cutInsideCharacter) {
    // An interrupted download: whatever was read, the table is not whole.
    const cut = partialDiagnostic("input.cut", options.allowPartial, { encoding: decoded.encoding ?? "?" });
    diagnostics.unshift(cut);
    document?.diagnostics.unshift(cut);
  }
  if (decoded.replaced > 0) {
    const warning = diagnostic("input.replacement", {
      count: decoded.replaced,
      encoding: decoded.encoding ?? "?",
    });
    diagnostics.unshift(warning);
    document?.diagnostics.unshift(warning);
  }
  return { document, diagnostics, encoding: decoded.encoding, places };
}
