import type { TicketState } from "../core/ticket-fold.ts";
import type { OperationDraft } from "../sync/recorder.ts";

/**
 * What erasing a participant's data records (UU 27/2022), whoever asks for it,
 * the participant on their phone or an organizer on their behalf: their tickets
 * still in line are cancelled (nobody is coming for them), then the erasure.
 * The erasure names the region only, so that the per-region counts survive.
 */
export function erasureDrafts(participantId: string, regionId: string | null, tickets: readonly TicketState[]): OperationDraft[] {
  const cancels: OperationDraft[] = tickets
    .filter((t) => t.participantId === participantId)
    .filter((t) => t.status === "waiting" || t.status === "called" || t.status === "noShow")
    .map((t) => ({ type: "ticket.cancelled", ticketId: t.id }));
  return [...cancels, { type: "participant.erased", participantId, ...(regionId ? { regionId } : {}) }];
}
