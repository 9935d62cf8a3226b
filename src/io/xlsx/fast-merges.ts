import ExcelJS from "exceljs";

/**
 * exceljs checks every new merged range against every existing one (worksheet._mergeCellsInternal),
 * both when we write merges and when it loads a workbook's merges. A progress table merges about
 * eight cells per initiative, so 1,000 initiatives made that check take seconds (quadratic). This
 * keeps, per worksheet, an index from each merged cell to its range's master, checks a new range
 * against the cells it covers only, and then lets exceljs's own method do the merge with an empty
 * list to check. The behaviour is the same, including the error for overlapping merges; only the
 * cost changes. Installed once, when the xlsx exporter or importer is loaded.
 */

interface MergeRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
  intersects(other: MergeRange): boolean;
}

interface WorksheetInternals {
  _merges: Record<string, MergeRange>;
  _mergeCellsInternal(dimensions: MergeRange, ignoreStyle?: boolean): void;
}

const INSTALLED = Symbol.for("shinchoku.exceljs.fast-merges");

/** Per merges object (a worksheet replaces it when its model is set): "row:column" → master address. */
const indexes = new WeakMap<object, Map<string, string>>();

function cellsOf(range: MergeRange): string[] {
  const cells: string[] = [];
  for (let r = range.top; r <= range.bottom; r++)
    for (let c = range.left; c <= range.right; c++) cells.push(`${r}:${c}`);
  return cells;
}

function indexOf(merges: Record<string, MergeRange>): Map<string, string> {
  let index = indexes.get(merges);
  if (!index) {
    index = new Map();
    for (const [master, range] of Object.entries(merges))
      for (const cell of cellsOf(range)) index.set(cell, master);
    indexes.set(merges, index);
  }
  return index;
}

export function installFastMerges(): void {
  const probe = new ExcelJS.Workbook().addWorksheet("probe") as unknown as WorksheetInternals;
  const proto = Object.getPrototypeOf(probe) as WorksheetInternals & { [INSTALLED]?: boolean };
  const original = proto._mergeCellsInternal;
  // Only the exceljs internals this was written against; anything else keeps exceljs's own method.
  if (proto[INSTALLED] || typeof original !== "function" || typeof probe._merges !== "object") return;
  proto[INSTALLED] = true;
  proto._mergeCellsInternal = function (
    this: WorksheetInternals,
    dimensions: MergeRange,
    ignoreStyle?: boolean,
  ) {
    const merges = this._merges;
    const index = indexOf(merges);
    for (const cell of cellsOf(dimensions)) {
      const master = index.get(cell);
      // An index entry may outlive an unmerge: only a range still merged counts.
      if (master !== undefined && merges[master]?.intersects(dimensions)) {
        throw new Error("Cannot merge already merged cells");
      }
    }
    this._merges = {};
    try {
      original.call(this, dimensions, ignoreStyle);
    } finally {
      const added = this._merges;
      this._merges = merges;
      for (const [master, range] of Object.entries(added)) {
        merges[master] = range;
        for (const cell of cellsOf(range)) index.set(cell, master);
      }
    }
  };
}

installFastMerges();
