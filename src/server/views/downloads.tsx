import type { Ui } from "../i18n.ts";
import { exportJsonPath } from "../page-context.ts";

/**
 * Downloads of one reporting round. The plan-document JSON is served by the API; the xlsx / PDF / CSV
 * exporters (src/io/export/) get their links here too.
 */
export function DownloadLinks(props: { ui: Ui; planId: number; fiscalYear: number }) {
  const { ui, planId, fiscalYear } = props;
  return (
    <section class="downloads" aria-labelledby="downloads-heading">
      <h2 id="downloads-heading">{ui.t("downloads.heading")}</h2>
      <ul>
        <li>
          <a href={exportJsonPath(planId, fiscalYear)} download>
            {ui.t("downloads.json")}
          </a>
        </li>
        {/* EXPORT LINKS: add the xlsx, PDF and CSV download links here (one <li> each). */}
      </ul>
    </section>
  );
}
