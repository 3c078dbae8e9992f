import { useState } from "preact/hooks";
import type { LoketEvent } from "../../core/event.ts";
import type { ParticipantState } from "../../core/participant-fold.ts";
import type { TicketState } from "../../core/ticket-fold.ts";
import { downloadText } from "../desk/download.ts";
import { useMessages } from "../i18n/define.ts";
import { type CsvKind, csvFor } from "./csv.ts";
import { adminMessages } from "./messages.ts";

export function CsvExport(p: { event: LoketEvent; tickets: readonly TicketState[]; participants: readonly ParticipantState[] }) {
  const m = useMessages(adminMessages);
  const [personal, setPersonal] = useState(true);
  const kinds: { kind: CsvKind; label: string }[] = [
    { kind: "tickets", label: m.exportTickets },
    { kind: "consultations", label: m.exportConsultations },
    { kind: "followUps", label: m.exportFollowUps },
  ];
  return (
    <section aria-labelledby="admin-export-title" data-testid="admin-export">
      <h2 id="admin-export-title">{m.exportHeading}</h2>
      <p class="muted">{m.exportIntro}</p>
      <label class="check">
        <input
          type="checkbox"
          data-testid="admin-export-anonymous"
          checked={!personal}
          onChange={(e) => setPersonal(!e.currentTarget.checked)}
        />
        {m.withoutPersonal}
      </label>
      <div class="actions">
        {kinds.map(({ kind, label }) => (
          <button
            key={kind}
            type="button"
            data-testid={`admin-export-${kind}`}
            onClick={() => {
              const csv = csvFor(kind, { event: p.event, tickets: p.tickets, participants: p.participants, personal });
              const suffix = personal ? "" : "-anonim";
              downloadText(`loket-${p.event.id}-${kind}${suffix}.csv`, csv, "text/csv;charset=utf-8");
            }}
          >
            {label}
          </button>
        ))}
      </div>
    </section>
  );
}
