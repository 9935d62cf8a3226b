import type { PlanDocument } from "../../domain/plan-document.ts";
import type { EntryWorkbookModel } from "../../io/entry-workbook/model.ts";
import { exportCsv } from "../../io/export/csv.ts";
import type { ExportFormat } from "../../io/export/file-name.ts";
import { exportJson } from "../../io/export/json.ts";

export type CsvEncoding = "utf-8" | "shift_jis";

/**
 * One download to render. The bytes are a pure function of this job (the exporters of
 * src/io/export), which is why it can be rendered in a worker thread and kept once rendered.
 */
export interface ExportJob {
  format: ExportFormat;
  document: PlanDocument;
  /** The CSV's character encoding (the other formats ignore it). */
  encoding: CsvEncoding;
  /**
   * The creation date the PDF and the workbook carry (ISO): a publication's downloads carry the
   * date it was published, not the moment they happened to be rendered.
   */
  created: string;
  /** A draft's mark on every page of the PDF and the workbook (「案（令和8年12月2日印刷）」). */
  draftMark?: string;
}

/** A department's entry workbook (入力票), rendered off the event loop like the downloads. */
export interface EntryWorkbookJob {
  format: "entry-workbook";
  model: EntryWorkbookModel;
}

/** The exporters, in whichever thread runs this. */
export async function renderExport(job: ExportJob | EntryWorkbookJob): Promise<Uint8Array> {
  if (job.format === "entry-workbook")
    return (await import("../../io/entry-workbook/write.ts")).writeEntryWorkbook(job.model);
  const now = new Date(job.created);
  const draft = job.draftMark ? { draftMark: job.draftMark } : {};
  switch (job.format) {
    case "xlsx":
      // exceljs and pdfkit load on the first download, not at every start-up: they were about a
      // third of the server's start-up CPU time.
      return (await import("../../io/export/xlsx.ts")).exportXlsx(job.document, { now, ...draft });
    case "pdf":
      return (await import("../../io/export/pdf.ts")).exportPdf(job.document, { now, ...draft });
    case "csv":
      return exportCsv(job.document, { encoding: job.encoding });
    case "json":
      return Buffer.from(exportJson(job.document), "utf8");
  }
}
