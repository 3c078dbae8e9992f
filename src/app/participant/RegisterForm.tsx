import { useState } from "preact/hooks";
import type { LoketEvent } from "../../core/event.ts";
import type { Profile } from "../../core/participant.ts";
import { useMessages } from "../i18n/define.ts";
import { useOpenWork } from "../ui/use-open-work.ts";
import { participant } from "./messages.ts";
import {
  buildProfile,
  checkProfile,
  emptyFields,
  type FieldError,
  isDirty,
  type ProfileErrors,
  type ProfileFields,
  regionLabel,
  regionsByProvince,
} from "./profile-form.ts";

/** Register once, or edit later; consent with its purpose in plain words. */
export function RegisterForm({
  event,
  initial,
  onSave,
  onCancel,
}: {
  event: Pick<LoketEvent, "regions" | "consentNoticeVersion">;
  initial: Profile | null;
  onSave: (profile: Profile) => Promise<void>;
  onCancel?: () => void;
}) {
  const m = useMessages(participant);
  const [start] = useState(() => emptyFields(initial));
  const [f, setF] = useState<ProfileFields>(start);
  const [errors, setErrors] = useState<ProfileErrors>({});
  const [busy, setBusy] = useState(false);
  useOpenWork(isDirty(f, start));

  const set = (k: keyof ProfileFields) => (e: Event) => {
    const t = e.currentTarget as HTMLInputElement;
    setF({ ...f, [k]: t.type === "checkbox" ? t.checked : t.value });
  };
  const say = (err: FieldError | undefined) =>
    err === "required"
      ? m.required
      : err === "phoneInvalid"
        ? m.phoneInvalid
        : err === "consentRequired"
          ? m.consentRequired
          : "";

  async function submit(e: Event) {
    e.preventDefault();
    const errs = checkProfile(f, event.regions);
    setErrors(errs);
    if (Object.keys(errs).length > 0) {
      const first = Object.keys(errs)[0];
      document.getElementById(`reg-${first}`)?.focus();
      return;
    }
    setBusy(true);
    try {
      await onSave(buildProfile(f, { version: event.consentNoticeVersion, purpose: m.consentPurpose }, new Date(), initial));
    } finally {
      setBusy(false);
    }
  }

  const text = (k: "name" | "position" | "institution", label: string, hint?: string, autocomplete?: string) => (
    <div class="field">
      <label for={`reg-${k}`}>{label}</label>
      {hint && (
        <span class="hint" id={`reg-${k}-hint`}>
          {hint}
        </span>
      )}
      <input
        id={`reg-${k}`}
        data-testid={`reg-${k}`}
        value={f[k]}
        onInput={set(k)}
        maxLength={k === "institution" ? 200 : 120}
        autocomplete={autocomplete}
        aria-invalid={errors[k] ? true : undefined}
        aria-describedby={[hint ? `reg-${k}-hint` : "", errors[k] ? `reg-${k}-err` : ""].join(" ").trim() || undefined}
      />
      {errors[k] && (
        <span class="error" id={`reg-${k}-err`}>
          {say(errors[k])}
        </span>
      )}
    </div>
  );

  return (
    <form onSubmit={submit} noValidate data-testid="register-form" aria-labelledby="reg-title">
      <h1 id="reg-title">{m.registerTitle}</h1>
      <p class="muted">{m.registerIntro}</p>
      {text("name", m.nameLabel, undefined, "name")}
      {text("position", m.positionLabel, m.positionHint, "organization-title")}
      {text("institution", m.institutionLabel, m.institutionHint, "organization")}
      <div class="field">
        <label for="reg-regionId">{m.regionLabel}</label>
        <select
          id="reg-regionId"
          data-testid="reg-region"
          value={f.regionId}
          onChange={set("regionId")}
          aria-invalid={errors.regionId ? true : undefined}
          aria-describedby={errors.regionId ? "reg-regionId-err" : undefined}
        >
          <option value="">{m.regionChoose}</option>
          {regionsByProvince(event.regions).map((g) => (
            <optgroup key={g.province} label={g.province}>
              {g.regions.map((r) => (
                <option key={r.id} value={r.id}>
                  {regionLabel(r)}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
        {errors.regionId && (
          <span class="error" id="reg-regionId-err">
            {say(errors.regionId)}
          </span>
        )}
      </div>
      <div class="field">
        <label for="reg-phone">{m.phoneLabel}</label>
        <span class="hint" id="reg-phone-hint">
          {m.phoneHint}
        </span>
        <input
          id="reg-phone"
          data-testid="reg-phone"
          type="tel"
          inputMode="tel"
          autocomplete="tel"
          value={f.phone}
          onInput={set("phone")}
          maxLength={20}
          aria-invalid={errors.phone ? true : undefined}
          aria-describedby={errors.phone ? "reg-phone-hint reg-phone-err" : "reg-phone-hint"}
        />
        {errors.phone && (
          <span class="error" id="reg-phone-err">
            {say(errors.phone)}
          </span>
        )}
      </div>
      <fieldset class="consent">
        <legend>{m.consentTitle}</legend>
        <p id="reg-consent-purpose">{m.consentPurpose}</p>
        <p class="muted">{m.consentNotice(event.consentNoticeVersion)}</p>
        <label class="check">
          <input
            id="reg-consent"
            data-testid="reg-consent"
            type="checkbox"
            checked={f.consent}
            onChange={set("consent")}
            aria-describedby={errors.consent ? "reg-consent-purpose reg-consent-err" : "reg-consent-purpose"}
            aria-invalid={errors.consent ? true : undefined}
          />
          <span>{m.consentLabel}</span>
        </label>
        {errors.consent && (
          <span class="error" id="reg-consent-err">
            {say(errors.consent)}
          </span>
        )}
      </fieldset>
      <div class="actions">
        <button type="submit" class="block" data-testid="reg-submit" disabled={busy}>
          {busy ? m.saving : m.save}
        </button>
        {onCancel && (
          <button type="button" class="secondary block" onClick={onCancel}>
            {m.cancelEdit}
          </button>
        )}
      </div>
    </form>
  );
}
