import { describe, expect, it } from "vitest";
import { API, type AuthResponse, PROTOCOL_HEADER } from "../core/protocol.ts";
import { UnsyncedChangesError } from "../storage/contract.ts";
import { createMemoryStore } from "../storage/memory-store.ts";
import { createRecorder } from "./recorder.ts";
import { currentSession, SESSION_KEY, SignInError, signIn, signOut, tokenFrom } from "./session.ts";

const answer: AuthResponse = {
  token: "SECRET",
  role: "participant",
  eventId: "denpasar-2016",
  deviceId: "DEVXCE0001",
  participantId: "PARTXCPANT01",
  expiresAt: "2026-01-16T00:00:00.000Z",
};
const req = { role: "participant", eventId: "denpasar-2016", code: "JOIN-1234", deviceId: "DEVXCE0001" } as const;
const NOW = Date.parse("2026-01-15T02:00:00.000Z");

describe("session", () => {
  it("exchanges a code for a token and keeps it", async () => {
    const store = createMemoryStore();
    const calls: { url: string; init?: RequestInit }[] = [];
    const fetchStub = (async (url: RequestInfo | URL, init?: RequestInit) => {
      calls.push({ url: String(url), ...(init ? { init } : {}) });
      return new Response(JSON.stringify(answer), { status: 200 });
    }) as typeof fetch;
    expect(await signIn(store, "https://loket.test/", req, fetchStub)).toEqual(answer);
    expect(calls[0]?.url).toBe(`https://loket.test${API.auth}`);
    expect(new Headers(calls[0]?.init?.headers).get(PROTOCOL_HEADER)).toBe("1");
    expect(await store.getMeta(SESSION_KEY)).toEqual(answer);
    expect(await currentSession(store, NOW)).toEqual(answer);
    expect(await currentSession(store, Date.parse(answer.expiresAt) + 1)).toBeNull();
    expect(await tokenFrom(store, () => NOW)()).toBe("SECRET");
  });

  it("makes a former desk pull from the start when someone else signs in, so forgotten profiles come back", async () => {
    const store = createMemoryStore();
    await store.applyPulled([], 120);
    await store.setMeta("profilesForgotten", true);
    const answering = (role: AuthResponse["role"]) =>
      (async () => new Response(JSON.stringify({ ...answer, role }), { status: 200 })) as typeof fetch;
    await signIn(store, "", { ...req }, answering("desk"));
    expect(await store.cursor()).toBe(120); // still a desk: it may keep forgetting
    await signIn(store, "", { ...req }, answering("organizer"));
    expect(await store.cursor()).toBe(0);
  });

  it("says why a sign-in failed", async () => {
    const store = createMemoryStore();
    const refused = (async () =>
      new Response(JSON.stringify({ error: "unauthorized", message: "wrong code" }), { status: 401 })) as typeof fetch;
    await expect(signIn(store, "", req, refused)).rejects.toMatchObject({ code: "unauthorized", message: "wrong code" });
    const down = (async () => {
      throw new TypeError("Failed to fetch");
    }) as typeof fetch;
    await expect(signIn(store, "", req, down)).rejects.toBeInstanceOf(SignInError);
    await expect(signIn(store, "", req, down)).rejects.toMatchObject({ code: "offline" });
    expect(await store.getMeta(SESSION_KEY)).toBeUndefined();
  });

  it("refuses to sign out while changes wait for the server", async () => {
    const store = createMemoryStore();
    await store.setMeta(SESSION_KEY, answer);
    const rec = createRecorder(store, { eventId: answer.eventId, actor: { deviceId: "DEVXCE0001", role: "participant" } });
    const op = await rec.record({ type: "ticket.cancelled", ticketId: "TXCKET000001" });
    await expect(signOut(store)).rejects.toBeInstanceOf(UnsyncedChangesError);
    expect(await currentSession(store, NOW)).toEqual(answer);
    await store.markAcknowledged([{ id: op.id, seq: 1 }]);
    await signOut(store);
    expect(await currentSession(store, NOW)).toBeNull();
  });
});
