import type { Child } from "hono/jsx";
import { sourceLang, type Ui } from "../../i18n.ts";
import { errorFor, type FieldError } from "./errors.ts";

/** 「必須」/「任意」 beside a label: every field says which it is. */
export function RequiredTag(props: { ui: Ui; required: boolean }) {
  return (
    <span class={props.required ? "tag tag-required" : "tag tag-optional"}>
      {props.ui.t(props.required ? "form.required" : "form.optional")}
    </span>
  );
}

function describedBy(id: string, hint: Child | undefined, error: string | undefined): string | undefined {
  const ids = [hint !== undefined ? `${id}-hint` : undefined, error ? `${id}-error` : undefined].filter(
    Boolean,
  );
  return ids.length > 0 ? ids.join(" ") : undefined;
}

export function InlineError(props: { ui: Ui; id: string; message: string | undefined }) {
  if (!props.message) return null;
  return (
    <p class="field-error" id={`${props.id}-error`}>
      <span class="visually-hidden">{props.ui.t("form.errorPrefix")}</span>
      {props.message}
    </p>
  );
}

/**
 * One text input with its label, 必須/任意, hint and inline error. The value typed is shown again
 * after a refusal (except for passwords, which are never sent back).
 */
export function TextField(props: {
  ui: Ui;
  id: string;
  name?: string;
  label: Child;
  required: boolean;
  hint?: Child;
  value?: string;
  type?: "text" | "email" | "password";
  autocomplete?: string;
  errors: readonly FieldError[];
  width?: "short" | "medium" | "long";
  spellcheck?: boolean;
}) {
  const { ui, id } = props;
  const error = errorFor(props.errors, id);
  return (
    <div class={error ? "field field-invalid" : "field"}>
      <label for={id}>
        {props.label} <RequiredTag ui={ui} required={props.required} />
      </label>
      {props.hint !== undefined ? (
        <p class="hint" id={`${id}-hint`}>
          {props.hint}
        </p>
      ) : null}
      <InlineError ui={ui} id={id} message={error} />
      <input
        type={props.type ?? "text"}
        id={id}
        name={props.name ?? id}
        class={`input-${props.width ?? "medium"}`}
        value={props.type === "password" ? undefined : props.value}
        autocomplete={props.autocomplete}
        spellcheck={props.spellcheck === false ? false : undefined}
        aria-describedby={describedBy(id, props.hint, error)}
        aria-invalid={error ? "true" : undefined}
        required={props.required}
      />
    </div>
  );
}

/** A group of checkboxes in a fieldset whose legend is the question. */
export function CheckboxesField(props: {
  ui: Ui;
  id: string;
  name: string;
  legend: Child;
  required: boolean;
  hint?: Child;
  options: { value: string; label: Child; lang?: string }[];
  checked: readonly string[];
  errors: readonly FieldError[];
}) {
  const { ui, id } = props;
  const error = errorFor(props.errors, id);
  return (
    <div class={error ? "field field-invalid" : "field"}>
      <fieldset aria-describedby={describedBy(id, props.hint, error)}>
        <legend>
          {props.legend} <RequiredTag ui={ui} required={props.required} />
        </legend>
        {props.hint !== undefined ? (
          <p class="hint" id={`${id}-hint`}>
            {props.hint}
          </p>
        ) : null}
        <InlineError ui={ui} id={id} message={error} />
        <div class="checkboxes checkboxes-stacked">
          {props.options.map((option, index) => (
            <label lang={option.lang}>
              <input
                type="checkbox"
                name={props.name}
                value={option.value}
                id={index === 0 ? id : `${id}-${index}`}
                checked={props.checked.includes(option.value)}
              />
              {option.label}
            </label>
          ))}
        </div>
      </fieldset>
    </div>
  );
}

/** The CSRF token every form carries (src/server/auth/csrf.ts). */
export function CsrfField(props: { token: string }) {
  return <input type="hidden" name="_csrf" value={props.token} />;
}

/** A one-button form for an action (sign out, disable, revoke): POST, with its CSRF token. */
export function ActionButton(props: {
  action: string;
  token: string;
  label: Child;
  variant?: "secondary" | "warning";
  hidden?: Record<string, string>;
}) {
  return (
    <form method="post" action={props.action} class="action-form">
      <CsrfField token={props.token} />
      {Object.entries(props.hidden ?? {}).map(([name, value]) => (
        <input type="hidden" name={name} value={value} />
      ))}
      <button type="submit" class={props.variant ? `button-${props.variant}` : undefined}>
        {props.label}
      </button>
    </form>
  );
}

/** A multi-line text field with its label, 必須/任意, hint and inline error. */
export function TextAreaField(props: {
  ui: Ui;
  id: string;
  name?: string;
  label: Child;
  required: boolean;
  hint?: Child;
  value: string;
  errors: readonly FieldError[];
  rows?: number;
  source?: boolean;
}) {
  const { ui, id } = props;
  const error = errorFor(props.errors, id);
  const described = [props.hint !== undefined ? `${id}-hint` : "", error ? `${id}-error` : ""]
    .filter(Boolean)
    .join(" ");
  return (
    <div class={error ? "field field-invalid" : "field"}>
      <label for={id}>
        {props.label} <RequiredTag ui={ui} required={props.required} />
      </label>
      {props.hint !== undefined ? (
        <p class="hint" id={`${id}-hint`}>
          {props.hint}
        </p>
      ) : null}
      <InlineError ui={ui} id={id} message={error} />
      <textarea
        id={id}
        name={props.name ?? id}
        rows={props.rows ?? 4}
        lang={props.source ? sourceLang(ui) : undefined}
        aria-describedby={described || undefined}
        aria-invalid={error ? "true" : undefined}
        required={props.required}
      >
        {props.value}
      </textarea>
    </div>
  );
}
