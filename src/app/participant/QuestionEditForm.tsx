import { useState } from "preact/hooks";
import type { TicketState } from "../../core/ticket-fold.ts";
import type { OperationDraft } from "../../sync/recorder.ts";
import { useMessages } from "../i18n/define.ts";
import { useOpenWork } from "../ui/use-open-work.ts";
import { participant } from "./messages.ts";
import { panels } from "./panel-messages.ts";
import { checkQuestionForm, type QuestionForm, type QuestionFormErrors, questionEditDraft } from "./question-edit.ts";
import { QUESTION_MAX, TOPIC_MAX } from "./take-ticket.ts";

/** Topic and text of a ticket's question, edited in place (loaded on the tap that opens it). */
export function QuestionEditForm({
  ticket,
  onSave,
  onClose,
}: {
  ticket: Pick<TicketState, "id" | "question" | "status">;
  onSave: (draft: OperationDraft) => Promise<void>;
  onClose: () => void;
}) {
  const m = useMessages(participant);
  const p = useMessages(panels);
  const [f, setF] = useState<QuestionForm>(() => ({ topic: ticket.question?.topic ?? "", text: ticket.question?.text ?? "" }));
  const [errors, setErrors] = useState<QuestionFormErrors>({});
  const [saving, setSaving] = useState(false);
  useOpenWork(f.topic !== (ticket.question?.topic ?? "") || f.text !== (ticket.question?.text ?? ""));

  async function submit(e: Event) {
    e.preventDefault();
    const errs = checkQuestionForm(f);
    setErrors(errs);
    if (errs.topic) {
      document.getElementById("edit-topic")?.focus();
      return;
    }
    const draft = questionEditDraft(ticket, f);
    if (draft) {
      setSaving(true);
      try {
        await onSave(draft);
      } finally {
        setSaving(false);
      }
    }
    onClose();
  }

  return (
    <form class="card" onSubmit={submit} noValidate data-testid="edit-question-form" aria-labelledby="edit-q-title">
      <h2 id="edit-q-title">{p.editQuestionTitle}</h2>
      <p class="muted">{p.editQuestionIntro}</p>
      <div class="field">
        <label for="edit-topic">{m.topicLabel}</label>
        <input
          id="edit-topic"
          data-testid="edit-topic"
          value={f.topic}
          maxLength={TOPIC_MAX}
          onInput={(e) => setF({ ...f, topic: e.currentTarget.value })}
          aria-invalid={errors.topic ? true : undefined}
          aria-describedby={errors.topic ? "edit-topic-err" : undefined}
        />
        {errors.topic && (
          <span class="error" id="edit-topic-err">
            {m.required}
          </span>
        )}
      </div>
      <div class="field">
        <label for="edit-text">{m.questionOptionalLabel}</label>
        <span class="hint" id="edit-text-hint">
          {m.questionHint(QUESTION_MAX)}
        </span>
        <textarea
          id="edit-text"
          data-testid="edit-text"
          value={f.text}
          maxLength={QUESTION_MAX}
          rows={5}
          onInput={(e) => setF({ ...f, text: e.currentTarget.value })}
          aria-describedby="edit-text-hint"
        />
      </div>
      <div class="actions">
        <button type="submit" data-testid="edit-submit" disabled={saving}>
          {saving ? m.saving : m.save}
        </button>
        <button type="button" class="secondary" onClick={onClose}>
          {m.cancelEdit}
        </button>
      </div>
    </form>
  );
}
