import { useState } from "preact/hooks";
import { useLocation } from "preact-iso";
import { useMessages } from "../i18n/define.ts";
import type { JoinParams, JoinPhase } from "./join.ts";
import { participant } from "./messages.ts";

/** Before a session: explain the QR link, offer a manual code, say why a join failed. */
export function JoinScreen({
  phase,
  initial,
  onSubmit,
  onRetry,
}: {
  phase: JoinPhase;
  initial: JoinParams | null;
  onSubmit: (p: JoinParams) => void;
  onRetry: () => void;
}) {
  const m = useMessages(participant);
  // A link with an event but no usable code (an old poster, a code cut off by a
  // chat app) still fills in what it carries: only the missing part is typed.
  const { query } = useLocation();
  const [eventId, setEventId] = useState(initial?.eventId ?? query.event?.trim() ?? "");
  const [code, setCode] = useState(initial?.code ?? query.code?.trim() ?? "");
  if (phase === "checking" || phase === "joining") {
    return (
      <p role="status" data-testid="join-status">
        {m.joining}
      </p>
    );
  }
  return (
    <section aria-labelledby="join-title" data-testid="join-screen" data-phase={phase}>
      <h1 id="join-title">{m.joinTitle}</h1>
      {phase === "offline" && (
        <p class="notice warn" role="alert">
          {m.joinOffline}
        </p>
      )}
      {phase === "refused" && (
        <p class="notice bad" role="alert">
          {m.joinRefused}
        </p>
      )}
      {phase === "failed" && (
        <p class="notice bad" role="alert">
          {m.joinFailed}
        </p>
      )}
      {phase === "otherRoleBusy" && (
        <p class="notice warn" role="alert">
          {m.joinOtherRole}
        </p>
      )}
      {(phase === "offline" || phase === "failed" || phase === "otherRoleBusy") && (
        <div class="actions">
          <button type="button" class="block" data-testid="join-retry" onClick={onRetry}>
            {m.join}
          </button>
        </div>
      )}
      <p>{m.joinHow}</p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          const id = eventId.trim().toLowerCase();
          if (id && code.trim()) onSubmit({ eventId: id, code: code.trim() });
        }}
      >
        <p class="muted">{m.joinManual}</p>
        <div class="field">
          <label for="join-event">{m.eventIdLabel}</label>
          <input
            id="join-event"
            data-testid="join-event"
            value={eventId}
            autocapitalize="none"
            onInput={(e) => setEventId(e.currentTarget.value)}
          />
        </div>
        <div class="field">
          <label for="join-code">{m.codeLabel}</label>
          <input
            id="join-code"
            data-testid="join-code"
            value={code}
            autocapitalize="characters"
            onInput={(e) => setCode(e.currentTarget.value)}
          />
        </div>
        <button type="submit" class="block" data-testid="join-submit">
          {m.join}
        </button>
      </form>
    </section>
  );
}
