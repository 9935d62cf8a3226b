/**
 * Runs `shinchoku import FILE --json OUT` for each file given, one after another in this process, and
 * prints one JSON line: the exit code of each and the peak memory (RSS) of the process. Started by
 * src/cli/memory-bound.test.ts with a capped heap, so that an input that would take more memory than
 * allowed crashes this process instead of passing.
 */
import { join } from "node:path";
import { run } from "../../src/cli/import.ts";

const [out, ...files] = process.argv.slice(2);
const codes: number[] = [];
for (const [i, file] of files.entries()) {
  codes.push(
    await run([file as string, "--json", join(out as string, `${i}.json`)], { out: () => {}, err: () => {} }),
  );
}
console.log(JSON.stringify({ codes, maxRssBytes: process.resourceUsage().maxRSS * 1024 }));
