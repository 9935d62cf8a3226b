import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { Diagnostic } from "../../domain/diagnostic.ts";
import { importTableText } from "./index.ts";

/** The invalid inputs of test/fixtures/invalid/ (see the README there) and the finding each must produce. */
function load(name: string) {
  return importTableText(
    new Uint8Array(readFileSync(new URL(`../../../test/fixtures/invalid/${name}`, import.meta.url))),
  );
}

const summary = (diagnostics: Diagnostic[]) =>
  diagnostics.map((d) => ({ code: d.code, severity: d.severity, line: d.line }));

describe("invalid fixtures", () => {
  it("truncated.txt: No.19 cut in its activities cell on line 66 — error naming the missing fields", () => {
    const result = load("truncated.txt");
    expect(summary(result.diagnostics)).toEqual([
      { code: "footer.missing", severity: "error", line: undefined },
      { code: "initiative.truncated", severity: "error", line: 66 },
    ]);
    expect(result.diagnostics[1]?.message).toBe(
      "取組項目 No.19 の行が途中で切れています。数値目標等 (E)、進捗状況 (F)、本部会意見 (G)、R2年度目標 (H)がありません。セルの中の改行やタブで行が分かれていないか、表を最後まで写したかを確認してください",
    );
    // Everything before the cut is still there for the preview.
    const numbers = result.document?.policies.flatMap((p) => p.initiatives.map((i) => i.number));
    expect(numbers).toEqual(Array.from({ length: 19 }, (_, i) => i + 1));
  });

  it("grade-e.txt: No.12 graded E on line 41 — invalid grade, and the footer no longer matches", () => {
    const result = load("grade-e.txt");
    expect(summary(result.diagnostics)).toEqual([
      { code: "grade.invalid", severity: "error", line: 41 },
      { code: "grade-summary.mismatch", severity: "error", line: 95 },
    ]);
    expect(result.diagnostics[0]?.field).toBe("policies[1].initiatives[4].grade");
    expect(result.document?.gradeSummary).toEqual({ A: 7, B: 10, C: 5, D: 1 });
  });

  it("footer-mismatch.txt: 本部会評価 8 10 5 2 against 8 10 5 1 counted — error on line 95", () => {
    const result = load("footer-mismatch.txt");
    expect(summary(result.diagnostics)).toEqual([
      { code: "grade-summary.mismatch", severity: "error", line: 95 },
    ]);
    expect(result.document?.declaredGradeSummary).toEqual({ A: 8, B: 10, C: 5, D: 2 });
    expect(result.document?.gradeSummary).toEqual({ A: 8, B: 10, C: 5, D: 1 });
  });

  it("binary.bin: a PNG/zip — fatal, no document", () => {
    const result = load("binary.bin");
    expect(result.document).toBeNull();
    expect(result.diagnostics).toEqual([
      expect.objectContaining({
        code: "input.binary",
        severity: "error",
        message: expect.stringContaining(
          "取り込めるのは、集計表のテキスト（タブ区切り）、Excel（.xlsx）、CSV、計画データ（JSON形式）です",
        ),
      }),
    ]);
  });
});
