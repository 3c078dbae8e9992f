import { describe, expect, it } from "vitest";
import type { BrowserFacts, SubscribeOutcome } from "../../pwa/web-push.ts";
import { complete, enable, initialState, type NotifyDeps, type NotifyMemory } from "./notify-me.ts";
import { keepScreenAwake, type WakeLockSentinelLike } from "./wake-lock.ts";

const KEY = "B".repeat(87);
const CHROME: BrowserFacts = {
  hasPushManager: true,
  hasServiceWorker: true,
  permission: "default",
  ios: false,
  standalone: false,
};

/** A phone and a server in memory: `online` and the server's answers are switched by the test. */
function world(facts: Partial<BrowserFacts> = {}, server: { available?: boolean } = {}) {
  const w = {
    facts: { ...CHROME, ...facts },
    memory: undefined as NotifyMemory | undefined,
    online: true,
    grant: "granted" as NotificationPermission,
    asked: 0,
    saved: [] as unknown[],
    subscribeResult: { ok: true, subscription: { endpoint: "https://fcm.googleapis.com/fcm/send/x" } } as SubscribeOutcome,
  };
  const deps: NotifyDeps = {
    getMeta: async () => w.memory,
    setMeta: async (m) => {
      w.memory = m;
    },
    token: async () => "TOKEN",
    fetch: async (_input, init) => {
      if (!w.online) throw new TypeError("Failed to fetch");
      if (init?.method === "PUT") {
        w.saved.push(JSON.parse(String(init.body)));
        return Response.json({ saved: true });
      }
      return Response.json(
        server.available === false ? { available: false, reason: "off" } : { available: true, publicKey: KEY },
      );
    },
    facts: () => w.facts,
    requestPermission: async () => {
      w.asked++;
      w.facts = { ...w.facts, permission: w.grant };
      return w.grant;
    },
    subscribe: async () => w.subscribeResult,
    lang: "id",
  };
  return { w, deps };
}

describe("notify me", () => {
  it("asks nothing when the screen opens: the button is offered, permission only on the tap", async () => {
    const { w, deps } = world();
    expect(await initialState(deps)).toEqual({ kind: "offer" });
    expect(w.asked).toBe(0);
    expect(await enable(deps)).toEqual({ kind: "on" });
    expect(w.asked).toBe(1);
    expect(w.saved).toEqual([{ subscription: { endpoint: "https://fcm.googleapis.com/fcm/send/x" }, lang: "id" }]);
    expect(await initialState(deps)).toEqual({ kind: "on" });
  });

  it("keeps the subscription when the phone is offline and sends it once it is back", async () => {
    const { w, deps } = world();
    expect(await enable(deps)).toEqual({ kind: "on" }); // learns the key
    w.memory = { wanted: true, publicKey: KEY }; // as if the save had not happened
    w.saved = [];
    w.online = false;
    expect(await complete(deps)).toEqual({ kind: "waiting" });
    expect(await initialState(deps)).toEqual({ kind: "waiting" });
    w.online = true;
    expect(await complete(deps)).toEqual({ kind: "on" });
    expect(w.saved).toHaveLength(1);
  });

  it("says why where push cannot work: no PushManager, iPhone not installed, refused, server without push, subscribe failing", async () => {
    expect(await initialState(world({ hasPushManager: false }).deps)).toEqual({ kind: "fallback", why: "unsupported" });
    expect(await initialState(world({ hasPushManager: false, ios: true }).deps)).toEqual({
      kind: "fallback",
      why: "iosNotInstalled",
    });
    expect(await initialState(world({ permission: "denied" }).deps)).toEqual({ kind: "fallback", why: "denied" });
    const refused = world();
    refused.w.grant = "denied";
    expect(await enable(refused.deps)).toEqual({ kind: "fallback", why: "denied" });
    expect(await enable(world({}, { available: false }).deps)).toEqual({ kind: "fallback", why: "server" });
    const noService = world();
    noService.w.subscribeResult = { ok: false, reason: "failed" };
    expect(await enable(noService.deps)).toEqual({ kind: "fallback", why: "failed" });
  });
});

describe("screen wake lock", () => {
  function env() {
    let visible = true;
    let listener: (() => void) | null = null;
    const held: { released: boolean }[] = [];
    return {
      held,
      hide() {
        visible = false;
        // the browser gives the lock back when the page is hidden
        for (const h of held) h.released = true;
        listener?.();
      },
      show() {
        visible = true;
        listener?.();
      },
      wake: {
        request: async (): Promise<WakeLockSentinelLike> => {
          const s = {
            released: false,
            async release() {
              s.released = true;
            },
          };
          held.push(s);
          return s;
        },
        visible: () => visible,
        onVisibilityChange(cb: () => void) {
          listener = cb;
          return () => {
            listener = null;
          };
        },
      },
    };
  }
  const settle = () => new Promise((r) => setTimeout(r, 0));

  it("holds the screen on, takes the lock again when the page is shown again, and gives it back when waiting ends", async () => {
    const e = env();
    const lock = keepScreenAwake(e.wake);
    await settle();
    expect(e.held.map((h) => h.released)).toEqual([false]);
    e.hide();
    await settle();
    expect(e.held).toHaveLength(1);
    e.show();
    await settle();
    expect(e.held.map((h) => h.released)).toEqual([true, false]);
    lock.stop();
    expect(e.held.every((h) => h.released)).toBe(true);
    e.show();
    await settle();
    expect(e.held).toHaveLength(2);
  });

  it("says so where the browser has no wake lock", () => {
    expect(keepScreenAwake({ ...env().wake, request: null }).supported).toBe(false);
  });
});
