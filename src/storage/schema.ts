import { Dexie, type Table } from "dexie";
import type { Operation } from "../core/operation.ts";
import type { ParticipantState } from "../core/participant-fold.ts";
import type { RelayProof } from "../core/protocol.ts";
import { lineKey } from "../core/queue.ts";
import type { TicketState } from "../core/ticket-fold.ts";
import type { UnreadableOp } from "./contract.ts";

/**
 * The IndexedDB schema and its versions.
 *
 * Rule: never edit or remove a `version(n)` declaration once it has shipped.
 * Phones keep their database for weeks between events; Dexie upgrades one
 * version at a time from whatever the device holds, so every step must stay
 * declared. A new version adds a `stores()` diff and, when existing rows need a
 * new field, an `.upgrade()` that backfills it (tested in schema.test.ts).
 */

/** One stored operation. `outbox` is 1 until the server acknowledges it (IndexedDB cannot index booleans). */
export interface OpRow {
  readonly id: string;
  readonly op: Operation;
  readonly subjectId: string;
  readonly hlc: string;
  readonly outbox: 0 | 1;
  /** the server's sequence number, once acknowledged or pulled */
  readonly seq: number | null;
  /** set when the server refused the operation: kept for the record, left out of every fold */
  readonly rejected?: string;
  /**
   * The author's signature and public key (issue 11), so that another device
   * can carry the operation to the server. Not indexed, so no schema version:
   * rows stored before it simply have none (their own device pushes them, as
   * before; carried by another, they are refused as before).
   */
  readonly proof?: RelayProof;
}

/** A materialized ticket: the fold of its operations plus the keys its indexes need. */
export type TicketRow = TicketState & { readonly lineKey: string };

export interface MetaRow {
  readonly key: string;
  readonly value: unknown;
}

/** Version 1: the operation log with its outbox order, tickets by participant and by line. */
export const SCHEMA_V1 = {
  ops: "id, subjectId, [outbox+hlc]",
  tickets: "id, participantId, [domain+status]",
  participants: "id",
  meta: "key",
} as const;

/**
 * Version 2: the line order became an index (`lineKey`, backfilled), so a desk's
 * "next waiting ticket" is one range read; `createdBy` finds this device's tickets.
 */
export const SCHEMA_V2 = {
  tickets: "id, participantId, createdBy, [domain+status+lineKey]",
} as const;

/**
 * Version 3: pulled operations this version cannot read (a type from a newer
 * server) are kept raw by their sequence number, to be read after an update.
 */
export const SCHEMA_V3 = {
  unreadable: "seq",
} as const;

export const CURRENT_VERSION = 3;

export class LoketDb extends Dexie {
  declare ops: Table<OpRow, string>;
  declare tickets: Table<TicketRow, string>;
  declare participants: Table<ParticipantState, string>;
  declare meta: Table<MetaRow, string>;
  declare unreadable: Table<UnreadableOp, number>;

  constructor(name: string, options?: ConstructorParameters<typeof Dexie>[1]) {
    super(name, options);
    this.version(1).stores(SCHEMA_V1);
    this.version(2)
      .stores(SCHEMA_V2)
      .upgrade((tx) =>
        tx
          .table<TicketRow, string>("tickets")
          .toCollection()
          .modify((t: { lineKey?: string } & TicketState) => {
            t.lineKey = lineKey(t);
          }),
      );
    this.version(3).stores(SCHEMA_V3);
  }
}

export function toTicketRow(t: TicketState): TicketRow {
  return { ...t, lineKey: lineKey(t) };
}

export function fromTicketRow(row: TicketRow): TicketState {
  const { lineKey: _k, ...t } = row;
  return t;
}
