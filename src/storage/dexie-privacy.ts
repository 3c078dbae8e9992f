import { withoutParticipantText } from "../core/redaction.ts";
import { PROFILES_FORGOTTEN_KEY, type ProfilePicker } from "./contract.ts";
import { isForgettableProfile } from "./refold.ts";
import { fromTicketRow, type LoketDb } from "./schema.ts";

/**
 * The Dexie store's data-minimisation writes (UU 27/2022), in their own module:
 * only desk and organizer devices run them, so a participant's phone does not
 * download them on its first visit (dexie-store.ts imports this lazily).
 */
export interface DexieInternals {
  readonly db: LoketDb;
  /** refold subjects from their held operations, inside a read-write transaction */
  readonly refold: (subjects: ReadonlySet<string>) => Promise<void>;
}

const tables = (db: LoketDb) => [db.ops, db.tickets, db.participants, db.meta];

export function forgetProfiles({ db, refold }: DexieInternals, pick: ProfilePicker): Promise<number> {
  return db.transaction("rw", tables(db), async () => {
    const picked = pick(await db.participants.toArray(), (await db.tickets.toArray()).map(fromTicketRow));
    if (picked.length === 0) return 0;
    const rows = await db.ops.where("subjectId").anyOf(picked).toArray();
    const gone = rows.filter(isForgettableProfile);
    await db.ops.bulkDelete(gone.map((r) => r.id));
    const subjects = new Set(gone.map((r) => r.subjectId));
    await refold(subjects);
    if (subjects.size > 0) await db.meta.put({ key: PROFILES_FORGOTTEN_KEY, value: true });
    return subjects.size;
  });
}

export function redactErased({ db, refold }: DexieInternals): Promise<number> {
  return db.transaction("rw", tables(db), async () => {
    const erased = (await db.participants.toArray()).filter((p) => p.erased).map((p) => p.id);
    if (erased.length === 0) return 0;
    const ticketIds = await db.tickets.where("participantId").anyOf(erased).primaryKeys();
    const rows = await db.ops.where("subjectId").anyOf(ticketIds).toArray();
    const changed = rows.flatMap((row) => {
      // not yet acknowledged: its author's signature covers the words (a relayed operation
      // rewritten here would be refused); the server stores it cut, and the next call cuts it here
      if (row.outbox === 1) return [];
      const op = withoutParticipantText(row.op);
      return op === row.op ? [] : [{ ...row, op }];
    });
    await db.ops.bulkPut(changed);
    await refold(new Set(changed.map((r) => r.subjectId)));
    return changed.length;
  });
}
