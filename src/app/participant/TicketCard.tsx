import { useMessages } from "../i18n/define.ts";
import { participant } from "./messages.ts";
import { LineInfo, statusText } from "./TicketStatus.tsx";
import type { TicketView } from "./ticket-view.ts";

/** One of my tickets in the list; the whole card opens the ticket. */
export function TicketCard({ view, domainName, href }: { view: TicketView; domainName: string; href: string }) {
  const m = useMessages(participant);
  return (
    <li class={`ticket-card status-${view.status}`} data-testid="ticket-card" data-ticket-id={view.id}>
      <a href={href} class="ticket-card-link">
        <span class="ticket-card-number" data-testid="ticket-card-number">
          {view.number}
        </span>
        <span class="ticket-card-body">
          <span class="ticket-card-domain">{domainName}</span>
          <span class="ticket-card-status" data-testid="ticket-card-status">
            {statusText(view, m)}
          </span>
          {view.status === "waiting" && <LineInfo view={view} />}
        </span>
      </a>
    </li>
  );
}
