import { ERRORS, type ErrorId } from "../../errors.ts";
import type { Ui } from "../../i18n.ts";
import { Layout } from "../../views/layout.tsx";
import { WithQuotedSource } from "../../views/source-text.tsx";
import { TableScroll } from "../../views/table-scroll.tsx";
import { clientExample, generateCommand } from "./client-example.ts";
import type { OpenApiDocument } from "./openapi.ts";

interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  description?: string;
  schema?: SchemaLike;
}

interface SchemaLike {
  type?: string | string[];
  enum?: unknown[];
  anyOf?: SchemaLike[];
  oneOf?: SchemaLike[];
  items?: SchemaLike;
  $ref?: string;
}

const METHODS = ["get", "post", "put", "patch", "delete"] as const;

/** "integer", "string (A | B | C | D)", "Grade | Grade[]" — a one-line reading of a parameter's schema. */
export function schemaText(schema: SchemaLike | undefined): string {
  if (!schema) return "";
  if (schema.$ref) return schema.$ref.split("/").at(-1) ?? "";
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives) return alternatives.map(schemaText).join(" | ");
  if (schema.type === "array") return `${schemaText(schema.items)}[]`;
  const type = Array.isArray(schema.type) ? schema.type.join(" | ") : (schema.type ?? "");
  return schema.enum ? `${type} (${schema.enum.join(" | ")})` : type;
}

function anchor(method: string, path: string): string {
  return `${method}-${path.replace(/[^A-Za-z0-9]+/g, "-").replace(/^-|-$/g, "")}`;
}

export function ApiDocsPage(props: { ui: Ui; url: URL; document: OpenApiDocument }) {
  const { ui, document } = props;
  const operations = Object.entries(document.paths ?? {}).flatMap(([path, item]) =>
    METHODS.flatMap((method) => {
      const op = (item as Record<string, unknown>)[method] as
        | {
            summary?: string;
            description?: string;
            parameters?: Parameter[];
            responses?: Record<string, { description?: string }>;
          }
        | undefined;
      return op ? [{ path, method, op }] : [];
    }),
  );
  return (
    <Layout
      ui={ui}
      url={props.url}
      title={ui.t("apiDocs.title")}
      breadcrumbs={[{ label: ui.t("site.home"), href: ui.href("/") }, { label: ui.t("apiDocs.title") }]}
    >
      <h1>{ui.t("apiDocs.title")}</h1>
      <p class="lead">{ui.t("apiDocs.lead")}</p>
      <p>{document.info.description}</p>
      <p>
        <a href={ui.href("/api/v1/openapi.json")}>
          {ui.t("apiDocs.document", { version: document.openapi })}
        </a>
      </p>
      <nav aria-labelledby="api-toc">
        <h2 id="api-toc">{ui.lang === "ja" ? "目次" : "Contents"}</h2>
        <ul>
          {operations.map(({ path, method, op }) => (
            <li>
              <a href={`#${anchor(method, path)}`}>
                <span class="path">
                  {method.toUpperCase()} {path}
                </span>
              </a>{" "}
              {op.summary}
            </li>
          ))}
          <li>
            <a href="#client-example">{ui.t("apiDocs.clientHeading")}</a>
          </li>
          <li>
            <a href="#problems">{ui.lang === "ja" ? "エラー応答" : "Error responses"}</a>
          </li>
        </ul>
      </nav>
      {operations.map(({ path, method, op }) => (
        <section aria-labelledby={anchor(method, path)}>
          <h2 id={anchor(method, path)}>
            <span class="method">{method.toUpperCase()}</span> <span class="path">{path}</span>
          </h2>
          <p>{op.summary}</p>
          {op.description ? <p>{op.description}</p> : null}
          {op.parameters && op.parameters.length > 0 ? (
            <TableScroll labelledBy={`${anchor(method, path)}-parameters`}>
              <table class="data">
                <caption id={`${anchor(method, path)}-parameters`}>{ui.t("apiDocs.parameters")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{ui.t("apiDocs.name")}</th>
                    <th scope="col">{ui.t("apiDocs.in")}</th>
                    <th scope="col">{ui.t("apiDocs.required")}</th>
                    <th scope="col">{ui.t("apiDocs.type")}</th>
                    <th scope="col">{ui.t("apiDocs.description")}</th>
                  </tr>
                </thead>
                <tbody>
                  {op.parameters.map((p) => (
                    <tr>
                      <th scope="row">
                        <code>{p.name}</code>
                      </th>
                      <td>{p.in}</td>
                      <td>{p.required ? ui.t("apiDocs.yes") : ui.t("apiDocs.no")}</td>
                      <td>
                        <code>{schemaText(p.schema)}</code>
                      </td>
                      <td>
                        <WithQuotedSource ui={ui} text={p.description ?? ""} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          ) : null}
          <TableScroll labelledBy={`${anchor(method, path)}-responses`}>
            <table class="data">
              <caption id={`${anchor(method, path)}-responses`}>{ui.t("apiDocs.responses")}</caption>
              <thead>
                <tr>
                  <th scope="col">{ui.t("apiDocs.status")}</th>
                  <th scope="col">{ui.t("apiDocs.description")}</th>
                </tr>
              </thead>
              <tbody>
                {Object.entries(op.responses ?? {}).map(([status, response]) => (
                  <tr>
                    <th scope="row">{status}</th>
                    <td>{response.description ?? ""}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </section>
      ))}
      <section aria-labelledby="client-example">
        <h2 id="client-example">{ui.t("apiDocs.clientHeading")}</h2>
        <p>{ui.t("apiDocs.clientLead")}</p>
        <p>{ui.t("apiDocs.clientGenerate")}</p>
        {/* Focusable: a phone scrolls the long lines sideways, with the keyboard too. */}
        <section class="code-scroll" tabindex={0} aria-label={ui.t("apiDocs.clientGenerate")}>
          <pre>
            <code>{generateCommand(props.url.origin)}</code>
          </pre>
        </section>
        <p>{ui.t("apiDocs.clientUse")}</p>
        <section class="code-scroll" tabindex={0} aria-label={ui.t("apiDocs.clientHeading")}>
          <pre>
            <code>{clientExample(props.url.origin)}</code>
          </pre>
        </section>
      </section>
      <section aria-labelledby="problems">
        <h2 id="problems">{ui.lang === "ja" ? "エラー応答" : "Error responses"}</h2>
        <p>{ui.t("apiDocs.errors")}</p>
        <dl class="facts">
          {(Object.keys(ERRORS) as ErrorId[]).map((id) => (
            <>
              <dt id={`problem-${id}`}>
                <code>{id}</code>
                {ui.lang === "ja" ? `（${ERRORS[id].status}）` : ` (${ERRORS[id].status})`}
              </dt>
              <dd>{ERRORS[id].title[ui.lang]}</dd>
            </>
          ))}
        </dl>
      </section>
    </Layout>
  );
}
