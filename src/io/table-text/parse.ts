import type { Diagnostic } from "../../domain/diagnostic.ts";
import { fiscalYearOfDate } from "../../domain/era.ts";
import { type Grade, type GradeSummary, isGrade, summarizeGrades } from "../../domain/grade.ts";
import { checkDeclaredSummary } from "../../domain/grade-summary.ts";
import type { SourcePlace } from "../../domain/import-departments.ts";
import {
  assignInitiativeNumbers,
  type InitiativeNumberReading,
  initiativeNumberKey,
  readInitiativeNumber,
} from "../../domain/initiative-number.ts";
import { kpiParseContext } from "../../domain/kpi-context.ts";
import { parseKpiLabel } from "../../domain/kpi-label.ts";
import { parseKpiValue } from "../../domain/kpi-parse.ts";
import type { KpiParseContext, KpiValue } from "../../domain/kpi-value.ts";
import {
  type Initiative,
  type Kpi,
  PLAN_DOCUMENT_FORMAT,
  type PlanDocument,
  type Policy,
} from "../../domain/plan-document.ts";
import { toHalfWidth } from "../../domain/text-width.ts";
import type { ImportLimits } from "../limits.ts";
import { parseFooter } from "./footer.ts";
import {
  DEFAULT_FIELD_LABELS,
  FIELD_LETTERS,
  type FieldLetter,
  type HeaderInfo,
  parseHeader,
  parseSubheader,
  type SubheaderInfo,
} from "./header.ts";
import { isGradeCell, isValueLike, type RawKpi, readKpiBlock, readKpiRange } from "./kpi-cells.ts";
import { classifyCells, forEachRecord, type LineKind } from "./lines.ts";
import { diagnostic, excerpt, partialDiagnostic } from "./messages.ts";
import { linkRelistedKpis } from "./relist.ts";
import { MAX_TITLE_LENGTH, parseTitle, type TitleInfo } from "./title.ts";

export interface ParseOptions {
  organizationName?: string;
  /** How large the input may be (default: DEFAULT_LIMITS). */
  limits?: ImportLimits;
  /**
   * Read a table that is not whole (cut inside a character, without its footer, or with lines after
   * the footer) with warnings instead of errors; lines after the footer are skipped either way.
   */
  allowPartial?: boolean;
}

interface KpiDraft {
  raw: RawKpi;
  line: number;
}

interface InitiativeDraft {
  initiative: Initiative;
  /** The No. cell as read; the key is assigned once every row is read (assignInitiativeNumbers). */
  reading: InitiativeNumberReading;
  kpis: KpiDraft[];
  line: number;
  /** "policies[0].initiatives[2]" */
  field: string;
}

/** "(ア) 市民と行政との協働体制の確立": a short code in brackets (kana, letters, digits, numerals), then the title. */
const POLICY =
  /^([(（]\s*[ァ-ヶぁ-ゖA-Za-zＡ-Ｚａ-ｚ0-9０-９Ⅰ-Ⅻⅰ-ⅻ①-⑳一二三四五六七八九十]{1,4}\s*[)）])\s*(\S[\s\S]*)$/;

const GRADE_WORDS: ReadonlyMap<string, Grade> = new Map([
  ["順調", "A"],
  ["ほぼ順調", "B"],
  ["やや遅れ", "C"],
  ["停滞", "D"],
]);
const GRADE_LABELED = /^([A-Da-d])[(:]?(順調|ほぼ順調|やや遅れ|停滞)\)?$/;

/**
 * A first cell without a policy code is taken for an uncoded policy only on a row as full as an
 * initiative row, so that a KPI row written with bare numbers (名称 | 52 | 62 | 66) never becomes
 * initiative No.52.
 */
const MIN_CELLS_FOR_UNCODED_POLICY = 7;

/** "B", "Ｂ", "b", and the legend's words alone or after their letter: 「ほぼ順調」, 「B（ほぼ順調）」. */
function gradeOf(text: string): Grade | undefined {
  if (text.length > 12) return undefined;
  const normalized = toHalfWidth(text).replace(/\s+/g, "");
  const letter = normalized.toUpperCase();
  if (isGrade(letter)) return letter;
  const labeled = GRADE_LABELED.exec(normalized);
  const word = GRADE_WORDS.get(labeled ? (labeled[2] as string) : normalized);
  return word && (!labeled || labeled[1]?.toUpperCase() === word) ? word : undefined;
}

