import type { DeskId, DomainCode } from "./domain.ts";
import { encodeHlc } from "./hlc.ts";
import type { Actor, Operation, Outcome, SkmScores } from "./operation.ts";
import type { Profile } from "./participant.ts";

/**
 * A deterministic builder of valid operations for tests and fixtures: every
 * operation gets a readable id and a stamp at the wall time given in minutes
 * after `start`, so that expected waits and service times can be computed by
 * hand. Not used by the app.
 */
export interface OpFactory {
  readonly ops: Operation[];
  participant(pid: string, profile: Partial<Profile> & { regionId: string }, at: number): string;
  ticket(tid: string, domain: DomainCode, at: number, o?: { pid?: string | null; topic?: string; priority?: boolean }): string;
  number(tid: string, domain: DomainCode, n: string, at: number): void;
  call(tid: string, desk: DeskId, at: number): void;
  start(tid: string, desk: DeskId, at: number): void;
  note(tid: string, desk: DeskId, text: string, at: number): void;
  close(tid: string, desk: DeskId, at: number, outcome?: Outcome): void;
  skip(tid: string, desk: DeskId, requeue: boolean, at: number): void;
  transfer(tid: string, desk: DeskId, to: DomainCode, at: number): void;
  cancel(tid: string, at: number): void;
  rate(tid: string, scores: SkmScores, at: number): void;
}

export const FIXTURE_EVENT = "forum-denpasar-2016";
export const FIXTURE_START = Date.UTC(2016, 0, 15, 2, 0, 0); // 10:00 WITA

/** 8+ base32 characters from a readable label: "t1" → "T1000000". */
export function fixtureId(label: string): string {
  const clean = label.toUpperCase().replace(/[^0-9A-HJKMNP-TV-Z]/g, "0");
  // Pad with a letter, not a digit, so that "OP1" and "OP10" stay distinct.
  return clean.padEnd(8, "Z").slice(0, 32);
}

export function opFactory(eventId = FIXTURE_EVENT, start = FIXTURE_START): OpFactory {
  const ops: Operation[] = [];
  let seq = 0;
  const stamp = (at: number, node: string) => encodeHlc({ wall: start + Math.round(at * 60000), counter: seq % 1000, node });
  const base = (at: number, actor: Actor) => {
    seq++;
    return { id: fixtureId(`OP${seq}`), eventId, hlc: stamp(at, actor.deviceId), actor };
  };
  const desk = (d: DeskId): Actor => ({ deviceId: fixtureId(`DEV${d}`), role: "desk", deskId: d });
  const phone: Actor = { deviceId: fixtureId("PHONE"), role: "participant" };
  const push = (op: Operation) => ops.push(op);
  return {
    ops,
    participant(pid, profile, at) {
      const id = fixtureId(pid);
      push({
        ...base(at, phone),
        type: "participant.registered",
        participantId: id,
        profile: {
          name: "Peserta",
          position: "Kabag Organisasi",
          institution: "Sekretariat Daerah",
          consent: { given: true, noticeVersion: "1", purpose: "Klinik", at: "2016-01-15T02:00:00.000Z" },
          ...profile,
        },
      });
      return id;
    },
    ticket(tid, domain, at, o = {}) {
      const id = fixtureId(tid);
      push({
        ...base(at, phone),
        type: "ticket.created",
        ticketId: id,
        domain,
        participantId: o.pid === undefined || o.pid === null ? null : fixtureId(o.pid),
        question: { topic: o.topic ?? "Umum", text: "Pertanyaan" },
        priority: o.priority ?? false,
      });
      return id;
    },
    number(tid, domain, n, at) {
      push({
        ...base(at, { deviceId: fixtureId("SERVER"), role: "server" }),
        type: "ticket.numberAssigned",
        ticketId: fixtureId(tid),
        domain,
        number: n,
      });
    },
    call(tid, d, at) {
      push({ ...base(at, desk(d)), type: "ticket.called", ticketId: fixtureId(tid), deskId: d });
    },
    start(tid, d, at) {
      push({ ...base(at, desk(d)), type: "ticket.started", ticketId: fixtureId(tid), deskId: d });
    },
    note(tid, d, text, at) {
      push({ ...base(at, desk(d)), type: "ticket.noteAdded", ticketId: fixtureId(tid), deskId: d, text });
    },
    close(tid, d, at, outcome) {
      const op = { ...base(at, desk(d)), type: "ticket.closed" as const, ticketId: fixtureId(tid), deskId: d };
      push(outcome ? { ...op, outcome } : op);
    },
    skip(tid, d, requeue, at) {
      push({ ...base(at, desk(d)), type: "ticket.skipped", ticketId: fixtureId(tid), deskId: d, requeue });
    },
    transfer(tid, d, to, at) {
      push({ ...base(at, desk(d)), type: "ticket.transferred", ticketId: fixtureId(tid), deskId: d, toDomain: to });
    },
    cancel(tid, at) {
      push({ ...base(at, phone), type: "ticket.cancelled", ticketId: fixtureId(tid) });
    },
    rate(tid, scores, at) {
      push({ ...base(at, phone), type: "ticket.rated", ticketId: fixtureId(tid), scores });
    },
  };
}
