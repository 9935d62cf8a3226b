import type { PlanRecord, RoundRecord } from "../../../store/types.ts";
import type { MessageKey, Ui } from "../../i18n.ts";
import { sourceLang } from "../../i18n.ts";
import { planPath } from "../../page-context.ts";
import { fiscalYearText } from "../../views/dates.tsx";
import { manageCrumbs } from "../manage/views.tsx";
import { manageRoundPath, type PageProps } from "./context.ts";

/** Breadcrumbs: organization › 管理画面 › plan FY › (page). */
export function roundCrumbs(props: PageProps, plan: PlanRecord, fiscalYear: number, current?: string) {
  const { ui, organization } = props;
  const crumbs = manageCrumbs(ui, organization, `${plan.title} ${fiscalYearText(fiscalYear, ui.lang)}`);
  if (current === undefined) return crumbs;
  const last = crumbs.at(-1);
  if (last) last.href = ui.href(manageRoundPath(organization.slug, plan.id, fiscalYear));
  return [...crumbs, { label: current }];
}

/** The links between this round's pages, for the secretariat (and grading for the committee). */
export function RoundNav(props: {
  ui: Ui;
  slug: string;
  plan: PlanRecord;
  round: RoundRecord;
  secretariat: boolean;
  current: "dashboard" | "settings" | "grading" | "publish";
}) {
  const { ui, slug, plan, round } = props;
  const base = manageRoundPath(slug, plan.id, round.fiscalYear);
  const links: {
    key: typeof props.current | "csv" | "csvSjis" | "revisions";
    href: string;
    query?: Record<string, string>;
    label: MessageKey;
  }[] = [
    ...(props.secretariat
      ? [
          { key: "dashboard" as const, href: base, label: "round.toDashboard" as const },
          { key: "settings" as const, href: `${base}/settings`, label: "round.toSettings" as const },
        ]
      : []),
    { key: "grading", href: `${base}/grading`, label: "round.toGrading" },
    ...(props.secretariat
      ? [
          { key: "publish" as const, href: `${base}/publish`, label: "round.toPublish" as const },
          { key: "csv" as const, href: `${base}/audit.csv`, label: "round.toAuditCsv" as const },
          {
            key: "csvSjis" as const,
            href: `${base}/audit.csv`,
            query: { encoding: "shift_jis" },
            label: "round.toAuditCsvSjis" as const,
          },
          {
            key: "revisions" as const,
            href: `${planPath(slug, plan.id, round.fiscalYear)}/revisions`,
            label: "round.toRevisions" as const,
          },
        ]
      : []),
  ];
  return (
    <nav class="round-nav" aria-label={ui.t("round.actions")}>
      <ul>
        {links.map((link) => (
          <li>
            <a
              href={ui.href(link.href, link.query)}
              aria-current={link.key === props.current ? "page" : undefined}
            >
              {ui.t(link.label)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** A refusal that concerns no one field: why, and that nothing was written. */
export function RefusalNotice(props: { ui: Ui; message: string | undefined }) {
  if (!props.message) return null;
  return (
    <div class="error-summary" role="alert" aria-labelledby="refusal-title" tabindex={-1} autofocus>
      <h2 id="refusal-title">{props.ui.t("round.refusedTitle")}</h2>
      <p>{props.message}</p>
      <p>{props.ui.t("round.nothingWritten")}</p>
    </div>
  );
}

export function DoneNotice(props: { message: string | undefined }) {
  if (!props.message) return null;
  return (
    <p class="notice-success" role="status">
      {props.message}
    </p>
  );
}

/** Text kept as written (line breaks shown), marked as the organization's language. */
export function Prose(props: { ui: Ui; text: string; empty?: string }) {
  if (props.text.trim() === "") return <p class="muted">{props.empty ?? "—"}</p>;
  return (
    <p class="prose" lang={sourceLang(props.ui)}>
      {props.text}
    </p>
  );
}
