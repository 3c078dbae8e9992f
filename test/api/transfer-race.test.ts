import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Operation } from "../../src/core/operation.ts";
import { allConflicts } from "../../src/core/report.ts";
import { clientFor, type Device, ops, stamp } from "./client.ts";
import { engineDevice } from "./engine-device.ts";
import { type ServerProcess, startServer } from "./server-process.ts";

/**
 * The transfer race, on the real server: desk K2, offline, calls a ticket at
 * 09:05, starts at 09:06 and closes at 09:25, while K1 transfers it to S at
 * 09:10. K1's transfer reaches the server first. The server authorizes K2's
 * operations by the ticket's domain when (in clock order) they happened, so it
 * accepts them; the fold keeps K2's consultation and sets the transfer aside as
 * a conflict, which every device and the report then show.
 */
let server: ServerProcess;

beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server.stop();
});

const minute = 60_000;
const at = (d: Device, t: number) => ({ hlc: stamp(d, t) });

describe("the transfer race", () => {
  it("keeps the consultation a desk served offline, with a conflict on every device and in the report", async () => {
    const client = clientFor(server.base);
    const participant = await client.signIn("participant");
    const k1 = await client.signIn({ desk: "K1" });
    const k2 = await client.signIn({ desk: "K2" });
    const organizer = await client.signIn("organizer");
    const nine = Date.now() - 60 * minute;

    const ticket = { ...ops.created(participant, "K"), ...at(participant, nine) };
    expect((await client.push(participant, [ticket])).results[0]?.status).toBe("accepted");
    const id = ticket.ticketId;
    const transfer = { ...ops.transferred(k1, id, "S"), ...at(k1, nine + 10 * minute) };
    expect((await client.push(k1, [transfer])).results[0]?.status).toBe("accepted");

    const offline: Operation[] = [
      { ...ops.called(k2, id), ...at(k2, nine + 5 * minute) },
      { ...ops.called(k2, id), type: "ticket.started", ...at(k2, nine + 6 * minute) } as Operation,
      { ...ops.closed(k2, id), ...at(k2, nine + 25 * minute) },
    ];
    const answer = await client.push(k2, offline);
    expect(answer.results.map((r) => r.status)).toEqual(["accepted", "accepted", "accepted"]);

    // an action a desk was never allowed to take is still refused: K2 calling after the transfer took effect
    const other = { ...ops.created(participant, "K"), ...at(participant, nine) };
    await client.push(participant, [other]);
    await client.push(k1, [{ ...ops.transferred(k1, other.ticketId, "S"), ...at(k1, nine + 10 * minute) }]);
    const late = await client.push(k2, [{ ...ops.called(k2, other.ticketId), ...at(k2, nine + 11 * minute) }]);
    expect(late.results[0]).toMatchObject({ status: "rejected", reason: expect.stringMatching(/now in domain S/) });

    for (const d of [k1, k2, organizer]) {
      const device = engineDevice(server.base, d);
      await device.engine.syncNow();
      const t = await device.store.ticket(id);
      expect(t, d.actor.deskId ?? d.actor.role).toMatchObject({ domain: "K", status: "done", holder: "K2" });
      expect(t?.outcome?.kind).toBe("answered");
      expect(t?.conflicts.map((c) => [c.kind, c.opId, c.loser, c.winner])).toEqual([["notHolder", transfer.id, "K1", "K2"]]);
      if (d === organizer) {
        const report = allConflicts(await device.store.allTickets());
        expect(report.map((e) => [e.ticketId, e.conflict.kind])).toContainEqual([id, "notHolder"]);
      }
    }
  });
});
