import type { AuthResponse } from "../../core/protocol.ts";
import type { LocalStore } from "../../storage/contract.ts";
import { storedSessionOf } from "../desk/desk-session.ts";

/**
 * The organizer's session: the device's one session (sync/session.ts) when its
 * role is "organizer", read without the expiry check so /admin keeps showing
 * what the device holds offline.
 */
export type AdminSession = AuthResponse & { readonly role: "organizer" };

export function storedAdminSession(store: LocalStore): Promise<AdminSession | null> {
  return storedSessionOf(store, "organizer");
}
