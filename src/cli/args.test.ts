import { parseArgs } from "node:util";
import { describe, expect, it } from "vitest";
import { argsErrorMessage } from "./args.ts";

function refusal(args: string[], allowPositionals = false): string {
  try {
    parseArgs({ args, strict: true, allowPositionals, options: { json: { type: "string" } } });
  } catch (error) {
    return argsErrorMessage(error, "import");
  }
  throw new Error("parseArgs accepted the arguments");
}

describe("argsErrorMessage", () => {
  it("names an unknown option in Japanese and English and says where to look", () => {
    expect(refusal(["--bogus"])).toBe(
      "--bogus というオプションはありません。shinchoku import --help で確認してください。 / There is no option --bogus. See shinchoku import --help.",
    );
  });

  it("says an option lacks its value", () => {
    expect(refusal(["--json"])).toBe(
      "--json には値が必要です（例：--json 値）。shinchoku import --help で確認してください。 / --json needs a value. See shinchoku import --help.",
    );
  });

  it("names an argument the command does not take", () => {
    expect(refusal(["extra.txt"])).toContain("余分な引数「extra.txt」があります。");
  });
});
