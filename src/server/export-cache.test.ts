import { describe, expect, it } from "vitest";
import { ExportCache } from "./export-cache.ts";

const bytes = (n: number, fill = 1) => ({ body: new Uint8Array(n).fill(fill) });

describe("export cache", () => {
  it("renders a key once, concurrent first requests sharing the render", async () => {
    const cache = new ExportCache(1000);
    let renders = 0;
    const render = async () => {
      renders += 1;
      return bytes(10, renders);
    };
    const [a, b] = await Promise.all([cache.get("p1-pdf", render), cache.get("p1-pdf", render)]);
    expect(a).toBe(b);
    expect(await cache.get("p1-pdf", render)).toBe(a);
    expect(renders).toBe(1);
    await cache.get("p1-xlsx", render);
    expect(renders).toBe(2);
    expect(cache.bytes).toBe(20);
  });

  it("keeps within its bytes, the least recently used first out, and skips bodies over a quarter", async () => {
    const cache = new ExportCache(1000);
    const render = (n: number) => async () => bytes(n);
    await cache.get("a", render(200));
    await cache.get("b", render(200));
    await cache.get("c", render(200));
    await cache.get("a", render(200)); // used again: b is now the oldest
    await cache.get("d", render(200));
    await cache.get("e", render(200));
    expect(cache.size).toBe(5);
    await cache.get("f", render(200));
    expect(cache.bytes).toBeLessThanOrEqual(1000);
    let keptA = true;
    await cache.get("a", async () => {
      keptA = false;
      return bytes(200);
    });
    expect(keptA).toBe(true);
    let rendered = false;
    await cache.get("b", async () => {
      rendered = true;
      return bytes(200);
    });
    expect(rendered).toBe(true);
    const big = await cache.get("big", render(251));
    expect(big.body.byteLength).toBe(251);
    expect(cache.bytes).toBeLessThanOrEqual(1000);
    let again = false;
    await cache.get("big", async () => {
      again = true;
      return bytes(251);
    });
    expect(again).toBe(true);
  });

  it("does not keep a failed render: the next request renders again", async () => {
    const cache = new ExportCache(1000);
    await expect(cache.get("p1-pdf", () => Promise.reject(new Error("busy")))).rejects.toThrow("busy");
    expect(cache.size).toBe(0);
    expect((await cache.get("p1-pdf", async () => bytes(5))).body.byteLength).toBe(5);
  });
});
