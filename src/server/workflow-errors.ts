import { WorkflowRefusal } from "../workflow/refusal.ts";
import { AppError } from "./errors.ts";

export { WorkflowRefusal };

/** Refusals about who acts are 403; about the state things are in, 409. */
const FORBIDDEN = new Set(["workflow.notYourDepartment", "workflow.notLead", "workflow.notAllowed"]);

export function workflowError(refusal: WorkflowRefusal): AppError {
  return new AppError(FORBIDDEN.has(refusal.key) ? "workflow.forbidden" : "workflow.refused", {
    key: refusal.key,
  });
}