/** A cell that stands where the grade belongs: any single letter (E is read, then refused) or a grade. */
function isGradeSlot(cell: string): boolean {
  return isGradeCell(cell) || gradeOf(cell) !== undefined;
}

/** Whether a cell is an initiative's No.: 1, １, No.3, and as cities write them, 1-2, (1)-①, No.R1-1. */
const isNumberCell = (cell: string) => readInitiativeNumber(cell) !== undefined;

function parsePolicy(cell: string): { code: string; title: string } | undefined {
  if (cell.length > 200) return undefined;
  const m = POLICY.exec(cell);
  return m ? { code: m[1] as string, title: (m[2] as string).trim() } : undefined;
}

/** "政策企画課 関係各課" → ["政策企画課", "関係各課"], lead first. */
function splitDepartments(cell: string): string[] {
  return cell.split(/[\s、,，]+/).filter((d) => d !== "");
}

function nextNonEmpty(cells: readonly string[], from: number): number {
  for (let i = from; i < cells.length; i++) if (cells[i] !== "") return i;
  return -1;
}

/**
 * Whether the cells from `from` on are exactly the three values of a columnar KPI row
 * (「(1) 件数 | 52 | 62 | 66」), which must not be taken for an initiative numbered 52.
 */
function looksLikeKpiRow(cells: readonly string[], from: number): boolean {
  if (from === -1) return false;
  let values = 0;
  for (let i = from; i < cells.length; i++) {
    const cell = cells[i] as string;
    if (cell === "") continue;
    if (++values > 3 || !isValueLike(cell)) return false;
  }
  return values === 3;
}

function firstGradeCell(cells: readonly string[], from: number): number {
  for (let i = from; i < cells.length; i++) if (isGradeCell(cells[i] as string)) return i;
  return -1;
}

/** The state of one pass over the lines; `finish` turns it into the document. */
class TableReader {
  readonly diagnostics: Diagnostic[] = [];
  /** Where each initiative's 関係課 and 進捗状況 were read (ImportResult.places). */
  readonly places: Record<string, SourcePlace> = {};
  private title: (TitleInfo & { line: number }) | undefined;
  private header: HeaderInfo | undefined;
  private subheader: SubheaderInfo | undefined;
  private footer: { line: number; summary?: GradeSummary } | undefined;
  /** Non-blank lines after the footer: never read as part of the table. */
  private trailing: { first: number; text: string; count: number } | undefined;
  private readonly policies: Policy[] = [];
  /** Policies by code and title, with their index: a policy printed again continues. */
  private readonly policyIndex = new Map<string, { policy: Policy; index: number }>();
  private policy: Policy | undefined;
  private readonly drafts: InitiativeDraft[] = [];
  private current: InitiativeDraft | undefined;
  /** Line of each written number (by initiativeNumberKey), to refuse a second one. */
  private readonly numbers = new Map<string, number>();
  private lastNumber = 0;

  constructor(private readonly options: ParseOptions = {}) {}

  read(cells: string[], number: number): void {
    const kind = classifyCells(cells);
    if (this.footer && kind !== "blank") {
      // The footer ends the table: junk appended after it must not become KPIs of the last initiative.
      if (this.trailing) this.trailing.count++;
      else
        this.trailing = { first: number, text: excerpt(cells.filter((c) => c !== "").join(" ")), count: 1 };
      return;
    }
    this.dispatch(kind, cells, number);
  }

  private dispatch(kind: LineKind, cells: string[], line: number): void {
    switch (kind) {
      case "blank":
      case "note":
      case "section":
      case "legend":
        break;
      case "title":
        this.readTitle(cells, line);
        break;
      case "header":
        this.readHeader(cells, line);
        break;
      case "subheader":
        this.readSubheader(cells, line);
        break;
      case "footer":
        this.readFooter(cells, line);
        break;
      case "row":
      case "text":
        this.readRow(cells, line, kind);
        break;
    }
  }

  private readTitle(cells: string[], line: number): void {
    const text = cells.filter((c) => c !== "").join(" ");
    if (!this.title) {
      this.title = { ...parseTitle(text), line };
      return;
    }
    if (text.trim() !== this.title.text) {
      this.diagnostics.push(
        diagnostic("title.repeated", { first: this.title.line, text: excerpt(text) }, { line }),
      );
    }
  }

