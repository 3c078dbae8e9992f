import type { AuthResponse } from "../../core/protocol.ts";

/**
 * Joining an event: the QR link carries `?event=&code=`; the code is
 * exchanged once for a session and also kept (meta "join") so that a reopened
 * home-screen app, whose start URL has no query, can sign in again when the
 * session expires.
 */
export interface JoinParams {
  readonly eventId: string;
  readonly code: string;
}

export type JoinPhase =
  | "checking"
  | "needCode"
  | "joining"
  | "offline"
  | "refused"
  | "failed"
  /** the device holds another role's session with unsent changes: switching would strand them */
  | "otherRoleBusy"
  | "ready";

export function joinParams(query: Record<string, string | undefined>): JoinParams | null {
  const eventId = query.event?.trim();
  const code = query.code?.trim();
  if (!eventId || !code) return null;
  if (!/^[a-z0-9-]{3,60}$/.test(eventId) || code.length < 4 || code.length > 64) return null;
  return { eventId, code };
}

/** Whether the stored session already serves this link: same event, and the role (null: any role, as the board takes). */
export function sessionFits(
  session: AuthResponse | null,
  params: JoinParams | null,
  role: string | null = "participant",
): boolean {
  if (!session || (role !== null && session.role !== role)) return false;
  return params === null || session.eventId === params.eventId;
}

/** The phase a failed sign-in leaves, by its error code. */
export function failurePhase(code: string): JoinPhase {
  if (code === "offline") return "offline";
  if (code === "unauthorized" || code === "forbidden" || code === "notFound" || code === "badRequest") return "refused";
  return "failed";
}
