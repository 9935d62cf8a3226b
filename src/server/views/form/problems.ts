import type { Problem } from "../../../domain/account-rules.ts";
import type { MessageKey, Ui } from "../../i18n.ts";
import type { FieldError } from "./errors.ts";

/** The domain's problems (a field and a message key) in the reader's words. */
export function fieldErrors(ui: Ui, problems: readonly Problem[]): FieldError[] {
  return problems.map((p) => ({ field: p.field, message: ui.t(p.key as MessageKey, p.params) }));
}
