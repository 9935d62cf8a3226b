/**
 * Tagged PDF (ISO 32000-1 §14.8): the structure tree a screen reader follows (headings, paragraphs, a
 * table with header cells and merged cells, in reading order) and the artifacts it skips (borders,
 * fills, the title and header rows repeated on later pages, page numbers, the （続き） markers).
 * pdfkit writes the tree; these helpers keep every drawing call either inside a tagged element's
 * content or inside an artifact, as PDF/UA asks of all page content.
 */

/** A structure element and its type (the tag its marked content carries). */
export interface Tag {
  type: string;
  element: PDFKit.PDFStructureElement;
}

/** Table attributes of a cell (the /Table attribute owner): header scope and merged rows, columns. */
export interface CellAttributes {
  scope?: "Row" | "Column";
  rowSpan?: number;
  colSpan?: number;
}

/** pdfkit keeps the element's dictionary here; its typings do not say so. */
interface WithDictionary {
  dictionary: { data: Record<string, unknown> };
}

/**
 * A structure element. `actual` is the text a reader gets when what is drawn differs from it (an ASCII
 * "~" drawn as an en dash, pdf/measure.ts drawnText).
 */
export function tag(
  pdf: PDFKit.PDFDocument,
  type: string,
  attributes: CellAttributes = {},
  actual?: string,
): Tag {
  const element = pdf.struct(type, actual ? { actual } : {});
  const table: Record<string, unknown> = {};
  if (attributes.scope) table.Scope = attributes.scope;
  if (attributes.rowSpan && attributes.rowSpan > 1) table.RowSpan = attributes.rowSpan;
  if (attributes.colSpan && attributes.colSpan > 1) table.ColSpan = attributes.colSpan;
  // Written as names and numbers: /A << /O /Table /Scope /Column /RowSpan 3 >>.
  if (Object.keys(table).length > 0)
    (element as unknown as WithDictionary).dictionary.data.A = { O: "Table", ...table };
  return { type, element };
}

/** `parent` takes `children` in reading order. */
export function nest(parent: Tag, children: Tag[]): Tag {
  for (const child of children) parent.element.add(child.element);
  return parent;
}

/** Draws content of `tag` on the current page (one marked-content sequence; a tag may have several). */
export function tagged(pdf: PDFKit.PDFDocument, target: Tag, draw: () => void): void {
  const content = pdf.markStructureContent(target.type);
  draw();
  pdf.endMarkedContent();
  target.element.add(content);
}

/**
 * Draws what is not the document's content. "Pagination" for what a page repeats (running title,
 * header rows, page numbers), "Layout" for rules and fills.
 */
export function artifact(pdf: PDFKit.PDFDocument, draw: () => void, type: "Pagination" | "Layout"): void {
  pdf.markContent("Artifact", { type });
  draw();
  pdf.endMarkedContent();
}
