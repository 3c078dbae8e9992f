import { API, type AuthResponse, type ErrorResponse, PROTOCOL_HEADER, PROTOCOL_VERSION } from "../../core/protocol.ts";
import type { LocalStore } from "../../storage/contract.ts";
import { SignInError } from "../desk/desk-session.ts";

/** The organizer's session, kept in the device store so /admin works offline once signed in. */
export interface AdminSession {
  readonly eventId: string;
  readonly token: string;
  readonly expiresAt: string;
}

const SESSION_KEY = "adminSession";

export async function loadAdminSession(store: LocalStore): Promise<AdminSession | null> {
  return (await store.getMeta<AdminSession>(SESSION_KEY)) ?? null;
}

export async function signInOrganizer(
  store: LocalStore,
  deviceId: string,
  req: { eventId: string; code: string },
): Promise<AdminSession> {
  let res: Response;
  try {
    res = await fetch(API.auth, {
      method: "POST",
      headers: { "content-type": "application/json", [PROTOCOL_HEADER]: String(PROTOCOL_VERSION) },
      body: JSON.stringify({ role: "organizer", eventId: req.eventId, code: req.code, deviceId }),
    });
  } catch {
    throw new SignInError("offline", "network");
  }
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as ErrorResponse | null;
    throw new SignInError("refused", body?.message ?? `HTTP ${res.status}`);
  }
  const auth = (await res.json()) as AuthResponse;
  const session: AdminSession = { eventId: auth.eventId, token: auth.token, expiresAt: auth.expiresAt };
  await store.setMeta(SESSION_KEY, session);
  return session;
}

export async function signOutOrganizer(store: LocalStore): Promise<{ ok: true } | { ok: false; pending: number }> {
  const pending = await store.outboxCount();
  if (pending > 0) return { ok: false, pending };
  await store.setMeta(SESSION_KEY, null);
  return { ok: true };
}
