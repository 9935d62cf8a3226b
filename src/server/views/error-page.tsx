import type { Context } from "hono";
import { type AppError, errorDetail, errorTitle, type WayOn } from "../errors.ts";
import { renderPage } from "../html.ts";
import { type Lang, makeUi, type Ui } from "../i18n.ts";
import { Layout } from "./layout.tsx";
import { SourceText } from "./source-text.tsx";

export function ErrorPage(props: { ui: Ui; url: URL; error: AppError }) {
  const { ui, error } = props;
  const title = errorTitle(error.id, ui.lang);
  return (
    <Layout
      ui={ui}
      url={props.url}
      title={title}
      breadcrumbs={[{ label: ui.t("site.home"), href: ui.href("/") }, { label: title }]}
    >
      <h1>{title}</h1>
      <p>{errorDetail(error, ui.lang)}</p>
      {error.fields.length > 0 ? (
        <div class="notice">
          <p>{ui.t("error.fields")}</p>
          <ul>
            {error.fields.map((f) => (
              <li>{ui.lang === "ja" ? f.message : f.messageEn}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {error.ways.length > 0 ? (
        <nav aria-labelledby="ways-on">
          <h2 id="ways-on">{ui.t("error.waysOn")}</h2>
          <ul>
            {error.ways.map((way) => (
              <li>
                <a href={ui.href(way.path)}>
                  <WayLabel ui={ui} way={way} />
                </a>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
      <p>
        <a href={ui.href("/")}>{ui.t("error.back")}</a>
      </p>
    </Layout>
  );
}

/** A way's words, the organization's own part marked Japanese on an English page. */
function WayLabel(props: { ui: Ui; way: WayOn }) {
  const { ui, way } = props;
  const [before, after] = way.label[ui.lang].split("{source}");
  if (after === undefined || way.source === undefined) return <>{before}</>;
  return (
    <>
      {before}
      <SourceText ui={ui}>{way.source}</SourceText>
      {after}
    </>
  );
}

/** The HTML answer to a refused page request, in the reader's language. */
export function renderErrorPage(c: Context, error: AppError, lang: Lang) {
  return renderPage(c, <ErrorPage ui={makeUi(lang)} url={new URL(c.req.url)} error={error} />, error.status);
}