  private readHeader(cells: string[], line: number): void {
    const header = parseHeader(cells, line);
    if (!this.header) {
      this.header = header;
      return;
    }
    if (header.signature !== this.header.signature) {
      this.diagnostics.push(
        diagnostic(
          "header.inconsistent",
          {
            text: excerpt(header.signature, 80),
            first: this.header.line,
            firstText: excerpt(this.header.signature, 80),
          },
          { line },
        ),
      );
    }
  }

  private readSubheader(cells: string[], line: number): void {
    const subheader = parseSubheader(cells, line);
    if (!this.subheader) {
      this.subheader = subheader;
      return;
    }
    if (subheader.signature !== this.subheader.signature) {
      this.diagnostics.push(
        diagnostic(
          "header.inconsistent",
          { text: subheader.signature, first: this.subheader.line, firstText: this.subheader.signature },
          { line },
        ),
      );
    }
  }

  private readFooter(cells: string[], line: number): void {
    if (this.footer) {
      this.diagnostics.push(diagnostic("footer.repeated", { first: this.footer.line }, { line }));
      return;
    }
    const summary = parseFooter(cells);
    this.footer = summary ? { line, summary } : { line };
    if (!summary) {
      // A footer cut short ("本部会評価 8 10 5") is as good as none: the table may not be whole.
      this.diagnostics.push(
        partialDiagnostic(
          "footer.unreadable",
          this.options.allowPartial,
          { text: excerpt(cells.join(" ")) },
          { line },
        ),
      );
    }
  }

  private readRow(cells: string[], line: number, kind: "row" | "text"): void {
    const f = nextNonEmpty(cells, 0);
    if (f === -1) return;
    const first = cells[f] as string;
    const g = nextNonEmpty(cells, f + 1);
    // A number alone on its line is a page number, not an initiative with every cell missing.
    if (isNumberCell(first) && g !== -1 && !looksLikeKpiRow(cells, f)) {
      this.readInitiative(cells, f, undefined, line);
      return;
    }

    const policy = parsePolicy(first);
    if (g !== -1 && isNumberCell(cells[g] as string) && !looksLikeKpiRow(cells, g)) {
      let nonEmpty = 0;
      for (const c of cells) if (c !== "") nonEmpty++;
      if (policy || nonEmpty >= MIN_CELLS_FOR_UNCODED_POLICY) {
        this.readInitiative(cells, g, policy ?? { code: "", title: first }, line);
        return;
      }
    }
    if (policy && g === -1) {
      this.enterPolicy(policy);
      return;
    }
    // A title line that names no table (「…（平成29年度～令和3年度）」) before any data.
    if (kind === "text" && !this.title && this.drafts.length === 0 && first.length <= MAX_TITLE_LENGTH) {
      const title = parseTitle(first);
      if (title.period) {
        this.title = { ...title, line };
        return;
      }
    }
    if (this.current && this.readContinuation(cells, f, line)) return;
    const text = excerpt(cells.filter((c) => c !== "").join(" "));
    this.diagnostics.push(
      diagnostic(kind === "text" ? "line.unrecognized" : "row.unplaced", { text }, { line }),
    );
  }

  /** A row of further KPIs of the current initiative (columnar: 項目 当初 目標 現状値; or inline cells). */
  private readContinuation(cells: string[], f: number, line: number): boolean {
    const current = this.current as InitiativeDraft;
    if (looksLikeKpiRow(cells, f)) {
      // Three values and no 項目: kept as a KPI without a name (reported when the KPI is built).
      const [baseline, target, value] = cells.filter((c) => c !== "") as [string, string, string];
      current.kpis.push({ raw: { label: "", baseline, target, current: value }, line });
      return true;
    }
    const block = readKpiBlock(cells, f);
    const kpis = block.kpis.filter((k) => k.baseline !== "" || k.target !== "" || k.current !== "");
    if (kpis.length === 0) return false;
    for (const raw of kpis) current.kpis.push({ raw, line });
    this.reportExtraCells(cells, block.end, line);
    return true;
  }

  private reportExtraCells(cells: string[], from: number, line: number): void {
    const extra = cells.slice(from).filter((c) => c !== "");
    if (extra.length > 0)
      this.diagnostics.push(diagnostic("row.extra-cells", { text: excerpt(extra.join(" ")) }, { line }));
  }

