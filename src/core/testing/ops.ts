/**
 * Builders of operations for tests: readable stories ("desk K2 calls at t=5")
 * instead of object literals. Test-only; nothing in the app imports it.
 */
import type { DomainCode } from "../domain.ts";
import { encodeHlc } from "../hlc.ts";
import type { Actor, Operation, OpOf, Outcome } from "../operation.ts";

export const EVENT = "denpasar-2026";
export const TICKET = "TXCKET0000000001";
export const PARTICIPANT = "PARTXCPANT000001";
const BASE = Date.UTC(2026, 0, 15, 2, 0, 0);

let counter = 0;
export function nextId(): string {
  counter++;
  return `QP${String(counter).padStart(14, "0")}`;
}

/** A stamp `t` seconds after the base time, made on `node`. */
export function at(t: number, node = "N1", logical = 0): string {
  return encodeHlc({ wall: BASE + t * 1000, counter: logical, node });
}

export const participantActor: Actor = { deviceId: "PH0NE00000000001", role: "participant", participantId: PARTICIPANT };
export function deskActor(deskId: string): Actor {
  return { deviceId: `DEVXCE${deskId}00000000`.slice(0, 16), role: "desk", deskId };
}

export function created(
  t: number,
  domain: DomainCode = "K",
  extra: Partial<OpOf<"ticket.created">> = {},
): OpOf<"ticket.created"> {
  return {
    id: nextId(),
    eventId: EVENT,
    ticketId: TICKET,
    hlc: at(t, "PHONE"),
    actor: participantActor,
    type: "ticket.created",
    domain,
    participantId: PARTICIPANT,
    question: { topic: "Struktur organisasi", text: "Bagaimana menyederhanakan eselon?" },
    priority: false,
    ...extra,
  };
}

type DeskType =
  | "ticket.called"
  | "ticket.recalled"
  | "ticket.started"
  | "ticket.noteAdded"
  | "ticket.transferred"
  | "ticket.skipped"
  | "ticket.closed";

export function desk<T extends DeskType>(
  t: number,
  deskId: string,
  type: T,
  extra: Omit<OpOf<T>, "id" | "eventId" | "ticketId" | "hlc" | "actor" | "type" | "deskId"> | Record<string, never> = {},
): OpOf<T> {
  return {
    id: nextId(),
    eventId: EVENT,
    ticketId: TICKET,
    hlc: at(t, deskId),
    actor: deskActor(deskId),
    type,
    deskId,
    ...extra,
  } as OpOf<T>;
}

export function byParticipant<T extends "ticket.cancelled" | "ticket.questionEdited" | "ticket.rated">(
  t: number,
  type: T,
  extra: Omit<OpOf<T>, "id" | "eventId" | "ticketId" | "hlc" | "actor" | "type"> | Record<string, never> = {},
): OpOf<T> {
  return {
    id: nextId(),
    eventId: EVENT,
    ticketId: TICKET,
    hlc: at(t, "PHONE"),
    actor: participantActor,
    type,
    ...extra,
  } as OpOf<T>;
}

export const ANSWERED: Outcome = { kind: "answered", topic: "Struktur organisasi", advice: "Gunakan Permenpan 25/2021." };

export function shuffled<T>(xs: readonly T[], seed: number): T[] {
  const out = [...xs];
  let s = seed >>> 0 || 1;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) >>> 0;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

export type { Operation };
