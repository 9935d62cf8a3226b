import { describe, expect, it } from "vitest";
import { seedDocument } from "../../../test/factories/test-documents.ts";
import { exportJson } from "./json.ts";

describe("exportJson", () => {
  it("writes the document as stored, pretty-printed, and parses back equal", () => {
    const doc = seedDocument();
    doc.diagnostics = [{ severity: "warning", code: "kpi.unreadable", message: "読み取れません", line: 12 }];
    const text = exportJson(doc);
    expect(text.startsWith('{\n  "format": "shinchoku.plan/v2",')).toBe(true);
    expect(text.endsWith("}\n")).toBe(true);
    expect(JSON.parse(text)).toEqual(doc);
  });
});
