import { useState } from "preact/hooks";
import type { Outcome } from "../../core/operation.ts";
import { useMessages } from "../i18n/define.ts";
import { TextAreaField } from "../ui/TextAreaField.tsx";
import { TextField } from "../ui/TextField.tsx";
import { deskMessages } from "./messages.ts";

type Kind = Outcome["kind"];

/** The outcome of a consultation: answered, follow-up (what, who, by when) or referred (to whom); always with topic and advice. */
export function OutcomeForm({
  initialTopic,
  busy,
  onClose,
}: {
  initialTopic: string;
  busy: boolean;
  onClose: (o: Outcome) => Promise<void>;
}) {
  const m = useMessages(deskMessages);
  const [kind, setKind] = useState<Kind>("answered");
  const [topic, setTopic] = useState(initialTopic);
  const [advice, setAdvice] = useState("");
  const [what, setWhat] = useState("");
  const [who, setWho] = useState("");
  const [due, setDue] = useState("");
  const [to, setTo] = useState("");

  const submit = (e: Event) => {
    e.preventDefault();
    const base = { topic: topic.trim(), advice: advice.trim() };
    if (!base.topic || !base.advice) return;
    const outcome: Outcome | null =
      kind === "answered"
        ? { kind, ...base }
        : kind === "followUp"
          ? what.trim() && who.trim() && due
            ? { kind, ...base, what: what.trim(), who: who.trim(), due }
            : null
          : to.trim()
            ? { kind, ...base, to: to.trim() }
            : null;
    if (outcome) void onClose(outcome);
  };

  const kinds: { k: Kind; label: string }[] = [
    { k: "answered", label: m.answered },
    { k: "followUp", label: m.followUp },
    { k: "referred", label: m.referred },
  ];
  return (
    <form class="outcome" onSubmit={submit} data-testid="desk-outcome-form">
      <h3>{m.outcomeHeading}</h3>
      <fieldset>
        <legend>{m.outcomeKind}</legend>
        {kinds.map(({ k, label }) => (
          <label key={k} class="check">
            <input
              type="radio"
              name="outcome-kind"
              value={k}
              checked={kind === k}
              data-testid={`desk-outcome-${k}`}
              onChange={() => setKind(k)}
            />
            {label}
          </label>
        ))}
      </fieldset>
      <TextField
        id="outcome-topic"
        label={m.topic}
        testId="desk-outcome-topic"
        required
        maxLength={120}
        value={topic}
        onValue={setTopic}
      />
      <TextAreaField
        id="outcome-advice"
        label={m.advice}
        testId="desk-outcome-advice"
        required
        maxLength={4000}
        value={advice}
        onValue={setAdvice}
      />
      {kind === "followUp" && (
        <>
          <TextField
            id="outcome-what"
            label={m.what}
            testId="desk-outcome-what"
            required
            maxLength={1000}
            value={what}
            onValue={setWhat}
          />
          <TextField
            id="outcome-who"
            label={m.who}
            testId="desk-outcome-who"
            required
            maxLength={200}
            value={who}
            onValue={setWho}
          />
          <TextField id="outcome-due" label={m.due} testId="desk-outcome-due" type="date" required value={due} onValue={setDue} />
        </>
      )}
      {kind === "referred" && (
        <TextField
          id="outcome-to"
          label={m.referredTo}
          testId="desk-outcome-to"
          required
          maxLength={200}
          value={to}
          onValue={setTo}
        />
      )}
      <button type="submit" data-testid="desk-close-ticket" disabled={busy}>
        {m.closeTicket}
      </button>
    </form>
  );
}
