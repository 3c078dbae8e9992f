import { encodeHlc } from "../../core/hlc.ts";
import { newId } from "../../core/ids.ts";
import type { Actor, Operation, OpOf } from "../../core/operation.ts";
import type { PushContext, SyncStore, TicketFacts } from "./types.ts";

/**
 * Test-only: the operations and push contexts that the store tests
 * (sqlite.test.ts, postgres.test.ts and the contract both run, store-contract.ts)
 * build. Never imported by the server.
 */
export const EVENT = "denpasar-2026";
export const desk: Actor = { deviceId: "DESKDEV0001", role: "desk", deskId: "K1" };
export const phone: Actor = { deviceId: "PH0NE000001", role: "participant", participantId: "PARTX0000001" };

/** the fixtures' wall clock, ms: every stamp moves it on by one */
export let wall = Date.UTC(2026, 0, 15, 2);
export const hlc = (node: string) => encodeHlc({ wall: ++wall, counter: 0, node });

export function created(
  actor: Actor,
  domain: "K" | "S" = "K",
  extra: Partial<OpOf<"ticket.created">> = {},
): OpOf<"ticket.created"> {
  return {
    id: newId(),
    eventId: EVENT,
    hlc: hlc(actor.deviceId),
    actor,
    type: "ticket.created",
    ticketId: newId(),
    domain,
    participantId: actor.participantId ?? null,
    question: { topic: "SAKIP", text: "?" },
    priority: false,
    ...extra,
  };
}

/** a participant's profile, as their phone registers it */
export const registered = (participantId: string, at = hlc(phone.deviceId)): OpOf<"participant.registered"> => ({
  id: newId(),
  eventId: EVENT,
  hlc: at,
  actor: phone,
  type: "participant.registered",
  participantId,
  profile: {
    name: "Ni Luh Putu Ayu",
    position: "Kabag Organisasi",
    institution: "Setda Badung",
    regionId: "51-kabupaten-badung",
    phone: "+62 812 3456 7890",
    consent: { given: true, noticeVersion: "2026-1", purpose: "antrean klinik", at: new Date(wall).toISOString() },
  },
});

/** a participant's erasure of their own data */
export const erased = (participantId: string, actor: Actor = phone): OpOf<"participant.erased"> => ({
  id: newId(),
  eventId: EVENT,
  hlc: hlc(actor.deviceId),
  actor,
  type: "participant.erased",
  participantId,
});

/** a participant's own operation on their ticket: a question edit or a rating */
export function phoneOp(
  type: "ticket.questionEdited" | "ticket.rated",
  ticketId: string,
  words: string,
): OpOf<"ticket.questionEdited"> | OpOf<"ticket.rated"> {
  const base = { id: newId(), eventId: EVENT, hlc: hlc(phone.deviceId), actor: phone, ticketId };
  return type === "ticket.questionEdited"
    ? { ...base, type, question: { topic: "SAKIP", text: words } }
    : { ...base, type, scores: { "1": 4 }, comment: words };
}

export function deskOp<T extends "ticket.called" | "ticket.transferred" | "ticket.skipped">(
  type: T,
  ticketId: string,
  extra: object = {},
): Operation {
  return {
    id: newId(),
    eventId: EVENT,
    hlc: hlc(desk.deviceId),
    actor: desk,
    type,
    ticketId,
    deskId: "K1",
    ...extra,
  } as Operation;
}

/** a push context that allows everything, and records the facts each operation was authorized with in `seen` */
export const allow = (seen: (TicketFacts | null)[] = []): PushContext => ({
  eventId: EVENT,
  now: wall,
  authorize: (_op, facts) => {
    seen.push(facts);
    return null;
  },
});

/** the server's `ticket.numberAssigned` operations of the event, in seq order */
export const numbersIn = (store: SyncStore) =>
  store
    .pull(EVENT, 0, 5000)
    .then((p) =>
      p.ops
        .map((s) => JSON.parse(s.json) as Operation)
        .filter((o): o is OpOf<"ticket.numberAssigned"> => o.type === "ticket.numberAssigned"),
    );
