import { useState } from "preact/hooks";
import type { EventCodesView } from "../../core/admin-protocol.ts";
import { DOMAIN_CODES } from "../../core/domain.ts";
import type { LoketEvent } from "../../core/event.ts";
import { useMessages } from "../i18n/define.ts";
import { type AdminApi, adminErrorWords } from "./admin-api.ts";
import { CodesList } from "./CodesPanel.tsx";
import { draftOf, type EventFormState, formOf, patchOf, TIME_ZONES } from "./event-form.ts";
import { manageMessages } from "./manage-messages.ts";

/**
 * Creates an event (`event` null) or edits the organizer's own. The server
 * checks everything with EventSchema and answers in words; this form only
 * lays out fields and shows that answer.
 */
export function EventForm({
  api,
  event,
  onSaved,
}: {
  api: AdminApi;
  event: LoketEvent | null;
  onSaved?: (event: LoketEvent) => void;
}) {
  const m = useMessages(manageMessages);
  const [form, setForm] = useState<EventFormState>(() => formOf(event));
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [codes, setCodes] = useState<{ id: string; codes: EventCodesView } | null>(null);
  const creating = event === null;
  const p = creating ? "admin-create" : "admin-edit";
  const set = <K extends keyof EventFormState>(k: K, value: EventFormState[K]) => setForm((f) => ({ ...f, [k]: value }));
  const text = (
    k: "id" | "name" | "venue" | "startDate" | "endDate" | "unit" | "consentNoticeVersion",
    label: string,
    type: "text" | "date" = "text",
    required = true,
  ) => {
    const props = {
      id: `${p}-${k}`,
      "data-testid": `${p}-${k}`,
      required,
      autocomplete: "off",
      value: form[k],
      onInput: (e: { currentTarget: HTMLInputElement }) => set(k, e.currentTarget.value),
    };
    return (
      <div class="field">
        <label for={`${p}-${k}`}>{label}</label>
        {type === "date" ? <input type="date" {...props} /> : <input type="text" {...props} />}
      </div>
    );
  };

  async function submit(e: Event) {
    e.preventDefault();
    setMessage(null);
    setCodes(null);
    const body = creating ? draftOf(form) : patchOf(form, event);
    if (!body.ok) {
      setMessage({ ok: false, text: m.badRegionLine(body.regionLine) });
      return;
    }
    setBusy(true);
    try {
      const res = creating
        ? await api.createEvent(body.value as Parameters<AdminApi["createEvent"]>[0])
        : await api.editEvent(body.value);
      if (creating) {
        setCodes({ id: res.event.id, codes: res.codes });
        setMessage({ ok: true, text: m.created(res.event.id) });
        setForm(formOf(null));
      } else {
        setMessage({ ok: true, text: m.saved });
      }
      onSaved?.(res.event);
    } catch (err) {
      setMessage({ ok: false, text: adminErrorWords(err, m) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="admin-form" data-testid={`${p}-form`} onSubmit={submit}>
      <h3>{creating ? m.createHeading : m.editHeading}</h3>
      {creating && <p class="muted">{m.createIntro}</p>}
      {creating && text("id", m.fieldId)}
      {text("name", m.fieldName)}
      {text("venue", m.fieldVenue)}
      {text("startDate", m.fieldStart, "date")}
      {text("endDate", m.fieldEnd, "date")}
      {text("unit", m.fieldUnit, "text", false)}
      <div class="field">
        <label for={`${p}-timeZone`}>{m.fieldTimeZone}</label>
        <select
          id={`${p}-timeZone`}
          data-testid={`${p}-timeZone`}
          value={form.timeZone}
          onChange={(e) => set("timeZone", e.currentTarget.value)}
        >
          {[...new Set([...TIME_ZONES, form.timeZone])].map((z) => (
            <option key={z} value={z}>
              {z}
            </option>
          ))}
        </select>
      </div>
      <fieldset>
        <legend>{m.fieldDesks}</legend>
        <div class="desks-grid">
          {DOMAIN_CODES.map((code) => (
            <div class="field" key={code}>
              <label for={`${p}-desks-${code}`}>{code}</label>
              <input
                id={`${p}-desks-${code}`}
                data-testid={`${p}-desks-${code}`}
                type="number"
                min={0}
                max={20}
                value={form.desks[code]}
                onInput={(e) => set("desks", { ...form.desks, [code]: Number(e.currentTarget.value) || 0 })}
              />
            </div>
          ))}
        </div>
      </fieldset>
      <div class="field">
        <label for={`${p}-regions`}>{m.fieldRegions}</label>
        <textarea
          id={`${p}-regions`}
          data-testid={`${p}-regions`}
          spellcheck={false}
          value={form.regionsText}
          onInput={(e) => set("regionsText", e.currentTarget.value)}
        />
      </div>
      {text("consentNoticeVersion", m.fieldNotice)}
      <p class="hint muted">{m.noticeHint}</p>
      {message && (
        <p class={`notice ${message.ok ? "ok" : "bad"}`} role={message.ok ? "status" : "alert"} data-testid={`${p}-message`}>
          {message.text}
        </p>
      )}
      {codes && <CodesList codes={codes.codes} />}
      <button type="submit" data-testid={`${p}-submit`} disabled={busy}>
        {busy ? m.saving : creating ? m.create : m.save}
      </button>
    </form>
  );
}
