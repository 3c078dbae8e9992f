import type { Outcome } from "../../core/operation.ts";
import { useMessages } from "../i18n/define.ts";
import { panels } from "./panel-messages.ts";

/** The desk's outcome and advice, kept on the phone. Every text is rendered as text. */
export function OutcomeView({ outcome }: { outcome: Outcome | null }) {
  const m = useMessages(panels);
  if (!outcome) return <p class="muted">{m.noOutcome}</p>;
  const kind =
    outcome.kind === "answered" ? m.outcomeAnswered : outcome.kind === "followUp" ? m.outcomeFollowUp : m.outcomeReferred;
  return (
    <section class="card" aria-labelledby="outcome-title" data-testid="ticket-outcome">
      <h2 id="outcome-title">{m.outcomeTitle}</h2>
      <p>
        <strong data-testid="outcome-kind">{kind}</strong> — <span class="user-text">{outcome.topic}</span>
      </p>
      <h3>{m.adviceLabel}</h3>
      <p class="user-text" data-testid="outcome-advice">
        {outcome.advice}
      </p>
      {outcome.kind === "followUp" && (
        <dl class="facts">
          <dt>{m.followWhat}</dt>
          <dd class="user-text">{outcome.what}</dd>
          <dt>{m.followWho}</dt>
          <dd class="user-text">{outcome.who}</dd>
          <dt>{m.followDue}</dt>
          <dd>{outcome.due}</dd>
        </dl>
      )}
      {outcome.kind === "referred" && (
        <dl class="facts">
          <dt>{m.referredTo}</dt>
          <dd class="user-text">{outcome.to}</dd>
        </dl>
      )}
    </section>
  );
}
