/**
 * A form's answer to what was sent: the values to show again (never a password) and the problems,
 * each tied to the field it concerns (GOV.UK / デジタル庁 error pattern).
 */
export interface FieldError {
  /** The id of the field's input, which the error summary links to. */
  field: string;
  message: string;
}

export function errorFor(errors: readonly FieldError[], field: string): string | undefined {
  return errors.find((e) => e.field === field)?.message;
}
