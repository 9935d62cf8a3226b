import type { Child } from "hono/jsx";
import { assetHref } from "../assets.ts";
import { LANGS, type Lang, type Ui } from "../i18n.ts";
import { SourceText } from "./source-text.tsx";

export interface Crumb {
  /** Names from the organization's documents come wrapped in SourceText. */
  label: Child;
  /** Absent on the current page. */
  href?: string;
}

export interface PageProps {
  ui: Ui;
  /** The <title>, most specific first. */
  title: string;
  /** The request URL: the language switch links to the same page in the other language. */
  url: URL;
  organization?: { slug: string; name: string };
  breadcrumbs: Crumb[];
  /** Full-width content (the progress table). */
  wide?: boolean;
  stylesheets?: ("progress-table.css" | "site.css" | "forms.css" | "review.css")[];
  /** Signed-in pages: who is signed in, with the way to the management pages and out. */
  accountBar?: Child;
  children?: Child;
}

const LANGUAGE_NAMES: Record<Lang, string> = { ja: "日本語", en: "English" };

/** The same page in `lang`: every other query parameter kept. */
export function switchLanguageHref(url: URL, lang: Lang): string {
  const search = new URLSearchParams(url.search);
  if (lang === "en") search.set("lang", "en");
  else search.delete("lang");
  const text = search.toString();
  return text ? `${url.pathname}?${text}` : url.pathname;
}

export function Layout(props: PageProps) {
  const { ui, organization } = props;
  const wrap = props.wide ? "wrap-wide" : "wrap";
  const homeHref = organization ? ui.href(`/o/${encodeURIComponent(organization.slug)}`) : ui.href("/");
  return (
    <html lang={ui.lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${props.title} | ${organization ? `${organization.name} | ` : ""}${ui.t("site.name")}`}</title>
        <link rel="icon" href="data:," />
        <link rel="stylesheet" href={assetHref("site.css")} />
        {(props.stylesheets ?? []).map((name) => (
          <link rel="stylesheet" href={assetHref(name)} />
        ))}
      </head>
      <body>
        <a class="skip-link" href="#main">
          {ui.t("site.skip")}
        </a>
        <header class="site-header">
          <div class={wrap}>
            <p class="site-title">
              <a href={homeHref}>
                {organization ? <SourceText ui={ui}>{organization.name}</SourceText> : ui.t("site.name")}
                <span class="product">
                  {organization ? `${ui.t("site.name")} — ${ui.t("site.tagline")}` : ui.t("site.tagline")}
                </span>
              </a>
            </p>
            <nav class="language-switch" aria-label={ui.t("site.language")}>
              <ul>
                {LANGS.map((lang) => (
                  <li>
                    <a
                      href={switchLanguageHref(props.url, lang)}
                      lang={lang}
                      hreflang={lang}
                      aria-current={lang === ui.lang ? "true" : undefined}
                    >
                      {LANGUAGE_NAMES[lang]}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
          </div>
        </header>
        <div class={wrap}>
          {props.breadcrumbs.length > 0 ? (
            <nav class="breadcrumbs" aria-label={ui.t("site.breadcrumbs")}>
              <ol>
                {props.breadcrumbs.map((crumb) => (
                  <li>
                    {crumb.href ? (
                      <a href={crumb.href}>{crumb.label}</a>
                    ) : (
                      <span aria-current="page">{crumb.label}</span>
                    )}
                  </li>
                ))}
              </ol>
            </nav>
          ) : null}
          {props.accountBar ?? null}
          <main id="main" tabindex={-1}>
            {props.children}
          </main>
        </div>
        <footer class="site-footer">
          <div class={wrap}>
            <p>{ui.t("site.footer")}</p>
            <p>
              <a href={ui.href("/api/docs")}>{ui.t("apiDocs.title")}</a>
            </p>
          </div>
        </footer>
      </body>
    </html>
  );
}
