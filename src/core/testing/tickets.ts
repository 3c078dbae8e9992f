/**
 * A ticket state with every field filled, for tests of what is computed from
 * states (the line, the board, the ticket screen) rather than from operations.
 * Each call gets the next id and a later arrival, so "made later" means "arrived later".
 */
import type { TicketState } from "../ticket-fold.ts";

let made = 0;

export function ticketState(over: Partial<TicketState> = {}): TicketState {
  made++;
  return {
    id: `T${String(made).padStart(9, "0")}ABCD`,
    eventId: "denpasar-2026",
    known: true,
    domain: "K",
    originalDomain: "K",
    participantId: null,
    question: null,
    priority: false,
    arrivedAt: `a${String(made).padStart(6, "0")}`,
    requeuedAt: null,
    createdBy: "D",
    reservedNumber: null,
    numbers: {},
    status: "waiting",
    holder: null,
    calledAt: null,
    lastCalledAt: null,
    callCount: 0,
    startedAt: null,
    firstStartedAt: null,
    closedAt: null,
    notes: [],
    outcome: null,
    rating: null,
    conflicts: [],
    updatedAt: "x",
    opCount: 1,
    ...over,
  };
}
