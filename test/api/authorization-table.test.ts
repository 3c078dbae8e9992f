import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "../../src/core/ids.ts";
import type { Operation, OperationType } from "../../src/core/operation.ts";
import { API } from "../../src/core/protocol.ts";
import { clientFor, type Device, ops, stamp } from "./client.ts";
import { EVENT, protocolHeaders, type ServerProcess, startServer } from "./server-process.ts";

/**
 * Walks the authorization table of docs/ARCHITECTURE.md ("Auth and roles"),
 * read from the document itself, cell by cell against the real server
 * process: the doc and the server cannot drift apart without this failing.
 */
const COLUMNS = [
  "participant, own",
  "participant, other's",
  "desk, own domain",
  "desk, other domain",
  "organizer",
  "other event",
  "no token",
] as const;
type Column = (typeof COLUMNS)[number];

interface Row {
  name: string;
  type: OperationType;
  priority: boolean;
  cells: Record<Column, boolean>;
}

function documentedTable(): Row[] {
  const doc = readFileSync(join(import.meta.dirname, "../../docs/ARCHITECTURE.md"), "utf8");
  const section = doc.slice(doc.indexOf("### Auth and roles"));
  const lines = section.split("\n");
  const header = lines.findIndex((l) => /^\|\s*operation\s*\|/.test(l));
  const heads = (lines[header] ?? "")
    .split("|")
    .slice(2, -1)
    .map((c) => c.trim());
  expect(heads).toEqual([...COLUMNS]);
  const rows: Row[] = [];
  for (const line of lines.slice(header + 2)) {
    if (!line.startsWith("|")) break;
    const cells = line
      .split("|")
      .slice(1, -1)
      .map((c) => c.trim());
    const name = cells[0] ?? "";
    const type = /`([a-zA-Z.]+)`/.exec(name)?.[1] as OperationType;
    const marks = cells.slice(1);
    expect(
      marks.every((m) => m === "✓" || m === "✗"),
      line,
    ).toBe(true);
    rows.push({
      name,
      type,
      priority: name.includes("priority"),
      cells: Object.fromEntries(COLUMNS.map((c, i) => [c, marks[i] === "✓"])) as Record<Column, boolean>,
    });
  }
  return rows;
}

let server: ServerProcess;
let client: ReturnType<typeof clientFor>;
let deskK1: Device;
let deskS1: Device;
let organizer: Device;

beforeAll(async () => {
  server = await startServer();
  client = clientFor(server.base);
  deskK1 = await client.signIn({ desk: "K1" });
  deskS1 = await client.signIn({ desk: "S1" });
  organizer = await client.signIn("organizer");
});
afterAll(async () => {
  await server.stop();
});

/** One operation of `type` by `actor` on `ticketId` (or about `participantId`). */
function opOf(row: Row, actor: Device, target: { ticketId: string; participantId: string }, domain: "K"): Operation {
  const base = { id: newId(), eventId: EVENT, hlc: stamp(actor), actor: actor.actor, ticketId: target.ticketId };
  const deskId = actor.actor.deskId ?? "K1";
  switch (row.type) {
    case "ticket.created":
      // a participant's in another domain than the owner's ticket (K): the fair-use cap
      // (one open ticket per domain) is a rule besides the table, tested in attacks.test.ts
      return {
        ...ops.created(actor, actor.actor.role === "participant" ? "S" : domain, { priority: row.priority }),
        participantId: actor.actor.role === "participant" ? target.participantId : null,
      };
    case "ticket.questionEdited":
      return ops.edited(actor, target.ticketId);
    case "ticket.numberAssigned":
      return { ...base, type: row.type, domain, number: "K-999" };
    case "ticket.called":
    case "ticket.recalled":
    case "ticket.started":
      return { ...base, type: row.type, deskId };
    case "ticket.noteAdded":
      return { ...base, type: row.type, deskId, text: "Catatan" };
    case "ticket.transferred":
      return { ...base, type: row.type, deskId, toDomain: "S" };
    case "ticket.skipped":
      return { ...base, type: row.type, deskId, requeue: true };
    case "ticket.closed":
      return ops.closed(actor, target.ticketId, deskId);
    case "ticket.cancelled":
      return ops.cancelled(actor, target.ticketId);
    case "ticket.rated":
      return { ...base, type: row.type, scores: { "1": 4 } };
    case "participant.registered":
      return ops.registered(actor, target.participantId);
    case "participant.erased":
      return {
        id: base.id,
        eventId: EVENT,
        hlc: base.hlc,
        actor: actor.actor,
        type: row.type,
        participantId: target.participantId,
      };
  }
}

