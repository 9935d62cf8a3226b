import { dirname, join, resolve } from "node:path";
import openapiTS, { astToString } from "openapi-typescript";
import ts from "typescript";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStore } from "../../../store/index.ts";
import type { Store } from "../../../store/types.ts";
import { createApp } from "../../app.ts";
import { clientExample, TYPES_FILE } from "./client-example.ts";

/**
 * Type-checks `files` (virtual, in a folder of the project so that "openapi-fetch" resolves from its
 * node_modules) and returns the diagnostics as text.
 */
function typeCheck(files: Record<string, string>): string[] {
  const folder = resolve(dirname(new URL(import.meta.url).pathname), ".client-example");
  const virtual = new Map(Object.entries(files).map(([name, text]) => [join(folder, name), text]));
  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    lib: ["lib.es2022.d.ts", "lib.dom.d.ts"],
    types: [],
    skipLibCheck: true,
  };
  const host = ts.createCompilerHost(options);
  const { getSourceFile, fileExists, readFile, directoryExists } = host;
  host.fileExists = (name) => virtual.has(name) || fileExists(name);
  host.directoryExists = (name) => name === folder || (directoryExists?.(name) ?? true);
  host.readFile = (name) => virtual.get(name) ?? readFile(name);
  host.getSourceFile = (name, version, ...rest) => {
    const text = virtual.get(name);
    return text === undefined
      ? getSourceFile(name, version, ...rest)
      : ts.createSourceFile(name, text, version);
  };
  const program = ts.createProgram([...virtual.keys()], options, host);
  return ts
    .getPreEmitDiagnostics(program)
    .map((d) => `${d.file?.fileName ?? ""}: ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`);
}

// The OpenAPI document does not depend on the data or the database: one empty SQLite store will do.
describe("the typed client example", () => {
  let store: Store;
  let app: ReturnType<typeof createApp>;
  let types: string;
  afterAll(async () => {
    await store.close();
  });
  beforeAll(async () => {
    store = await openStore(":memory:");
    await store.migrate();
    app = createApp({ store });
    const document = await (await app.request("/api/v1/openapi.json")).json();
    types = astToString(await openapiTS(document));
  });

  it("the API page's client example type-checks against types generated from the served document", () => {
    expect(types).toContain('"/api/v1/plans/{planId}/rounds/{fiscalYear}/initiatives"');
    expect(typeCheck({ [TYPES_FILE]: types, "example.ts": clientExample("http://localhost:3000") })).toEqual(
      [],
    );
  });

  it("and the check would catch a stale example (a field the API does not have)", () => {
    const stale = clientExample("http://localhost:3000").replace("statusLabelEn", "achievementText");
    expect(typeCheck({ [TYPES_FILE]: types, "example.ts": stale }).join("\n")).toContain("achievementText");
  });

  it("is shown on the API page with the command that generates the types", async () => {
    const html = await (await app.request("/api/docs")).text();
    expect(html).toContain(
      "npx openapi-typescript http://localhost/api/v1/openapi.json -o shinchoku-api.d.ts",
    );
    expect(html).toContain("import createClient from &quot;openapi-fetch&quot;;");
  });
});
