import {
  API,
  type AuthRequest,
  type AuthResponse,
  type ErrorResponse,
  PROTOCOL_HEADER,
  PROTOCOL_VERSION,
} from "../core/protocol.ts";
import { type LocalStore, UnsyncedChangesError } from "../storage/contract.ts";

/**
 * The device's session: a code (join code, desk or organizer passcode)
 * exchanged once for a device token, kept in the store's meta under "session".
 *
 * Signing out is refused while the outbox holds changes the server has not
 * acknowledged: the token is what lets them reach the server.
 */
export const SESSION_KEY = "session";

export type SignInErrorCode = ErrorResponse["error"] | "offline" | "badResponse";

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
  req: AuthRequest,
  fetchImpl: typeof fetch = (input, init) => globalThis.fetch(input, init),
): Promise<AuthResponse> {
  let res: Response;
  try {
    res = await fetchImpl(`${baseUrl.replace(/\/$/, "")}${API.auth}`, {
      method: "POST",
      headers: { "content-type": "application/json", [PROTOCOL_HEADER]: String(PROTOCOL_VERSION) },
      body: JSON.stringify(req),
    });
  } catch (e) {
    throw new SignInError("offline", `could not reach the server: ${e instanceof Error ? e.message : String(e)}`);
  }
  const body = (await res.json().catch(() => null)) as (AuthResponse & Partial<ErrorResponse>) | null;
  if (!res.ok) throw new SignInError(body?.error ?? "badResponse", body?.message ?? `${res.status} ${res.statusText}`);
  if (!body || typeof body.token !== "string" || typeof body.expiresAt !== "string") {
    throw new SignInError("badResponse", "the server's answer has no token");
  }
  // A desk forgets profiles it is done with; whoever uses the device next
  // (an organizer making the report) needs them all again.
  if (body.role !== "desk") await store.recallForgottenProfiles();
  await store.setMeta(SESSION_KEY, body);
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