  private enterPolicy(policy: { code: string; title: string }): Policy {
    // A policy printed again (e.g. at the top of a new page) continues, it does not start anew.
    const key = `${policy.code}\u0000${policy.title}`;
    const existing = this.policyIndex.get(key);
    if (existing) {
      this.policy = existing.policy;
      return existing.policy;
    }
    const created: Policy = { code: policy.code, title: policy.title, initiatives: [] };
    this.policyIndex.set(key, { policy: created, index: this.policies.length });
    this.policies.push(created);
    this.policy = created;
    return created;
  }

  private policyPosition(policy: Policy): number {
    return this.policyIndex.get(`${policy.code}\u0000${policy.title}`)?.index ?? -1;
  }

  private readInitiative(
    cells: string[],
    at: number,
    policyCell: { code: string; title: string } | undefined,
    line: number,
  ): void {
    const reading = readInitiativeNumber(cells[at] as string) as InitiativeNumberReading;
    // Messages name the number as written; the key is not known before the last row.
    const number = reading.text;
    const order = this.header?.order ?? [...FIELD_LETTERS];
    const texts: Partial<Record<FieldLetter, string>> = {};
    const missing: FieldLetter[] = [];
    let rawKpis: RawKpi[] = [];
    let gradeText: string | undefined;
    let p = at + 1;
    for (let li = 0; li < order.length; li++) {
      const letter = order[li] as FieldLetter;
      if (p >= cells.length) {
        missing.push(letter);
        continue;
      }
      if (letter === "E") {
        const block = readKpiBlock(cells, p);
        rawKpis = block.kpis;
        let end = block.end;
        const slot = cells[end];
        if (order[li + 1] === "F" && (slot === undefined || (slot !== "" && !isGradeSlot(slot)))) {
          // The block did not end where the grade is (a cell that would not split, an initiative
          // without KPIs on an inline page): take every cell up to the grade letter, if there is one.
          // An empty slot is an ungraded initiative and needs no search.
          const grade = firstGradeCell(cells, p);
          if (grade !== -1 && grade !== end) {
            rawKpis = readKpiRange(cells, p, grade, block.form);
            end = grade;
          }
        }
        // A columnar block that runs past the row's end was cut short.
        if (end > cells.length) missing.push("E");
        p = end;
        continue;
      }
      if (letter === "F") gradeText = cells[p];
      else texts[letter] = cells[p];
      p++;
    }

    const policy = policyCell
      ? this.enterPolicy(policyCell)
      : (this.policy ?? this.missingPolicy(number, line));
    const initiative: Initiative = {
      number: reading.number ?? 0,
      ...(reading.number === undefined ? { numberText: reading.text } : {}),
      title: texts.A ?? "",
      departments: splitDepartments(texts.B ?? ""),
      description: texts.C ?? "",
      activities: texts.D ?? "",
      grade: null,
      committeeOpinion: texts.G ?? "",
      nextYearGoal: texts.H ?? "",
      kpis: [],
    };
    const field = `policies[${this.policyPosition(policy)}].initiatives[${policy.initiatives.length}]`;
    policy.initiatives.push(initiative);
    this.places[`${field}.departments`] = { line };
    this.places[`${field}.grade`] = { line };
    const draft: InitiativeDraft = {
      initiative,
      reading,
      kpis: rawKpis.map((raw) => ({ raw, line })),
      line,
      field,
    };
    this.drafts.push(draft);
    this.current = draft;

    this.checkNumber(reading, line, field);
    initiative.grade = this.readGrade(gradeText, number, line, field);
    if (texts.A === "") {
      this.diagnostics.push(
        diagnostic("initiative.title-empty", { number }, { line, field: `${field}.title` }),
      );
    }
    this.reportMissing(missing, number, line, field);
    this.reportExtraCells(cells, p, line);
  }

  private missingPolicy(number: string, line: number): Policy {
    this.diagnostics.push(diagnostic("policy.missing", { number }, { line }));
    return this.enterPolicy({ code: "", title: "" });
  }

  private checkNumber(reading: InitiativeNumberReading, line: number, field: string): void {
    const key = initiativeNumberKey(reading.text);
    const first = this.numbers.get(key);
    const place = `${field}.${reading.number === undefined ? "numberText" : "number"}`;
    if (first !== undefined) {
      this.diagnostics.push(
        diagnostic("initiative.duplicate-number", { number: reading.text, first }, { line, field: place }),
      );
      return;
    }
    this.numbers.set(key, line);
    // Only plain numbers are checked for order: a city places 1-2 or No.R1-1 where it belongs.
    const number = reading.number;
    if (number === undefined) return;
    if (number < this.lastNumber) {
      this.diagnostics.push(
        diagnostic(
          "initiative.out-of-order",
          { number, previous: this.lastNumber },
          { line, field: `${field}.number` },
        ),
      );
    }
    this.lastNumber = Math.max(this.lastNumber, number);
  }

