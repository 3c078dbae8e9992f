import { describe, expect, it } from "vitest";
import {
  DEVICE_KEY_ALGORITHM,
  DEVICE_SIGN_ALGORITHM,
  deviceIdFromDigest,
  fromBase64url,
  type SignInStatement,
  signInMessage,
} from "../core/device-identity.ts";
import { API, type AuthResponse, PROTOCOL_HEADER, PROTOCOL_VERSION } from "../core/protocol.ts";
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
const req = { role: "participant", eventId: "denpasar-2016", code: "JOIN-1234" } as const;

/** A server stub: a challenge, then `answer(body)` for the sign-in. */
function serverStub(answer: (body: Record<string, unknown>) => Response, calls: { url: string; init?: RequestInit }[] = []) {
  return (async (url: RequestInfo | URL, init?: RequestInit) => {
    calls.push({ url: String(url), ...(init ? { init } : {}) });
    if (String(url).endsWith(API.authChallenge)) {
      return new Response(JSON.stringify({ challenge: "CHALLENGE1", expiresAt: "2026-01-15T02:02:00.000Z" }), { status: 200 });
    }
    return answer(JSON.parse(String(init?.body)) as Record<string, unknown>);
  }) as typeof fetch;
}
const NOW = Date.parse("2026-01-15T02:00:00.000Z");

describe("session", () => {
  it("exchanges a code for a token and keeps it", async () => {
    const store = createMemoryStore();
    const calls: { url: string; init?: RequestInit }[] = [];
    const fetchStub = serverStub(() => new Response(JSON.stringify(answer), { status: 200 }), calls);
    expect(await signIn(store, "https://loket.test/", req, fetchStub)).toEqual(answer);
    expect(calls.map((c) => c.url)).toEqual([`https://loket.test${API.authChallenge}`, `https://loket.test${API.auth}`]);
    expect(new Headers(calls[1]?.init?.headers).get(PROTOCOL_HEADER)).toBe(String(PROTOCOL_VERSION));
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
      serverStub(() => new Response(JSON.stringify({ ...answer, role }), { status: 200 }));
    await signIn(store, "", { ...req }, answering("desk"));
    expect(await store.cursor()).toBe(120); // still a desk: it may keep forgetting
    await signIn(store, "", { ...req }, answering("organizer"));
    expect(await store.cursor()).toBe(0);
  });

  it("says why a sign-in failed", async () => {
    const store = createMemoryStore();
    const refused = serverStub(
      () => new Response(JSON.stringify({ error: "unauthorized", message: "wrong code" }), { status: 401 }),
    );
    await expect(signIn(store, "", req, refused)).rejects.toMatchObject({ code: "unauthorized", message: "wrong code" });
    const down = (async () => {
      throw new TypeError("Failed to fetch");
    }) as typeof fetch;
    await expect(signIn(store, "", req, down)).rejects.toBeInstanceOf(SignInError);
    await expect(signIn(store, "", req, down)).rejects.toMatchObject({ code: "offline" });
    expect(await store.getMeta(SESSION_KEY)).toBeUndefined();
  });

  it("signs the challenge with one kept key per role scope, whose hash is the device id", async () => {
    const store = createMemoryStore();
    const bodies: Record<string, unknown>[] = [];
    const fetchStub = serverStub((body) => {
      bodies.push(body);
      return new Response(JSON.stringify({ ...answer, deviceId: body.deviceId }), { status: 200 });
    });
    await signIn(store, "", req, fetchStub);
    await signIn(store, "", req, fetchStub);
    await signIn(store, "", { role: "desk", eventId: req.eventId, code: "MEJAK1", deskId: "K1" }, fetchStub);
    const [first, again, desk] = bodies;
    expect(first?.challenge).toBe("CHALLENGE1");
    expect(again?.deviceId).toBe(first?.deviceId);
    expect(again?.publicKey).toBe(first?.publicKey);
    expect(desk?.deviceId).not.toBe(first?.deviceId);
    const spki = fromBase64url(String(first?.publicKey)) ?? new Uint8Array();
    expect(deviceIdFromDigest(new Uint8Array(await crypto.subtle.digest("SHA-256", spki)))).toBe(first?.deviceId);
    const publicKey = await crypto.subtle.importKey("spki", spki, DEVICE_KEY_ALGORITHM, false, ["verify"]);
    const signature = fromBase64url(String(first?.signature)) ?? new Uint8Array();
    const statement: SignInStatement = {
      challenge: "CHALLENGE1",
      eventId: req.eventId,
      role: "participant",
      deviceId: String(first?.deviceId),
    };
    const verifies = (s: SignInStatement) => crypto.subtle.verify(DEVICE_SIGN_ALGORITHM, publicKey, signature, signInMessage(s));
    expect(await verifies(statement)).toBe(true);
    expect(await verifies({ ...statement, eventId: "other-event" })).toBe(false);
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
