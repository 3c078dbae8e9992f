import type { DomainCode } from "../../core/domain.ts";
import type { LocalStore } from "../../storage/contract.ts";
import { useMessages } from "../i18n/define.ts";
import { TicketQr } from "../participant/TicketQr.tsx";
import { deskMessages } from "./messages.ts";

export interface SlipTicket {
  readonly ticketId: string;
  readonly number: string;
  /** no reserved number was left: the slip carries the provisional code, marked so */
  readonly provisional: boolean;
  readonly domain: DomainCode;
  readonly domainName: string;
}

/** The class on <body> while the slip is printed: desk.css then prints the slip alone. */
const PRINTING = "printing-slip";

/**
 * A paper ticket for a walk-in without a phone: the number, the domain and the
 * ticket's QR code (another desk can take the ticket in by scanning it, as from
 * a phone). Printed with the browser's print dialog; the print CSS fits a
 * 58 mm receipt printer and sits at the top left of an A4 sheet. The QR holds
 * the ticket's operations only, never the walk-in's profile: paper gets lost.
 */
export function WalkInSlip({ store, eventId, ticket }: { store: LocalStore; eventId: string; ticket: SlipTicket }) {
  const m = useMessages(deskMessages);
  const print = () => {
    document.body.classList.add(PRINTING);
    const done = () => {
      document.body.classList.remove(PRINTING);
      window.removeEventListener("afterprint", done);
    };
    window.addEventListener("afterprint", done);
    window.print();
  };
  return (
    <div class="walk-in-slip-box">
      <div class="walk-in-slip" data-testid="desk-walk-in-slip">
        <p class="slip-label">{m.slipLabel}</p>
        <p class="slip-number" data-testid="desk-walk-in-slip-number">
          {ticket.number}
        </p>
        {ticket.provisional && <p class="slip-note">{m.provisional}</p>}
        <p class="slip-domain">
          {ticket.domain} — {ticket.domainName}
        </p>
        <TicketQr store={store} eventId={eventId} ticketId={ticket.ticketId} participantId="" number={ticket.number} />
        <p class="slip-note">{m.slipHelp}</p>
      </div>
      <button type="button" data-testid="desk-walk-in-print" onClick={print}>
        {m.printSlip}
      </button>
    </div>
  );
}