  private readGrade(text: string | undefined, number: string, line: number, field: string): Grade | null {
    if (text === undefined) return null; // reported with the missing cells
    const location = { line, field: `${field}.grade` };
    if (text === "") {
      this.diagnostics.push(diagnostic("grade.missing", { number }, location));
      return null;
    }
    const grade = gradeOf(text);
    if (grade) return grade;
    this.diagnostics.push(diagnostic("grade.invalid", { number, grade: excerpt(text, 20) }, location));
    return null;
  }

  private reportMissing(missing: FieldLetter[], number: string, line: number, field: string): void {
    if (missing.length === 0) return;
    const labels = this.header?.labels ?? {};
    const fields = missing.map((l) => labels[l] ?? DEFAULT_FIELD_LABELS[l].ja).join("、");
    const fieldsEn = missing.map((l) => DEFAULT_FIELD_LABELS[l].en).join(", ");
    // Only the end-of-row texts (G, H) may be dropped by an export that trims empty trailing cells.
    const truncated = missing.some((l) => l !== "G" && l !== "H");
    this.diagnostics.push(
      diagnostic(
        truncated ? "initiative.truncated" : "initiative.cells-missing",
        { number, fields, fieldsEn },
        { line, field },
      ),
    );
  }

  finish(options: ParseOptions): PlanDocument | null {
    const d = this.diagnostics;
    if (!this.header) d.push(diagnostic("header.missing"));
    if (this.drafts.length === 0) d.push(diagnostic("initiative.none"));
    const title = this.title;
    if (!title) d.push(diagnostic("title.missing"));
    else {
      const text = excerpt(title.text, 80);
      if (!title.period) d.push(diagnostic("title.period-missing", { text }, { line: title.line }));
      if (!title.asOf) d.push(diagnostic("title.as-of-missing", { text }, { line: title.line }));
    }
    if (!this.header || this.drafts.length === 0) return null;

    const plan: PlanDocument["plan"] = {
      title: title?.planTitle ?? "",
      startFiscalYear: title?.period?.startFiscalYear ?? 0,
      endFiscalYear: title?.period?.endFiscalYear ?? 0,
    };
    const baselineFiscalYear = this.subheader?.baseline?.fiscalYear;
    if (baselineFiscalYear !== undefined) plan.baselineFiscalYear = baselineFiscalYear;
    const round: PlanDocument["round"] = { fiscalYear: this.reportFiscalYear(), asOf: title?.asOf ?? "" };
    if (title) round.title = title.text;
    this.crossCheck(plan, round);

    const numbers = assignInitiativeNumbers(this.drafts.map((draft) => draft.reading));
    this.drafts.forEach((draft, i) => {
      draft.initiative.number = numbers[i] as number;
    });
    const ctx = kpiParseContext(plan);
    for (const draft of this.drafts)
      draft.initiative.kpis = draft.kpis.map((k, i) => this.buildKpi(draft, k, i, ctx));
    const lines = new Map<Kpi, number>();
    for (const draft of this.drafts) {
      draft.initiative.kpis.forEach((kpi, i) => {
        lines.set(kpi, draft.kpis[i]?.line ?? draft.line);
      });
    }
    d.push(...linkRelistedKpis(this.policies, (kpi) => lines.get(kpi)));

    const gradeSummary = summarizeGrades(this.drafts.map((draft) => draft.initiative.grade));
    const document: PlanDocument = {
      format: PLAN_DOCUMENT_FORMAT,
      ...(options.organizationName ? { organization: { name: options.organizationName } } : {}),
      plan,
      round,
      policies: this.policies,
      gradeSummary,
      diagnostics: [],
    };
    if (this.footer?.summary) {
      document.declaredGradeSummary = this.footer.summary;
      const mismatch = checkDeclaredSummary(this.footer.summary, gradeSummary);
      if (mismatch) d.push({ ...mismatch, line: this.footer.line });
    } else if (!this.footer) {
      d.push(partialDiagnostic("footer.missing", options.allowPartial));
    }
    if (this.footer && this.trailing) {
      const { first, text, count } = this.trailing;
      d.push(
        partialDiagnostic(
          "footer.trailing",
          options.allowPartial,
          { footer: this.footer.line, first, text, count },
          { line: first },
        ),
      );
    }
    return document;
  }

