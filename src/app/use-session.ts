import { useCallback, useEffect, useState } from "preact/hooks";
import type { AuthResponse } from "../core/protocol.ts";
import { currentSession, join, SignInError } from "./connection.ts";
import type { Device } from "./device.ts";
import { failurePhase, type JoinParams, type JoinPhase, sessionFits } from "./participant/join.ts";

const JOIN_KEY = "join";

/**
 * The session of a surface that joins with the participant code (the
 * participant's phone, the board). Uses the stored session when it fits,
 * else signs in with the link's code or the code kept from the last join.
 * `role` null accepts a session of any role for the event (a desk laptop may
 * open the board).
 */
export function useJoin(
  device: Device,
  params: JoinParams | null,
  role: "participant" | null,
): { phase: JoinPhase; session: AuthResponse | null; submit: (p: JoinParams) => void; retry: () => void } {
  const [phase, setPhase] = useState<JoinPhase>("checking");
  const [session, setSession] = useState<AuthResponse | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [manual, setManual] = useState<JoinParams | null>(null);
  const wanted = manual ?? params;

  // `attempt` re-runs the join on retry
  useEffect(() => {
    let live = true;
    void (async () => {
      const stored = await currentSession(device.store);
      if (sessionFits(stored, wanted, role)) {
        if (live) {
          setSession(stored);
          setPhase("ready");
        }
        return;
      }
      const p = wanted ?? (await device.store.getMeta<JoinParams>(JOIN_KEY)) ?? null;
      if (!p) {
        if (live) setPhase("needCode");
        return;
      }
      // Signing in replaces the stored session; another role's unsent changes
      // would then be pushed under the wrong token. They go out first.
      if (stored && stored.role !== "participant" && (await device.store.outboxCount()) > 0) {
        if (live) setPhase("otherRoleBusy");
        return;
      }
      if (live) setPhase("joining");
      try {
        const s = await join(device, { role: "participant", eventId: p.eventId, code: p.code });
        await device.store.setMeta(JOIN_KEY, p);
        if (live) {
          setSession(s);
          setPhase("ready");
        }
      } catch (e) {
        if (live) setPhase(failurePhase(e instanceof SignInError ? e.code : "failed"));
      }
    })();
    return () => {
      live = false;
    };
  }, [device, wanted?.eventId, wanted?.code, role, attempt]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  const submit = useCallback((p: JoinParams) => {
    setManual(p);
    setAttempt((n) => n + 1);
  }, []);
  return { phase, session, submit, retry };
}
