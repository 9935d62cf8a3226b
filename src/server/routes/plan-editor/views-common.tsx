import type { Child } from "hono/jsx";
import { ErrorSummary, formTitle } from "../../views/form/error-summary.tsx";
import type { FieldError } from "../../views/form/errors.ts";
import { CsrfField } from "../../views/form/field.tsx";
import { Layout } from "../../views/layout.tsx";
import { SourceText } from "../../views/source-text.tsx";
import { ManageLayoutBar, manageCrumbs } from "../manage/views.tsx";
import { type PageProps, plansPath, structurePath } from "./context.ts";

/** Every page of the plan editor: its crumbs, the error summary, a refusal, what was just done. */
export function EditorPage(props: {
  page: PageProps;
  title: string;
  errors?: readonly FieldError[];
  refusal?: string | undefined;
  done?: string | undefined;
  plan?: { id: number; title: string };
  crumb?: string;
  children?: Child;
}) {
  const { page } = props;
  const { ui, organization, t } = page;
  const errors = props.errors ?? [];
  const crumbs = [
    ...manageCrumbs(ui, organization, t("plans.title")).slice(0, -1),
    props.plan || props.crumb
      ? { label: t("plans.title"), href: ui.href(plansPath(organization.slug)) }
      : { label: t("plans.title") },
    ...(props.plan
      ? [
          props.crumb
            ? {
                label: <SourceText ui={ui}>{props.plan.title}</SourceText>,
                href: ui.href(structurePath(organization.slug, props.plan.id)),
              }
            : { label: <SourceText ui={ui}>{props.plan.title}</SourceText> },
        ]
      : []),
    ...(props.crumb ? [{ label: props.crumb }] : []),
  ];
  return (
    <Layout
      ui={ui}
      url={page.url}
      title={formTitle(ui, props.title, errors)}
      organization={organization}
      stylesheets={["forms.css", "review.css"]}
      breadcrumbs={crumbs}
      accountBar={<ManageLayoutBar {...page} />}
    >
      <ErrorSummary ui={ui} errors={errors} />
      {props.refusal ? (
        <div class="error-summary" role="alert" aria-labelledby="refusal-title" tabindex={-1} autofocus>
          <h2 id="refusal-title">{t("refused.title")}</h2>
          <p>{props.refusal}</p>
          <p>{t("refused.nothingWritten")}</p>
        </div>
      ) : null}
      {props.done ? (
        <p class="notice-success" role="status">
          {props.done}
        </p>
      ) : null}
      <h1>{props.title}</h1>
      {props.children}
    </Layout>
  );
}

/** A one-button form (move, retire, restore, unlist) whose button names what it acts on. */
export function SmallAction(props: {
  page: PageProps;
  action: string;
  label: string;
  accessibleLabel: string;
  fields: Record<string, string>;
  variant?: "secondary" | "warning";
}) {
  return (
    <form method="post" action={props.action} class="action-form inline-action">
      <CsrfField token={props.page.csrf} />
      {Object.entries(props.fields).map(([name, value]) => (
        <input type="hidden" name={name} value={value} />
      ))}
      <button
        type="submit"
        class={`button-${props.variant ?? "secondary"}`}
        aria-label={props.accessibleLabel}
      >
        {props.label}
      </button>
    </form>
  );
}

/** 「廃止」 in words beside a retired item's name: what marks it, not its colour alone. */
export function RetiredTag(props: { page: PageProps }) {
  return <span class="tag tag-retired">{props.page.t("structure.retired")}</span>;
}
