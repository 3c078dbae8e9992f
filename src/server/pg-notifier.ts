import { randomUUID } from "node:crypto";
import { EventEmitter } from "node:events";
import pg from "pg";
import type { Notifier } from "./notifier.ts";
import { type Db, rows } from "./store/postgres.ts";

/**
 * The live notifier of an instance among several on one PostgreSQL: a push
 * through any instance wakes the devices connected to every instance.
 *
 * `publish` tells this instance's listeners at once, then sends
 * `NOTIFY loket_live, '{"i": instance, "e": event, "s": seq}'`; every instance
 * LISTENs on that channel on a connection of its own and passes on what other
 * instances published. When that connection is lost, it is opened again (after
 * 1 s, then up to 30 s apart) and each event with listeners is told its latest
 * sequence number, since notifications sent meanwhile are gone: the devices
 * then pull, and nothing is missed (devices also poll with backoff).
 */
export const LIVE_CHANNEL = "loket_live";

interface Message {
  i: string;
  e: string;
  s: number;
}

export async function createPgNotifier(db: Db): Promise<Notifier> {
  const instance = randomUUID();
  const emitter = new EventEmitter();
  // One listener per connected device: a busy clinic has hundreds.
  emitter.setMaxListeners(0);
  let closed = false;
  let client: pg.Client | null = null;
  let retryMs = 1000;
  let retry: ReturnType<typeof setTimeout> | null = null;

  const onMessage = (n: pg.Notification) => {
    if (n.channel !== LIVE_CHANNEL || !n.payload) return;
    let m: Message;
    try {
      m = JSON.parse(n.payload) as Message;
    } catch {
      return;
    }
    if (m.i !== instance && typeof m.e === "string" && Number.isInteger(m.s)) emitter.emit(m.e, m.s);
  };

  const catchUp = async () => {
    const events = emitter.eventNames().map(String);
    if (events.length === 0) return;
    const list = await rows<{ event_id: string; last_seq: number }>(
      db,
      "SELECT event_id, last_seq FROM event_log WHERE event_id = ANY($1::text[])",
      [events],
    );
    for (const r of list) emitter.emit(r.event_id, r.last_seq);
  };

  async function listen(): Promise<void> {
    // the pool's settings (URL, types) for a connection kept out of the pool
    const c = new pg.Client(db.options);
    c.on("notification", onMessage);
    c.on("error", () => lost(c));
    c.on("end", () => lost(c));
    await c.connect();
    await c.query(`LISTEN ${LIVE_CHANNEL}`);
    client = c;
    retryMs = 1000;
  }

  function lost(c: pg.Client): void {
    if (closed || client !== c) return;
    client = null;
    c.end().catch(() => {});
    const again = () => {
      retry = null;
      if (closed) return;
      listen()
        .then(catchUp)
        .catch(() => {
          retryMs = Math.min(retryMs * 2, 30_000);
          retry = setTimeout(again, retryMs);
        });
    };
    retry = setTimeout(again, retryMs);
  }

  await listen();

  return {
    publish(eventId, seq) {
      emitter.emit(eventId, seq);
      const message: Message = { i: instance, e: eventId, s: seq };
      // A lost notification only delays other instances' devices until their next poll.
      db.query("SELECT pg_notify($1, $2)", [LIVE_CHANNEL, JSON.stringify(message)]).catch(() => {});
    },
    subscribe(eventId, listener) {
      emitter.on(eventId, listener);
      return () => emitter.off(eventId, listener);
    },
    close() {
      closed = true;
      if (retry) clearTimeout(retry);
      emitter.removeAllListeners();
      const c = client;
      client = null;
      c?.end().catch(() => {});
    },
  };
}
