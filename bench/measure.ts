/**
 * The measuring code both benches share (bench/sync.ts on SQLite, bench/sync-pg.ts
 * on SQLite and PostgreSQL side by side): the operations they push, the
 * push, pull and live-stream loops they time, and how they print figures.
 * Each bench decides which servers to start and what it prints.
 */
import { encodeHlc } from "../src/core/hlc.ts";
import { newId } from "../src/core/ids.ts";
import type { Actor, Operation } from "../src/core/operation.ts";
import { API, LIMITS, PROTOCOL_VERSION } from "../src/core/protocol.ts";
import { clientFor, type Device } from "../test/api/client.ts";
import { EVENT } from "../test/api/server-process.ts";

type Client = ReturnType<typeof clientFor>;

const DOMAINS = ["K", "S", "A", "P"] as const;
let tick = Date.now() - 3600_000;
const hlc = (node: string) => encodeHlc({ wall: ++tick, counter: 0, node });

export const fmt = (n: number) => Math.round(n).toLocaleString("en-US");
export const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;

/** A ticket's life as an organizer's device records it: 5 operations. */
function ticketLife(actor: Actor, i: number): Operation[] {
  const ticketId = newId();
  const domain = DOMAINS[i % 4] ?? "K";
  const deskId = `${domain}1`;
  const base = () => ({ id: newId(), eventId: EVENT, hlc: hlc(actor.deviceId), actor, ticketId });
  return [
    {
      ...base(),
      type: "ticket.created",
      domain,
      participantId: null,
      question: { topic: "SAKIP", text: `Pertanyaan nomor ${i}` },
      priority: i % 17 === 0,
    },
    { ...base(), type: "ticket.called", deskId },
    { ...base(), type: "ticket.started", deskId },
    { ...base(), type: "ticket.noteAdded", deskId, text: "Catatan konsultasi singkat untuk uji beban." },
    { ...base(), type: "ticket.closed", deskId, outcome: { kind: "answered", topic: "SAKIP", advice: "Gunakan pohon kinerja." } },
  ];
}

/** `count` operations of organizer ticket lives, in batches of the protocol's maximum */
export function ticketLifeBatches(actor: Actor, count: number): Operation[][] {
  return chunks(Array.from({ length: count / 5 }, (_, i) => ticketLife(actor, i)).flat(), LIMITS.maxOpsPerPush);
}

/**
 * `count` operations of an event with participants, as an organizer's device
 * records them: `participants` profiles first, then ticket lives (5 operations
 * each) owned by those participants in turn, so that a desk's pull pages carry
 * participants' new tickets and the server looks up their profiles.
 */
export function participantEventBatches(actor: Actor, count: number, participants: string[]): Operation[][] {
  const profiles: Operation[] = participants.map((participantId, i) => ({
    id: newId(),
    eventId: EVENT,
    hlc: hlc(actor.deviceId),
    actor,
    type: "participant.registered",
    participantId,
    profile: {
      name: `Peserta ${i}`,
      position: "Kabag Organisasi",
      institution: "Sekretariat Daerah",
      regionId: "51-kabupaten-badung",
      consent: { given: true, noticeVersion: "2026-1", purpose: "antrean klinik", at: new Date().toISOString() },
    },
  }));
  const lives = Array.from({ length: Math.floor((count - profiles.length) / 5) }, (_, i) =>
    ticketLife(actor, i).map((op) =>
      op.type === "ticket.created" ? { ...op, participantId: participants[i % participants.length] ?? null } : op,
    ),
  ).flat();
  return chunks([...profiles, ...lives], LIMITS.maxOpsPerPush);
}

