import type { Ui } from "../i18n.ts";
import { exportPath } from "../routes/plans/export.ts";

type Props = { ui: Ui; planId: number; fiscalYear: number };

function downloadLinks({ ui, planId, fiscalYear }: Props, short: boolean) {
  const path = (format: "xlsx" | "pdf" | "csv" | "json") => exportPath(planId, fiscalYear, format);
  const label = (key: Parameters<Ui["t"]>[0]) => ui.t(key);
  return [
    { href: path("xlsx"), label: label(short ? "downloads.xlsxShort" : "downloads.xlsx") },
    { href: path("pdf"), label: label(short ? "downloads.pdfShort" : "downloads.pdf") },
    { href: path("csv"), label: label(short ? "downloads.csvShort" : "downloads.csv") },
    {
      href: `${path("csv")}?encoding=shift_jis`,
      label: label(short ? "downloads.csvSjisShort" : "downloads.csvSjis"),
    },
    { href: path("json"), label: label(short ? "downloads.jsonShort" : "downloads.json") },
  ];
}

/**
 * The same downloads in one line under a page's title, so that a long page (the progress table is
 * 6,000 px tall) offers them without scrolling to its end. A paragraph, not a second landmark.
 */
export function DownloadLinksInline(props: Props) {
  const links = downloadLinks(props, true);
  return (
    <p class="downloads-inline">
      {props.ui.t("downloads.inline")}
      {links.map((link, i) => (
        <>
          {i > 0 ? " · " : props.ui.lang === "ja" ? "" : " "}
          <a href={link.href} download>
            {link.label}
          </a>
        </>
      ))}
    </p>
  );
}

/** Downloads of one reporting round: the exports of src/io/export/, served by the API. */
export function DownloadLinks(props: Props) {
  const { ui } = props;
  const links = downloadLinks(props, false);
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
