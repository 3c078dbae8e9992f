import { DESK_PATTERN, type DeskId } from "../../core/domain.ts";
import type { AuthResponse } from "../../core/protocol.ts";
import type { LocalStore } from "../../storage/contract.ts";
import { SESSION_KEY } from "../../sync/session.ts";

export type { OperationDraft } from "../../sync/recorder.ts";

/**
 * The desk's session. The session is the
 * device's one session (sync/session.ts, meta "session"), taken as a desk
 * session when its role is "desk". It is read here without the expiry check
 * of `currentSession`: a desk keeps working offline on an expired token (its
 * operations wait in the outbox) and is asked to sign in again only to sync.
 */
export type DeskSession = AuthResponse & { readonly role: "desk"; readonly deskId: DeskId };

export async function storedSessionOf<R extends AuthResponse["role"]>(
  store: LocalStore,
  role: R,
): Promise<(AuthResponse & { role: R }) | null> {
  const s = await store.getMeta<AuthResponse | null>(SESSION_KEY);
  return s && s.role === role ? (s as AuthResponse & { role: R }) : null;
}

export async function storedDeskSession(store: LocalStore): Promise<DeskSession | null> {
  const s = await storedSessionOf(store, "desk");
  return s?.deskId && DESK_PATTERN.test(s.deskId) ? ({ ...s, deskId: s.deskId as DeskId } satisfies DeskSession) : null;
}