  /** The fiscal year of the as-of date; without one, the year the header names. */
  private reportFiscalYear(): number {
    const asOf = this.title?.asOf;
    if (asOf) return fiscalYearOfDate(asOf);
    return this.header?.activitiesFiscalYear ?? this.subheader?.current?.fiscalYear ?? 0;
  }

  private crossCheck(plan: PlanDocument["plan"], round: PlanDocument["round"]): void {
    const d = this.diagnostics;
    if (round.asOf) {
      const checks: [string | undefined, number | undefined, number | undefined][] = [
        [this.header?.labels.D, this.header?.activitiesFiscalYear, this.header?.line],
        [this.subheader?.current?.text, this.subheader?.current?.fiscalYear, this.subheader?.line],
      ];
      for (const [header, headerYear, line] of checks) {
        if (header === undefined || headerYear === undefined || headerYear === round.fiscalYear) continue;
        d.push(
          diagnostic(
            "report.fiscal-year-mismatch",
            { fiscalYear: round.fiscalYear, header, headerYear },
            { line },
          ),
        );
      }
    }
    const target = this.subheader?.target;
    if (plan.endFiscalYear && target?.fiscalYear !== undefined && target.fiscalYear !== plan.endFiscalYear) {
      d.push(
        diagnostic(
          "plan.end-mismatch",
          { endFiscalYear: plan.endFiscalYear, header: target.text, headerYear: target.fiscalYear },
          { line: this.subheader?.line },
        ),
      );
    }
  }

  private buildKpi(draft: InitiativeDraft, k: KpiDraft, index: number, ctx: KpiParseContext): Kpi {
    const { raw, line } = k;
    const number = draft.initiative.number;
    const field = `${draft.field}.kpis[${index}]`;
    const { name, relisted } = parseKpiLabel(raw.label);
    const value = (text: string, column: "baseline" | "target" | "current"): KpiValue => {
      const parsed = parseKpiValue(text, ctx);
      if (parsed.kind === "text") {
        const [ja, en] = COLUMN_NAMES[column];
        this.diagnostics.push(
          diagnostic(
            "kpi.unreadable",
            {
              label: excerpt(raw.label),
              column: ja,
              columnEn: en,
              text: excerpt(text),
              reason: parsed.diagnostic ?? "",
            },
            { line, field: `${field}.${column}` },
          ),
        );
      }
      return parsed;
    };
    if (raw.unsplit)
      this.diagnostics.push(diagnostic("kpi.unsplit", { text: excerpt(raw.label) }, { line, field }));
    else if (raw.label === "") {
      const values = [raw.baseline, raw.target, raw.current].join(" / ");
      this.diagnostics.push(
        diagnostic(
          "kpi.label-empty",
          { number: draft.reading.text, values },
          { line, field: `${field}.label` },
        ),
      );
    }
    return {
      key: `${number}-${index + 1}`,
      name,
      label: raw.label,
      relisted,
      baseline: raw.unsplit ? parseKpiValue("", ctx) : value(raw.baseline, "baseline"),
      target: raw.unsplit ? parseKpiValue("", ctx) : value(raw.target, "target"),
      current: raw.unsplit ? parseKpiValue("", ctx) : value(raw.current, "current"),
    };
  }
}

const COLUMN_NAMES = {
  baseline: ["当初", "baseline"],
  target: ["目標", "target"],
  current: ["現状値", "current value"],
} as const;

/** Diagnostics without a line (about the whole document) first, then in line order. */
function byLine(a: Diagnostic, b: Diagnostic): number {
  return (a.line ?? 0) - (b.line ?? 0);
}

/** Reads decoded progress-table text; never throws on any text. */
export function parseTableText(
  text: string,
  options: ParseOptions = {},
): { document: PlanDocument | null; diagnostics: Diagnostic[]; places: Record<string, SourcePlace> } {
  const reader = new TableReader(options);
  forEachRecord(text, (cells, line) => reader.read(cells, line));
  const document = reader.finish(options);
  const diagnostics = reader.diagnostics.sort(byLine);
  if (document) document.diagnostics = [...diagnostics];
  return { document, diagnostics, places: reader.places };
}
