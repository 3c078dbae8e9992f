import { randomUUID } from "node:crypto";
import { EventEmitter } from "node:events";
import type { Notifier } from "./notifier.ts";
import type { Sql } from "./store/postgres.ts";

/**
 * The live notifier of an instance among several on one PostgreSQL: a push
 * through any instance wakes the devices connected to every instance.
 *
 * `publish` tells this instance's listeners at once, then sends
 * `NOTIFY loket_live, '{"i": instance, "e": event, "s": seq}'`; every instance
 * LISTENs on that channel and passes on what other instances published. After
 * the LISTEN connection was lost and comes back, each event with listeners is
 * told its latest sequence number, since notifications sent meanwhile are gone:
 * a device then pulls, and nothing is missed (devices also poll with backoff).
 */
export const LIVE_CHANNEL = "loket_live";

interface Message {
  i: string;
  e: string;
  s: number;
}

export async function createPgNotifier(sql: Sql): Promise<Notifier> {
  const instance = randomUUID();
  const emitter = new EventEmitter();
  // One listener per connected device: a busy clinic has hundreds.
  emitter.setMaxListeners(0);
  let listens = 0;

  const catchUp = async () => {
    const events = emitter.eventNames().map(String);
    if (events.length === 0) return;
    const rows = await sql<{ event_id: string; last_seq: number }[]>`
      SELECT event_id, last_seq FROM event_log WHERE event_id = ANY(${events}::text[])`;
    for (const r of rows) emitter.emit(r.event_id, r.last_seq);
  };

  const listening = await sql.listen(
    LIVE_CHANNEL,
    (payload) => {
      let m: Message;
      try {
        m = JSON.parse(payload) as Message;
      } catch {
        return;
      }
      if (m.i !== instance && typeof m.e === "string" && Number.isInteger(m.s)) emitter.emit(m.e, m.s);
    },
    () => {
      // called on the first LISTEN and again after each reconnection
      listens += 1;
      if (listens > 1) catchUp().catch(() => {});
    },
  );

  return {
    publish(eventId, seq) {
      emitter.emit(eventId, seq);
      const message: Message = { i: instance, e: eventId, s: seq };
      // A lost notification only delays other instances' devices until their next poll.
      sql.notify(LIVE_CHANNEL, JSON.stringify(message)).catch(() => {});
    },
    subscribe(eventId, listener) {
      emitter.on(eventId, listener);
      return () => emitter.off(eventId, listener);
    },
    close() {
      emitter.removeAllListeners();
      listening.unlisten().catch(() => {});
    },
  };
}
