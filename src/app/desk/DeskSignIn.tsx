import { useState } from "preact/hooks";
import { DEFAULT_DOMAINS, type DeskId, type DomainCode, deskDomain, deskId, deskTable } from "../../core/domain.ts";
import { signIn } from "../../sync/session.ts";
import { BASE_URL } from "../connection.ts";
import type { Device } from "../device.ts";
import { useLang, useMessages } from "../i18n/define.ts";
import { SignInForm } from "../ui/SignInForm.tsx";
import { TextField } from "../ui/TextField.tsx";
import type { DeskSession } from "./desk-session.ts";
import { deskMessages } from "./messages.ts";

export function DeskSignIn({
  device,
  initial,
  onSignedIn,
}: {
  device: Device;
  initial: { eventId: string; deskId: DeskId | null; code: string };
  onSignedIn: (s: DeskSession) => void;
}) {
  const m = useMessages(deskMessages);
  const lang = useLang();
  const [eventId, setEventId] = useState(initial.eventId);
  const [domain, setDomain] = useState<DomainCode>((initial.deskId && deskDomain(initial.deskId)) || "K");
  const [table, setTable] = useState(initial.deskId ? deskTable(initial.deskId) : 1);

  return (
    <SignInForm
      surface="desk"
      class="desk-signin"
      m={m}
      passcodeTestId="desk-signin-code"
      initialCode={initial.code}
      onSubmit={async (code) => {
        const desk = deskId(domain, table);
        const s = await signIn(device.store, BASE_URL, {
          role: "desk",
          eventId: eventId.trim(),
          deskId: desk,
          code,
        });
        onSignedIn({ ...s, role: "desk", deskId: desk });
      }}
    >
      <TextField
        id="desk-event"
        label={m.eventId}
        testId="desk-signin-event"
        required
        pattern="[a-z0-9\-]{3,60}"
        autocomplete="off"
        value={eventId}
        onValue={setEventId}
      />
      <div class="field">
        <label for="desk-domain">{m.domain}</label>
        <select
          id="desk-domain"
          data-testid="desk-signin-domain"
          value={domain}
          onChange={(e) => setDomain(e.currentTarget.value as DomainCode)}
        >
          {DEFAULT_DOMAINS.map((d) => (
            <option key={d.code} value={d.code}>
              {d.code} — {d.name[lang]}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for="desk-table">{m.table}</label>
        <input
          id="desk-table"
          data-testid="desk-signin-table"
          type="number"
          min={1}
          max={20}
          required
          value={table}
          onInput={(e) => setTable(Number(e.currentTarget.value) || 1)}
        />
      </div>
    </SignInForm>
  );
}