/** One push of phone `p`: `batchSize / 2` new tickets, each with its question edited once. */
export function phoneBatch(actor: Actor, p: number, batchSize: number): Operation[] {
  const batch: Operation[] = [];
  for (let i = 0; i < batchSize / 2; i++) {
    const ticketId = newId();
    const base = () => ({ id: newId(), eventId: EVENT, hlc: hlc(actor.deviceId), actor, ticketId });
    batch.push(
      {
        ...base(),
        type: "ticket.created",
        domain: DOMAINS[(p + i) % 4] ?? "K",
        participantId: actor.participantId ?? null,
        question: { topic: "SDM", text: "Formasi" },
        priority: false,
      },
      { ...base(), type: "ticket.questionEdited", question: { topic: "SDM", text: "Formasi dan jabatan fungsional" } },
    );
  }
  return batch;
}

export function chunks<T>(xs: T[], n: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n));
  return out;
}

export async function inParallel<T>(items: T[], width: number, run: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) await run(items[next++] as T);
    }),
  );
}

/** Pushes the batches, 4 in flight; every operation must be accepted. Returns the time taken, ms. */
export async function pushAll(client: Client, device: Device, batches: Operation[][]): Promise<number> {
  const t0 = performance.now();
  await inParallel(batches, 4, async (batch) => {
    const res = await client.push(device, batch);
    if (res.results.some((r) => r.status !== "accepted"))
      throw new Error(`not accepted: ${JSON.stringify(res.results.find((r) => r.status !== "accepted"))}`);
  });
  return performance.now() - t0;
}

/** Pulls the whole log as `device` sees it, in pages of the protocol's maximum: the operations it got and the time taken, ms. */
export async function pullAll(client: Client, device: Device): Promise<{ ops: number; ms: number }> {
  const t0 = performance.now();
  let ops = 0;
  let after = 0;
  for (;;) {
    const page = await client.pullPage(device, after, LIMITS.maxPullPage);
    ops += page.res.ops.length;
    after = page.res.cursor;
    if (!page.res.more) break;
  }
  return { ops, ms: performance.now() - t0 };
}

/**
 * A desk on `deskBase` creates a ticket and calls it, `rounds` times; a phone
 * listens on `phoneBase`'s live stream. Each call's time from sending its push
 * to the stream's event with its `seq`, ms, sorted.
 */
export async function callToPhoneTimes(deskBase: string, phoneBase: string, rounds: number): Promise<number[]> {
  const deskClient = clientFor(deskBase);
  const phone = await clientFor(phoneBase).signIn("participant");
  const desk = await deskClient.signIn({ desk: "K1" });
  const res = await fetch(`${phoneBase}${API.live}?token=${encodeURIComponent(phone.auth.token)}&protocol=${PROTOCOL_VERSION}`);
  const reader = (res.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  let latest = 0;
  const waiters: { seq: number; resolve: () => void }[] = [];
  void (async () => {
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      for (let end = buffer.indexOf("\n\n"); end >= 0; end = buffer.indexOf("\n\n")) {
        const data = buffer
          .slice(0, end)
          .split("\n")
          .find((l) => l.startsWith("data:"));
        buffer = buffer.slice(end + 2);
        if (data) latest = Math.max(latest, (JSON.parse(data.slice(5)) as { seq: number }).seq);
        for (const w of waiters.splice(0))
          if (latest >= w.seq) w.resolve();
          else waiters.push(w);
      }
    }
  })();
  const times: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const base = () => ({ id: newId(), eventId: EVENT, hlc: hlc(desk.actor.deviceId), actor: desk.actor });
    const ticketId = newId();
    await deskClient.push(desk, [
      {
        ...base(),
        type: "ticket.created",
        ticketId,
        domain: "K",
        participantId: null,
        question: { topic: "K", text: "?" },
        priority: false,
      },
    ]);
    const start = performance.now();
    const pushed = await deskClient.push(desk, [{ ...base(), type: "ticket.called", ticketId, deskId: "K1" }]);
    const first = pushed.results[0];
    const seq = first && first.status === "accepted" ? first.seq : Number.POSITIVE_INFINITY;
    if (latest < seq) await new Promise<void>((resolve) => waiters.push({ seq, resolve }));
    times.push(performance.now() - start);
  }
  await reader.cancel();
  return times.sort((a, b) => a - b);
}
