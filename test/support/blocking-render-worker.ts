import { workerData } from "node:worker_threads";

/**
 * A render pool worker for tests: each job waits until the test opens a gate (a flag in shared
 * memory), so a pool can be held full without any clock, then answers three bytes.
 */
const gate = new Int32Array((workerData as { data: { gate: SharedArrayBuffer } }).data.gate);

export default function blockedRender(): { body: Uint8Array } {
  Atomics.wait(gate, 0, 0);
  return { body: new Uint8Array([1, 2, 3]) };
}
