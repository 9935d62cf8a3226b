import type { Ui } from "../i18n.ts";
import { exportPath } from "../routes/plans/export.ts";

/** Downloads of one reporting round: the exports of src/io/export/, served by the API. */
export function DownloadLinks(props: { ui: Ui; planId: number; fiscalYear: number }) {
  const { ui, planId, fiscalYear } = props;
  const path = (format: "xlsx" | "pdf" | "csv" | "json") => exportPath(planId, fiscalYear, format);
  const links = [
    { href: path("xlsx"), label: ui.t("downloads.xlsx") },
    { href: path("pdf"), label: ui.t("downloads.pdf") },
    { href: path("csv"), label: ui.t("downloads.csv") },
    { href: `${path("csv")}?encoding=shift_jis`, label: ui.t("downloads.csvSjis") },
    { href: path("json"), label: ui.t("downloads.json") },
  ];
  return (
    <section class="downloads" aria-labelledby="downloads-heading">
      <h2 id="downloads-heading">{ui.t("downloads.heading")}</h2>
      <ul>
        {links.map((link) => (
          <li>
            <a href={link.href} download>
              {link.label}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}
