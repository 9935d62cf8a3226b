import type { Ui } from "../../i18n.ts";
import type { FieldError } from "./errors.ts";

/**
 * The error summary at the top of a form: every problem, each a link to its field. It takes the
 * focus when the page opens (autofocus works without JavaScript), and role=alert announces it.
 */
export function ErrorSummary(props: { ui: Ui; errors: readonly FieldError[] }) {
  const { ui, errors } = props;
  if (errors.length === 0) return null;
  return (
    <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex={-1} autofocus>
      <h2 id="error-summary-title">{ui.t("form.errorSummary")}</h2>
      <ul>
        {errors.map((error) => (
          <li>
            <a href={`#${error.field}`}>{error.message}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The page title of a form with problems starts with 「エラー：」, so a screen reader says it first. */
export function formTitle(ui: Ui, title: string, errors: readonly FieldError[]): string {
  return errors.length > 0 ? `${ui.t("form.errorTitlePrefix")}${title}` : title;
}
