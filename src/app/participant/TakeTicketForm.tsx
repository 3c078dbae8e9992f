import { useState } from "preact/hooks";
import type { DomainCode } from "../../core/domain.ts";
import type { LoketEvent } from "../../core/event.ts";
import { useLang, useMessages } from "../i18n/define.ts";
import { useOpenWork } from "../ui/use-open-work.ts";
import { participant } from "./messages.ts";
import { checkTicketForm, QUESTION_MAX, type TicketForm, type TicketFormErrors, TOPIC_MAX, topicChoices } from "./take-ticket.ts";

/**
 * The domain first (one number per domain, each with a line on what its table
 * covers), then the topic: one tap on a suggestion or a short line. The question
 * written out is optional: many prefer to ask at the table (issue 12).
 */
export function TakeTicketForm({
  event,
  busy: busyDomains,
  onTake,
  onCancel,
}: {
  event: Pick<LoketEvent, "domains">;
  busy: ReadonlySet<DomainCode>;
  onTake: (form: TicketForm) => Promise<void>;
  onCancel: () => void;
}) {
  const m = useMessages(participant);
  const lang = useLang();
  const [f, setF] = useState<TicketForm>({ domains: [], topic: "", text: "" });
  const [errors, setErrors] = useState<TicketFormErrors>({});
  const [saving, setSaving] = useState(false);
  useOpenWork(f.topic !== "" || f.text !== "" || f.domains.length > 0);

  function toggle(code: DomainCode, on: boolean) {
    setF({ ...f, domains: on ? [...f.domains, code] : f.domains.filter((d) => d !== code) });
  }

  async function submit(e: Event) {
    e.preventDefault();
    const errs = checkTicketForm(f);
    setErrors(errs);
    if (Object.keys(errs).length > 0) {
      const first = errs.domains ? "take-domains" : "take-topic";
      document.getElementById(first)?.focus();
      return;
    }
    setSaving(true);
    try {
      await onTake(f);
    } finally {
      setSaving(false);
    }
  }

  const choices = topicChoices(f.domains);
  return (
    <form onSubmit={submit} noValidate data-testid="take-ticket-form" aria-labelledby="take-title">
      <h1 id="take-title">{m.takeTitle}</h1>
      <p class="muted">{m.takeIntro}</p>
      <fieldset
        id="take-domains"
        tabIndex={-1}
        aria-describedby={errors.domains ? "take-domains-err" : undefined}
        data-testid="take-domains"
      >
        <legend>{m.domainsLegend}</legend>
        {busyDomains.size > 0 && (
          // the server's rule (core/fair-use.ts), said before the phone sends anything
          <p class="hint" data-testid="take-one-per-domain">
            {m.onePerDomainRule}
          </p>
        )}
        {event.domains.map((d) => {
          const taken = busyDomains.has(d.code);
          return (
            <label class="check domain-choice" key={d.code}>
              <input
                type="checkbox"
                data-testid={`take-domain-${d.code}`}
                disabled={taken}
                checked={f.domains.includes(d.code)}
                onChange={(e) => toggle(d.code, e.currentTarget.checked)}
                aria-describedby={`take-domain-${d.code}-covers`}
              />
              <span>
                <strong>{d.code}</strong> — {d.name[lang]}
                {taken && <span class="muted"> ({m.alreadyInLine})</span>}
                <span class="hint domain-covers" id={`take-domain-${d.code}-covers`}>
                  {m.domainCovers(d.code)}
                </span>
              </span>
            </label>
          );
        })}
        {errors.domains && (
          <span class="error" id="take-domains-err">
            {m.domainsRequired}
          </span>
        )}
      </fieldset>
      <div class="field">
        <label for="take-topic">{m.topicLabel}</label>
        <span class="hint" id="take-topic-hint">
          {m.topicHint}
        </span>
        {choices.length > 0 && (
          <div class="topic-choices" data-testid="take-topic-choices">
            {choices.map((topic) => (
              <button
                type="button"
                key={topic}
                class={f.topic === topic ? "chip chosen" : "chip"}
                aria-pressed={f.topic === topic}
                onClick={() => setF({ ...f, topic })}
              >
                {topic}
              </button>
            ))}
          </div>
        )}
        <input
          id="take-topic"
          data-testid="take-topic"
          value={f.topic}
          maxLength={TOPIC_MAX}
          onInput={(e) => setF({ ...f, topic: e.currentTarget.value })}
          aria-invalid={errors.topic ? true : undefined}
          aria-describedby={errors.topic ? "take-topic-hint take-topic-err" : "take-topic-hint"}
        />
        {errors.topic && (
          <span class="error" id="take-topic-err">
            {m.required}
          </span>
        )}
      </div>
      <div class="field">
        <label for="take-text">{m.questionOptionalLabel}</label>
        <span class="hint" id="take-text-hint">
          {m.questionHint(QUESTION_MAX)}
        </span>
        <textarea
          id="take-text"
          data-testid="take-question"
          value={f.text}
          maxLength={QUESTION_MAX}
          rows={4}
          onInput={(e) => setF({ ...f, text: e.currentTarget.value })}
          aria-describedby="take-text-hint"
        />
      </div>
      <div class="actions">
        <button type="submit" class="block" data-testid="take-submit" disabled={saving}>
          {saving ? m.saving : m.submitTicket}
        </button>
        <button type="button" class="secondary block" onClick={onCancel}>
          {m.back}
        </button>
      </div>
    </form>
  );
}
