import { createRequire } from "node:module";

/**
 * Where the program finds the files it reads at run time, the same from the sources (tsx, vitest) and
 * from the bundle in dist/:
 * - its own files (stylesheets, the sample table) live under src/, and the build copies every file of
 *   src/ that is not TypeScript to the same place under dist/. The bundle's chunks sit at the top of
 *   dist/ as this module sits at the top of src/, so a URL relative to this module finds them in both.
 * - files of installed packages (the PDF fonts) are resolved through node_modules, which the bundle
 *   leaves out.
 */
export function ownFile(pathFromSrc: string): URL {
  return new URL(pathFromSrc, import.meta.url);
}

const require = createRequire(import.meta.url);

/** The path of a file inside an installed package, e.g. "some-package/fonts/a.ttf". */
export function packageFile(specifier: string): string {
  return require.resolve(specifier);
}
