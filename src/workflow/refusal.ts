import type { Refusal } from "../domain/workflow.ts";

/**
 * A workflow command refused what was asked: the round or the report is not in a state that allows
 * it, or the person may not do it. Nothing was written. `key` is a message key of the UI catalogue
 * (src/server/i18n-manage.ts) that says why and what to do.
 */
export class WorkflowRefusal extends Error {
  constructor(readonly key: Refusal | WorkflowRefusalKey) {
    super(key);
    this.name = "WorkflowRefusal";
  }
}

export type WorkflowRefusalKey =
  | "workflow.roundExists"
  | "workflow.roundStep"
  | "workflow.reasonRequired"
  | "workflow.notReadyToPublish"
  | "workflow.commentRequired"
  | "workflow.incomplete"
  | "workflow.noEarlierRound"
  | "workflow.gradeNotOnScale"
  | "workflow.notAssessedNotAllowed";

/**
 * A grade (the committee's, or the department's own view) that is not the code of a level of the
 * plan's scale: an A on a plan graded ◎○△×, a code typed into a forged form. `field` names the
 * report field, so a form can put the message on it.
 */
export class GradeNotOnScale extends WorkflowRefusal {
  constructor(
    readonly field: "grade" | "selfGrade",
    readonly code: string,
  ) {
    super("workflow.gradeNotOnScale");
  }
}

/**
 * 対象外 (not graded this year) asked for on a plan that does not allow it (the plan editor's
 * setting): the committee has to choose a level of the scale. `field` names the report field.
 */
export class NotAssessedNotAllowed extends WorkflowRefusal {
  readonly field = "grade" as const;
  constructor() {
    super("workflow.notAssessedNotAllowed");
  }
}
