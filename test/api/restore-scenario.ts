import { expect } from "vitest";
import type { Operation } from "../../src/core/operation.ts";
import { HISTORY_HEADER, parseHistory } from "../../src/core/protocol.ts";
import { clientFor, type Device, ops } from "./client.ts";
import { type EngineDevice, engineDevice } from "./engine-device.ts";
import type { ServerProcess } from "./server-process.ts";

/**
 * Backup → work → restore → reconnect, on the real server process with the
 * real engine: the restored server has lost what came after the backup, and
 * says so with a new history epoch; every device pushes again what it made
 * that the server lacks and pulls from the safe point. The server ends with
 * every operation, once, and every device with the same tickets.
 *
 * How a backup is taken and put back is the store's (SQLite's online backup
 * API and a file copy; PostgreSQL's copy of a database): `backups`.
 */
export interface Backups {
  /** take a backup of the server's database; the server may be restarted meanwhile (devices follow `server.base`) */
  take(server: ServerProcess): Promise<void>;
  /** stop the server, put the backup back as the operator's restore procedure says, start it again */
  putBack(server: ServerProcess): Promise<void>;
}

interface Member {
  who: Device;
  device: EngineDevice;
}

async function make(m: Member, list: Operation[]): Promise<void> {
  await m.device.store.appendLocal(list);
}

export async function restoreScenario(server: ServerProcess, backups: Backups): Promise<void> {
  const client = clientFor(server.base);
  const members: Member[] = [];
  for (const role of ["participant", "participant", { desk: "K1" }, { desk: "S1" }, "organizer"] as const) {
    const who = await client.signIn(role);
    members.push({ who, device: engineDevice(server.base, who, { deviceId: async () => who.actor.deviceId }) });
  }
  const [p1, p2, k1, s1, org] = members as [Member, Member, Member, Member, Member];
  const syncAll = async () => {
    for (const m of members) await m.device.engine.syncNow();
  };

  const before = await fetch(`${server.base}/api/pull`, { headers: p1.who.headers });
  const first = parseHistory(before.headers.get(HISTORY_HEADER));
  expect(first).not.toBeNull();

  // before the backup
  const t1 = ops.created(p1.who, "K");
  const t2 = ops.created(p2.who, "S");
  await make(p1, [ops.registered(p1.who), t1]);
  await make(p2, [t2]);
  await syncAll();
  await make(k1, [ops.called(k1.who, t1.ticketId)]);
  await syncAll();

  await backups.take(server);
  for (const m of members) m.device.moveTo(server.base);

  // after the backup: acknowledged by the server, then lost with the restore
  const t3 = ops.created(p1.who, "S");
  await make(p1, [t3]);
  await make(k1, [ops.closed(k1.who, t1.ticketId)]);
  await make(s1, [ops.called(s1.who, t2.ticketId)]);
  await syncAll();
  await make(s1, [ops.called(s1.who, t3.ticketId)]);
  await make(p2, [ops.cancelled(p2.who, t2.ticketId)]);
  await syncAll();
  for (const m of members) expect(await m.device.store.outboxCount()).toBe(0);
  const made = (await org.device.store.allOperations()).filter((op) => op.actor.role !== "server");

  await backups.putBack(server);

  // a device that comes back first and works before the others reconnect
  for (const m of members) m.device.moveTo(server.base);
  const t4 = ops.created(p2.who, "K");
  await make(p2, [t4]);
  await p2.device.engine.syncNow();

  await syncAll();
  await syncAll();

  const after = await fetch(`${server.base}/api/pull`, { headers: p1.who.headers });
  const second = parseHistory(after.headers.get(HISTORY_HEADER));
  expect(second?.serverId).toBe(first?.serverId);
  expect(second?.epoch).not.toBe(first?.epoch);

  const onServer = (await clientFor(server.base).pullAll(org.who)).ops.map((x) => x.op);
  const ids = onServer.map((op) => op.id);
  expect(new Set(ids).size).toBe(ids.length);
  for (const op of [...made, t4]) expect(ids, `${op.type} by ${op.actor.role}`).toContain(op.id);
  // one queue number per ticket and domain
  const numbered = onServer.flatMap((op) => (op.type === "ticket.numberAssigned" ? [`${op.ticketId}:${op.domain}`] : []));
  expect(new Set(numbered).size).toBe(numbered.length);

  // every device agrees with the server
  const expected = new Map(
    (await org.device.store.allTickets()).map((t) => [t.id, { status: t.status, holder: t.holder, domain: t.domain }]),
  );
  expect(expected.get(t1.ticketId)).toMatchObject({ status: "done", holder: "K1" });
  expect(expected.get(t2.ticketId)).toMatchObject({ status: "cancelled" });
  expect(expected.get(t3.ticketId)).toMatchObject({ status: "called", holder: "S1" });
  expect(expected.get(t4.ticketId)).toMatchObject({ status: "waiting" });
  for (const m of [k1, s1]) {
    for (const t of await m.device.store.allTickets())
      expect({ status: t.status, holder: t.holder }).toEqual({
        status: expected.get(t.id)?.status,
        holder: expected.get(t.id)?.holder,
      });
  }
}
