import { useState } from "preact/hooks";
import type { SkmScores } from "../../core/operation.ts";
import type { Rating } from "../../core/ticket-fold.ts";
import { useLang, useMessages } from "../i18n/define.ts";
import { useOpenWork } from "../ui/use-open-work.ts";
import { participant } from "./messages.ts";
import { panels } from "./panel-messages.ts";
import { skmQuestions } from "./skm.ts";

type Element = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;

/** The SKM survey for one consultation: the event's elements, each scored 1–4. */
export function SkmSurvey({
  elements,
  rating,
  onRate,
}: {
  elements: readonly number[];
  rating: Rating | null;
  onRate: (scores: SkmScores, comment: string) => Promise<void>;
}) {
  const m = useMessages(panels);
  const shared = useMessages(participant);
  const lang = useLang();
  const questions = skmQuestions(lang);
  const [editing, setEditing] = useState(rating === null);
  const [scores, setScores] = useState<Record<string, number>>(() => ({ ...(rating?.scores ?? {}) }));
  const [comment, setComment] = useState(rating?.comment ?? "");
  const [error, setError] = useState(false);
  const [saving, setSaving] = useState(false);
  const els = elements.filter((e): e is Element => e >= 1 && e <= 9);
  useOpenWork(editing && (Object.keys(scores).length > 0 || comment !== "") && rating === null);

  if (!editing) {
    return (
      <section class="card" aria-labelledby="skm-title" data-testid="skm-done">
        <h2 id="skm-title">{m.surveyTitle}</h2>
        <p class="notice ok">{m.surveyThanks}</p>
        <button type="button" class="secondary" data-testid="skm-change" onClick={() => setEditing(true)}>
          {m.surveyChange}
        </button>
      </section>
    );
  }

  async function submit(e: Event) {
    e.preventDefault();
    if (els.some((el) => scores[String(el)] === undefined)) {
      setError(true);
      return;
    }
    setError(false);
    setSaving(true);
    try {
      const out: Record<string, number> = {};
      for (const el of els) out[String(el)] = scores[String(el)] as number;
      await onRate(out as SkmScores, comment.trim());
      setEditing(false);
    } finally {
      setSaving(false);
    }
  }

  return (
    <form class="card skm" onSubmit={submit} noValidate data-testid="skm-form" aria-labelledby="skm-title">
      <h2 id="skm-title">{m.surveyTitle}</h2>
      <p class="muted">{m.surveyIntro}</p>
      {els.map((el, i) => {
        const q = questions[el];
        return (
          <fieldset key={el} data-testid={`skm-element-${el}`}>
            <legend>
              {i + 1}. {q.question}
            </legend>
            {q.answers.map((a, k) => (
              <label class="check" key={a}>
                <input
                  type="radio"
                  name={`skm-${el}`}
                  value={k + 1}
                  data-testid={`skm-${el}-${k + 1}`}
                  checked={scores[String(el)] === k + 1}
                  onChange={() => setScores({ ...scores, [String(el)]: k + 1 })}
                />
                <span>{a}</span>
              </label>
            ))}
          </fieldset>
        );
      })}
      <div class="field">
        <label for="skm-comment">{m.surveyComment}</label>
        <textarea
          id="skm-comment"
          data-testid="skm-comment"
          maxLength={1000}
          rows={3}
          value={comment}
          onInput={(e) => setComment(e.currentTarget.value)}
        />
      </div>
      {error && (
        <p class="error" role="alert">
          {m.surveyIncomplete}
        </p>
      )}
      <button type="submit" class="block" data-testid="skm-submit" disabled={saving}>
        {saving ? shared.saving : m.surveySubmit}
      </button>
    </form>
  );
}
