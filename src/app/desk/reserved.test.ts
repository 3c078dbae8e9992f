import { describe, expect, it, vi } from "vitest";
import { createMemoryStore } from "../../storage/memory-store.ts";
import { type BlockAnswer, reservedTopUp, TOP_UP_BELOW } from "./reserved.ts";

/** A fake server handing out K1's range in blocks of 20. */
function fakeServer() {
  let next = 1001;
  const asked: string[] = [];
  return {
    asked,
    request: async (domain: string): Promise<BlockAnswer> => {
      asked.push(domain);
      const block = { domain, next, to: next + 19 };
      next += 20;
      return { ok: true, block };
    },
  };
}

describe("reserved numbers top-up", () => {
  it("reserves a block when none is held, and another only when fewer than the threshold are left", async () => {
    const store = createMemoryStore();
    const server = fakeServer();
    const topUp = reservedTopUp(store, "K", server.request);
    expect(await topUp()).toBe("added");
    expect(await topUp()).toBe("enough");
    // use the block down to just under the threshold
    for (let i = 0; i < 20 - TOP_UP_BELOW + 1; i++) await store.takeReservedNumber("K");
    expect(await topUp()).toBe("added");
    expect(server.asked).toEqual(["K", "K"]);
    // the numbers continue from the first block into the second
    const left: number[] = [];
    for (let n = await store.takeReservedNumber("K"); n !== null; n = await store.takeReservedNumber("K")) left.push(n);
    expect(left[0]).toBe(1001 + 20 - TOP_UP_BELOW + 1);
    expect(left.at(-1)).toBe(1040);
  });

  it("asks once at a time, and stops asking once the server refused", async () => {
    const store = createMemoryStore();
    let calls = 0;
    let release: () => void = () => {};
    const topUp = reservedTopUp(store, "K", async () => {
      calls++;
      await new Promise<void>((r) => {
        release = r;
      });
      return { ok: false, refused: true, message: "no range" };
    });
    const first = topUp();
    expect(await topUp()).toBe("busy");
    await vi.waitFor(() => expect(calls).toBe(1));
    release();
    expect(await first).toBe("refused");
    expect(await topUp()).toBe("refused");
    expect(calls).toBe(1);
  });

  it("tries again after a failure that was not a refusal", async () => {
    const store = createMemoryStore();
    const answers: BlockAnswer[] = [
      { ok: false, refused: false, message: "offline" },
      { ok: true, block: { domain: "K", next: 1001, to: 1020 } },
    ];
    const topUp = reservedTopUp(store, "K", async () => answers.shift() ?? { ok: false, refused: false, message: "x" });
    expect(await topUp()).toBe("failed");
    expect(await topUp()).toBe("added");
    expect(await store.takeReservedNumber("K")).toBe(1001);
  });
});