/** Pushes the cell's operation; true when the server accepted it. */
async function tryCell(row: Row, column: Column): Promise<boolean> {
  // fresh people and a fresh ticket of the owner's in domain K for every cell, so no cell depends on another
  const owner = await client.signIn("participant");
  const other = await client.signIn("participant");
  const ticket = ops.created(owner, "K");
  expect((await client.push(owner, [ticket])).results[0]?.status).toBe("accepted");
  const own = { ticketId: ticket.ticketId, participantId: owner.auth.participantId ?? "" };
  const isProfile = row.type.startsWith("participant.");
  const walkIn = { ticketId: ticket.ticketId, participantId: newId() };
  const devices = { ticketId: ticket.ticketId, participantId: other.auth.participantId ?? "" };
  let op: Operation;
  let by: Device | null;
  switch (column) {
    case "participant, own":
      [by, op] = [owner, opOf(row, owner, own, "K")];
      break;
    case "participant, other's":
      // the other participant acts on the owner's ticket or profile (or takes a ticket in the owner's name)
      [by, op] = [other, opOf(row, other, own, "K")];
      break;
    case "desk, own domain":
      [by, op] = [deskK1, opOf(row, deskK1, isProfile ? walkIn : own, "K")];
      break;
    case "desk, other domain":
      [by, op] = [deskS1, opOf(row, deskS1, isProfile ? devices : own, "K")];
      break;
    case "organizer":
      [by, op] = [organizer, opOf(row, organizer, isProfile ? devices : own, "K")];
      break;
    case "other event":
      [by, op] = [owner, { ...opOf(row, owner, own, "K"), eventId: "mataram-2026" }];
      break;
    case "no token":
      [by, op] = [null, opOf(row, owner, own, "K")];
      break;
  }
  if (by === null) {
    const r = await client.call(API.push, {
      method: "POST",
      headers: { ...protocolHeaders, "content-type": "application/json" },
      body: JSON.stringify({ ops: [op] }),
    });
    expect(r.status).toBe(401);
    return false;
  }
  const res = await client.push(by, [op]);
  const result = res.results[0];
  if (result?.status === "rejected") expect(result.reason).not.toMatch(/Invalid|Expected/); // refused by a rule, not malformed
  return result?.status === "accepted";
}

const table = documentedTable();

describe("the authorization table of docs/ARCHITECTURE.md, cell by cell", () => {
  it("covers every operation type", () => {
    const types = new Set(table.map((r) => r.type));
    const all: OperationType[] = [
      "ticket.created",
      "ticket.questionEdited",
      "ticket.numberAssigned",
      "ticket.called",
      "ticket.recalled",
      "ticket.started",
      "ticket.noteAdded",
      "ticket.transferred",
      "ticket.skipped",
      "ticket.closed",
      "ticket.cancelled",
      "ticket.rated",
      "participant.registered",
      "participant.erased",
    ];
    expect([...types].sort()).toEqual([...all].sort());
  });

  for (const row of table) {
    it(`${row.name}`, async () => {
      const got: Record<string, boolean> = {};
      for (const column of COLUMNS) got[column] = await tryCell(row, column);
      expect(got).toEqual(row.cells);
    });
  }
});
