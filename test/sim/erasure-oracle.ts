import type { Operation } from "../../src/core/operation.ts";
import type { ParticipantState } from "../../src/core/participant-fold.ts";
import { ERASED_TEXT } from "../../src/core/redaction.ts";
import type { TicketState } from "../../src/core/ticket-fold.ts";
import type { SimDevice } from "./device.ts";

/**
 * The erasure oracle (UU 27/2022, docs/ARCHITECTURE.md "Personal data"), at
 * quiescence. For every participant erased on the server:
 * - no profile is left anywhere: none of their `participant.registered` on the
 *   server or in any device's store, and no device folds a profile for them;
 * - their own words are cut: every question text of their tickets, on the
 *   server and on every device, is `[dihapus]`, and no rating keeps a comment;
 * - the erasure beat every save of their profile, whenever it was made (after
 *   the erasure, or offline before the device heard of it): the record's
 *   profile is empty.
 */
export interface ErasureReport {
  /** participants erased on the server */
  erased: number;
  /** profile saves of an erased participant that the erasure beat (made later, or stamped later) */
  savesBeaten: number;
}

function wordsLeft(op: Operation, owned: ReadonlySet<string>): boolean {
  if (!("ticketId" in op) || !owned.has(op.ticketId)) return false;
  if (op.type === "ticket.created" || op.type === "ticket.questionEdited")
    return op.question?.text !== undefined && op.question.text !== ERASED_TEXT;
  return op.type === "ticket.rated" && op.comment !== undefined;
}

export async function checkErasures(
  devices: readonly SimDevice[],
  server: readonly Operation[],
  tickets: readonly TicketState[],
  participants: readonly ParticipantState[],
  violate: (m: string) => void,
): Promise<ErasureReport> {
  const erased = new Set(participants.filter((p) => p.erased).map((p) => p.id));
  const owned = new Set(tickets.filter((t) => t.participantId !== null && erased.has(t.participantId)).map((t) => t.id));
  for (const p of participants)
    if (p.erased && p.profile !== null) violate(`participant ${p.id}: erased on the server, yet a profile`);
  const leaks = (where: string, ops: readonly Operation[]) => {
    for (const op of ops) {
      if (op.type === "participant.registered" && erased.has(op.participantId))
        violate(`${where}: holds the erased profile of ${op.participantId} (${op.id})`);
      else if (wordsLeft(op, owned)) violate(`${where}: holds an erased participant's words in ${op.type} ${op.id}`);
    }
  };
  leaks("the server", server);
  for (const d of devices) {
    leaks(d.name, await d.store.allOperations());
    for (const id of erased) {
      const p = await d.store.participant(id);
      if (p?.profile) violate(`${d.name}: still shows the erased profile of ${id}`);
    }
  }

  // every save of an erased profile lost to the erasure, however it was timed
  const erasureAt = new Map<string, { hlc: string; trueTime: number }>();
  for (const d of devices)
    for (const op of d.made)
      if (op.type === "participant.erased" && erased.has(op.participantId) && !erasureAt.has(op.participantId))
        erasureAt.set(op.participantId, { hlc: op.hlc, trueTime: d.trueTime.get(op.id) ?? 0 });
  let savesBeaten = 0;
  for (const d of devices)
    for (const op of d.made) {
      if (op.type !== "participant.registered") continue;
      const e = erasureAt.get(op.participantId);
      if (e && (op.hlc > e.hlc || (d.trueTime.get(op.id) ?? 0) >= e.trueTime)) savesBeaten++;
    }
  return { erased: erased.size, savesBeaten };
}
