import type { Child } from "hono/jsx";
import { sourceLang, type Ui } from "../i18n.ts";

/**
 * Text taken from an organization's documents (titles, names, KPI values, report texts) where it sits
 * among UI words: on an English page it is wrapped in a span marked Japanese (WCAG 3.1.2, language of
 * parts); on a Japanese page it is printed as it is. An element that holds nothing but such text takes
 * `lang={sourceLang(ui)}` itself instead.
 */
export function SourceText(props: { ui: Ui; children?: Child }) {
  const lang = sourceLang(props.ui);
  return lang ? <span lang={lang}>{props.children}</span> : props.children;
}

/**
 * An interface sentence that quotes the organization's text in double quotes (an English reason why an
 * achievement cannot be computed: the target "実施(31年度)" and …): on an English page each quoted
 * part is marked Japanese.
 */
export function WithQuotedSource(props: { ui: Ui; text: string }) {
  if (!sourceLang(props.ui)) return <>{props.text}</>;
  return (
    <>
      {props.text.split(/("[^"]*")/).map((part) =>
        /^"[^"]*"$/.test(part) ? (
          <>
            "<SourceText ui={props.ui}>{part.slice(1, -1)}</SourceText>"
          </>
        ) : (
          part
        ),
      )}
    </>
  );
}
