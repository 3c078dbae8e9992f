import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { newId } from "../../core/ids.ts";
import type { Actor, Operation } from "../../core/operation.ts";
import type { PushPayload } from "../../core/push.ts";
import { demoEvent } from "../seed.ts";
import { openSqliteStore } from "../store/sqlite.ts";
import { allow, created, EVENT, erased, hlc } from "../store/store-fixtures.ts";
import type { SyncStore } from "../store/types.ts";
import { createWebPush } from "./dispatch.ts";
import type { PushSender, SendResult } from "./sender.ts";

/**
 * The rules of what is pushed, on a real SQLite store with a sender that only
 * records: "near" goes once per ticket, a call that lost a race is not
 * announced, an erasure and a 410 take the subscription away.
 */
const stores: SyncStore[] = [];
afterEach(async () => {
  for (const s of stores.splice(0)) await s.close();
});

async function setup(answer: SendResult = "sent") {
  const store = openSqliteStore(join(mkdtempSync(join(tmpdir(), "loket-webpush-")), "loket.sqlite"));
  stores.push(store);
  await store.putEvent(demoEvent(), { participantCode: "AAAA", organizerCode: "BBBB", deskCodes: { K1: "CCCC" } });
  const sent: { endpoint: string; payload: PushPayload }[] = [];
  const sender: PushSender = {
    allows: () => true,
    async send(target, payload) {
      sent.push({ endpoint: target.endpoint, payload });
      return answer;
    },
  };
  const vapid = { publicKey: "k".repeat(87), privateKey: "p".repeat(43) };
  const push = createWebPush(store, () => {}, { vapid, subject: "mailto:a@b.c" }, sender);
  /** pushes as the route does, then waits until the messages are out */
  async function commit(ops: Operation[]) {
    const out = await store.push(ops, allow());
    push.afterCommit(
      EVENT,
      ops.filter((_, i) => out.results[i]?.status === "accepted"),
    );
    await new Promise((r) => setImmediate(r));
    await push.idle();
  }
  return { store, sent, commit };
}

const participant = (n: number): Actor => ({
  deviceId: `PH0NE00000${n}`,
  role: "participant",
  participantId: `PART00000${n}`,
});
const deskActor = (deskId: string): Actor => ({ deviceId: `DESKDEV${deskId}`, role: "desk", deskId });
function call(deskId: string, ticketId: string): Operation {
  return {
    id: newId(),
    eventId: EVENT,
    hlc: hlc(`DESKDEV${deskId}`),
    actor: deskActor(deskId),
    type: "ticket.called",
    ticketId,
    deskId,
  };
}
async function subscribe(store: SyncStore, participantId: string, endpoint: string) {
  await store.savePushSubscription({
    eventId: EVENT,
    participantId,
    endpoint,
    p256dh: "p".repeat(87),
    auth: "a".repeat(22),
    lang: "id",
    createdAt: 0,
  });
}

describe("web push dispatch", () => {
  it("tells a participant once that they are 3rd in line, not again at 2nd", async () => {
    const { store, sent, commit } = await setup();
    const tickets = [1, 2, 3, 4].map((n) => created(participant(n), "K"));
    await subscribe(store, "PART000004", "https://push.example/4");
    await commit(tickets);
    expect(sent).toEqual([]); // 4th: nothing yet
    await commit([call("K1", tickets[0]?.ticketId ?? "")]);
    expect(sent.map((s) => [s.payload.kind, s.payload.title])).toEqual([["near", "K-004: Anda urutan ke-3"]]);
    await commit([call("K2", tickets[1]?.ticketId ?? "")]);
    expect(sent).toHaveLength(1);
  });

  it("announces the call that holds the ticket, not the desk that lost the race for it", async () => {
    const { store, sent, commit } = await setup();
    const t = created(participant(1), "K");
    await subscribe(store, "PART000001", "https://push.example/1");
    await commit([t]);
    sent.length = 0; // the "near" of a short line
    const first = call("K1", t.ticketId);
    const late = call("K2", t.ticketId); // stamped later: a callRace conflict
    await commit([first]);
    await commit([late]);
    expect(sent.map((s) => [s.payload.kind, s.payload.body])).toEqual([["called", "Silakan menuju Meja K1 sekarang."]]);
  });

  it("reads no ticket's history for a call when its owner has no subscription (issue 9: histories grow with each call)", async () => {
    const { store, sent, commit } = await setup();
    const quiet = created(participant(1), "K");
    const subscribed = created(participant(2), "K");
    await subscribe(store, "PART000002", "https://push.example/2");
    await commit([quiet, subscribed]);
    sent.length = 0;
    const read: string[] = [];
    const ticketOps = store.ticketOps.bind(store);
    store.ticketOps = (eventId, ticketId) => {
      read.push(ticketId);
      return ticketOps(eventId, ticketId);
    };
    await commit([call("K1", quiet.ticketId), call("K2", subscribed.ticketId)]);
    expect(read).toEqual([subscribed.ticketId]);
    expect(sent.map((s) => [s.payload.kind, s.payload.body])).toEqual([["called", "Silakan menuju Meja K2 sekarang."]]);
  });

  it("forgets the subscriptions of a participant who erased their data, and those the push service calls gone", async () => {
    const { store, commit } = await setup("gone");
    await subscribe(store, "PART000001", "https://push.example/1");
    await subscribe(store, "PART000002", "https://push.example/2");
    await commit([erased("PART000001", participant(1))]);
    expect((await store.pushSubscriptionsOf(EVENT)).map((s) => s.participantId)).toEqual(["PART000002"]);
    await commit([created(participant(2), "K")]); // 1st in line: a message, answered 410
    expect(await store.pushSubscriptionsOf(EVENT)).toEqual([]);
  });
});
