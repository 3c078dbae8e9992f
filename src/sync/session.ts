import {
  API,
  type AuthRequest,
  type AuthResponse,
  type ChallengeResponse,
  type ErrorResponse,
  PROTOCOL_HEADER,
  PROTOCOL_VERSION,
  type SignInRequest,
} from "../core/protocol.ts";
import { type LocalStore, UnsyncedChangesError } from "../storage/contract.ts";
import { type DeviceKey, deviceKeyFor, keyScope, signInProof } from "./device-key.ts";

/**
 * The device's session: a code (join code, desk or organizer passcode)
 * exchanged once for a device token, kept in the store's meta under "session".
 * The device proves it holds its key (device-key.ts) by signing the server's
 * challenge, so the token goes to this device only; a lost token is recovered
 * by signing in again with the same key. Each role scope has its own key
 * (keyScope): the session's `deviceId` is that key's id.
 *
 * Signing out is refused while the outbox holds changes the server has not
 * acknowledged: the token is what lets them reach the server.
 */
export const SESSION_KEY = "session";

/** `noDeviceKey`: the page cannot make or read its key (not a secure context, storage refused) */
export type SignInErrorCode = ErrorResponse["error"] | "offline" | "badResponse" | "noDeviceKey";

export class SignInError extends Error {
  constructor(
    readonly code: SignInErrorCode,
    detail: string,
  ) {
    super(detail);
    this.name = "SignInError";
  }
}

export async function signIn(
  store: LocalStore,
  baseUrl: string,
  req: SignInRequest,
  fetchImpl: typeof fetch = (input, init) => globalThis.fetch(input, init),
  key?: DeviceKey,
): Promise<AuthResponse> {
  const base = baseUrl.replace(/\/$/, "");
  const headers = { "content-type": "application/json", [PROTOCOL_HEADER]: String(PROTOCOL_VERSION) };
  const deskId = req.role === "desk" ? req.deskId : undefined;
  let deviceKey: DeviceKey;
  try {
    deviceKey = key ?? (await deviceKeyFor(store, keyScope(req.role, deskId)));
  } catch (e) {
    throw new SignInError("noDeviceKey", e instanceof Error ? e.message : String(e));
  }
  const challenge = await call<ChallengeResponse>(fetchImpl, `${base}${API.authChallenge}`, { method: "POST", headers });
  if (typeof challenge.challenge !== "string") throw new SignInError("badResponse", "the server's answer has no challenge");
  const proof = await signInProof(deviceKey, { challenge: challenge.challenge, eventId: req.eventId, role: req.role, deskId });
  const body: AuthRequest = { ...req, ...proof, challenge: challenge.challenge };
  const answer = await call<AuthResponse>(fetchImpl, `${base}${API.auth}`, {
    method: "POST",
    headers,
    body: JSON.stringify(body),
  });
  if (typeof answer.token !== "string" || typeof answer.expiresAt !== "string") {
    throw new SignInError("badResponse", "the server's answer has no token");
  }
  // A desk forgets profiles it is done with; whoever uses the device next
  // (an organizer making the report) needs them all again.
  if (answer.role !== "desk") await store.recallForgottenProfiles();
  await store.setMeta(SESSION_KEY, answer);
  return answer;
}

async function call<T>(fetchImpl: typeof fetch, url: string, init: RequestInit): Promise<T> {
  let res: Response;
  try {
    res = await fetchImpl(url, init);
  } catch (e) {
    throw new SignInError("offline", `could not reach the server: ${e instanceof Error ? e.message : String(e)}`);
  }
  const body = (await res.json().catch(() => null)) as (T & Partial<ErrorResponse>) | null;
  if (!res.ok) throw new SignInError(body?.error ?? "badResponse", body?.message ?? `${res.status} ${res.statusText}`);
  if (!body || typeof body !== "object") throw new SignInError("badResponse", "the server's answer is not JSON");
  return body;
}

/** The stored session, or null when there is none or it has expired. */
export async function currentSession(store: LocalStore, now: number = Date.now()): Promise<AuthResponse | null> {
  const s = await store.getMeta<AuthResponse | null>(SESSION_KEY);
  if (!s) return null;
  return Date.parse(s.expiresAt) > now ? s : null;
}

/** A `getToken` for the sync engine. */
export function tokenFrom(store: LocalStore, now: () => number = Date.now): () => Promise<string | null> {
  return async () => (await currentSession(store, now()))?.token ?? null;
}

/** Forget the session; refused (UnsyncedChangesError) while changes wait for the server. */
export async function signOut(store: LocalStore): Promise<void> {
  const pending = await store.outboxCount();
  if (pending > 0) throw new UnsyncedChangesError(pending);
  await store.setMeta(SESSION_KEY, null);
}
