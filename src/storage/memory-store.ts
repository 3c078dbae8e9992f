import type { DomainCode } from "../core/domain.ts";
import { compareOps, type Operation, subjectOf } from "../core/operation.ts";
import type { ParticipantState } from "../core/participant-fold.ts";
import type { PulledOp, RelayProof } from "../core/protocol.ts";
import { lineKey } from "../core/queue.ts";
import { withoutParticipantText } from "../core/redaction.ts";
import type { TicketState } from "../core/ticket-fold.ts";
import {
  KEPT_ON_CLEAR,
  type LocalStore,
  newestStamp,
  type OpProofs,
  PROFILES_FORGOTTEN_KEY,
  type RejectedOp,
  SEEN_CLOCK_KEY,
  type UnreadableOp,
  UnsyncedChangesError,
} from "./contract.ts";
import { erasedProfileOps, isForgettableProfile, lostServerOp, refoldSubject } from "./refold.ts";
import { RESERVED_NUMBERS_KEY, type ReservedBlock, takeNumber, withBlock } from "./reserved-numbers.ts";

interface Row {
  op: Operation;
  outbox: 0 | 1;
  seq: number | null;
  rejected?: string;
  proof?: RelayProof;
}

/**
 * The local store in memory, with the very semantics of the Dexie store: for unit
 * tests and the multi-device simulation. Every method runs to completion before
 * yielding, which is the memory equivalent of one transaction; values are copied
 * in and out (structured clone), as IndexedDB does, so a caller can never change
 * stored state by mutating what it got.
 */
export function createMemoryStore(): LocalStore {
  const ops = new Map<string, Row>();
  /** subject id → ids of its operations: the `subjectId` index */
  const bySubject = new Map<string, Set<string>>();
  const tickets = new Map<string, TicketState>();
  const participants = new Map<string, ParticipantState>();
  const meta = new Map<string, unknown>();
  /** seq → a pulled operation this app could not read */
  const unreadable = new Map<number, UnreadableOp>();

  const copy = <T>(value: T): T => structuredClone(value);
  const currentCursor = () => (meta.get("cursor") as number | undefined) ?? 0;

  function heldRows(subjectId: string): Row[] {
    const out: Row[] = [];
    for (const id of bySubject.get(subjectId) ?? []) {
      const row = ops.get(id);
      if (row && !row.rejected) out.push(row);
    }
    return out;
  }

  function heldOps(subjectId: string): Operation[] {
    return heldRows(subjectId)
      .map((r) => r.op)
      .sort(compareOps);
  }

  function insert(op: Operation, row: Row): void {
    ops.set(op.id, row);
    const subject = subjectOf(op);
    const ids = bySubject.get(subject) ?? new Set<string>();
    ids.add(op.id);
    bySubject.set(subject, ids);
  }

  /** Deletes an operation of `subjectId` and its index entry (erasure, a desk forgetting a profile). */
  function remove(opId: string, subjectId: string): void {
    ops.delete(opId);
    bySubject.get(subjectId)?.delete(opId);
  }

  function refold(subjects: Iterable<string>): void {
    for (const id of subjects) {
      for (const gone of erasedProfileOps(heldRows(id))) remove(gone, id);
      const s = refoldSubject(id, heldOps(id));
      if (s.state === null) {
        tickets.delete(id);
        participants.delete(id);
      } else if (s.kind === "ticket") tickets.set(id, s.state);
      else participants.set(id, s.state);
    }
  }

  /** Store operations made or imported here, with the outbox mark; returns how many were new. */
  function addLocal(list: readonly Operation[], proofs: OpProofs = {}): number {
    const touched = new Set<string>();
    let added = 0;
    for (const op of list) {
      const proof = proofs[op.id];
      const row = ops.get(op.id);
      if (row) {
        if (proof && !row.proof) ops.set(op.id, { ...row, proof: copy(proof) });
        continue;
      }
      insert(op, { op: copy(op), outbox: 1, seq: null, ...(proof ? { proof: copy(proof) } : {}) });
      touched.add(subjectOf(op));
      added++;
    }
    refold(touched);
    markSeen(list);
    return added;
  }

  function markSeen(list: readonly Operation[]): void {
    const newest = newestStamp(meta.get(SEEN_CLOCK_KEY) as string | undefined, list);
    if (newest !== undefined) meta.set(SEEN_CLOCK_KEY, newest);
  }

  function outboxRows(): Row[] {
    return [...ops.values()].filter((r) => r.outbox === 1).sort((a, b) => compareOps(a.op, b.op));
  }

  return {
    async appendLocal(list, proofs) {
      addLocal(list, proofs);
    },
    async applyPulled(entries: readonly PulledOp[], next: number, raw: readonly UnreadableOp[] = []) {
      const touched = new Set<string>();
      for (const r of raw) unreadable.set(r.seq, copy(r));
      for (const { seq, op } of entries) {
        unreadable.delete(seq);
        const row = ops.get(op.id);
        if (!row) {
          insert(op, { op: copy(op), outbox: 0, seq });
          touched.add(subjectOf(op));
        } else if (row.outbox === 1 || row.rejected || row.seq === null) {
          if (row.rejected) touched.add(subjectOf(op));
          ops.set(op.id, { op: row.op, outbox: 0, seq, ...(row.proof ? { proof: row.proof } : {}) });
        }
      }
      refold(touched);
      markSeen(entries.map((e) => e.op));
      if (next > currentCursor()) meta.set("cursor", next);
    },
    async unreadable() {
      return [...unreadable.values()].sort((a, b) => a.seq - b.seq).map(copy);
    },
    async importOps(list, proofs) {
      return addLocal(list, proofs);
    },
    async proofsOf(ids) {
      const out: Record<string, RelayProof> = {};
      for (const id of ids) {
        const proof = ops.get(id)?.proof;
        if (proof) out[id] = copy(proof);
      }
      return out;
    },
    async outbox(limit) {
      return outboxRows()
        .slice(0, limit)
        .map((r) => copy(r.op));
    },
    async outboxCount() {
      return outboxRows().length;
    },
    async markAcknowledged(acks) {
      const erasures = new Set<string>();
      for (const { id, seq } of acks) {
        const row = ops.get(id);
        if (row?.outbox !== 1) continue;
        ops.set(id, { ...row, outbox: 0, seq });
        if (row.op.type === "participant.erased") erasures.add(subjectOf(row.op));
      }
      // an erasure the server accepted: now the profile goes for good
      refold(erasures);
    },
    async markRejected(rejections) {
      const listed = [...((meta.get("rejected") as RejectedOp[] | undefined) ?? [])];
      const touched = new Set<string>();
      for (const { id, reason } of rejections) {
        const row = ops.get(id);
        if (!row || row.outbox === 0) continue;
        ops.set(id, { ...row, outbox: 0, rejected: reason });
        const subjectId = subjectOf(row.op);
        touched.add(subjectId);
        listed.push({ id, type: row.op.type, subjectId, hlc: row.op.hlc, reason });
      }
      refold(touched);
      meta.set("rejected", listed);
    },
    async cursor() {
      return currentCursor();
    },
    async rewind(base, mine) {
      let requeued = 0;
      const lost = new Set<string>();
      for (const [id, row] of ops) {
        if (lostServerOp(row, base)) {
          remove(id, subjectOf(row.op));
          lost.add(subjectOf(row.op));
          continue;
        }
        if (row.rejected || row.outbox === 1 || (row.seq !== null && row.seq <= base) || !mine(row.op)) continue;
        ops.set(id, { ...row, outbox: 1, seq: null });
        requeued++;
      }
      refold(lost);
      if (currentCursor() > base) meta.set("cursor", base);
      return requeued;
    },
    async ticket(id) {
      const t = tickets.get(id);
      return t && copy(t);
    },
    async waitingLine(domain: DomainCode) {
      return [...tickets.values()]
        .filter((t) => t.known && t.domain === domain && t.status === "waiting")
        .sort((a, b) => (lineKey(a) < lineKey(b) ? -1 : lineKey(a) > lineKey(b) ? 1 : 0))
        .map(copy);
    },
    async ticketsOfParticipant(participantId) {
      return [...tickets.values()]
        .filter((t) => t.participantId === participantId)
        .sort(byId)
        .map(copy);
    },
    async ticketsCreatedBy(deviceId) {
      return [...tickets.values()]
        .filter((t) => t.createdBy === deviceId)
        .sort(byId)
        .map(copy);
    },
    async allTickets() {
      return [...tickets.values()].sort(byId).map(copy);
    },
    async participant(id) {
      const p = participants.get(id);
      return p && copy(p);
    },
    async allParticipants() {
      return [...participants.values()].sort(byId).map(copy);
    },
    async operationsOf(subjectId) {
      return heldOps(subjectId).map(copy);
    },
    async allOperations() {
      return [...ops.values()]
        .filter((r) => !r.rejected)
        .map((r) => copy(r.op))
        .sort(compareOps);
    },
    async forgetProfiles(pick) {
      const picked = pick([...participants.values()].map(copy), [...tickets.values()].map(copy));
      const subjects = new Set<string>();
      for (const id of picked) {
        for (const opId of [...(bySubject.get(id) ?? [])]) {
          const row = ops.get(opId);
          if (!row || !isForgettableProfile(row)) continue;
          remove(opId, id);
          subjects.add(id);
        }
      }
      refold(subjects);
      if (subjects.size > 0) meta.set(PROFILES_FORGOTTEN_KEY, true);
      return subjects.size;
    },
    async redactErased() {
      const erased = new Set([...participants.values()].filter((p) => p.erased).map((p) => p.id));
      const subjects = new Set<string>();
      let rewritten = 0;
      for (const t of tickets.values()) {
        if (!t.participantId || !erased.has(t.participantId)) continue;
        for (const opId of bySubject.get(t.id) ?? []) {
          const row = ops.get(opId);
          // not yet acknowledged: its signature covers the words (a relayed operation would be refused); the server cuts it
          if (!row || row.outbox === 1) continue;
          const op = withoutParticipantText(row.op);
          if (op === row.op) continue;
          ops.set(opId, { ...row, op });
          subjects.add(t.id);
          rewritten++;
        }
      }
      refold(subjects);
      return rewritten;
    },
    async recallForgottenProfiles() {
      if (!meta.get(PROFILES_FORGOTTEN_KEY)) return false;
      meta.set("cursor", 0);
      meta.set(PROFILES_FORGOTTEN_KEY, false);
      return true;
    },
    async addReservedBlock(block) {
      meta.set(RESERVED_NUMBERS_KEY, withBlock((meta.get(RESERVED_NUMBERS_KEY) as ReservedBlock[] | undefined) ?? [], block));
    },
    async takeReservedNumber(domain) {
      // no await between the read and the write: atomic in one JavaScript thread
      const taken = takeNumber((meta.get(RESERVED_NUMBERS_KEY) as ReservedBlock[] | undefined) ?? [], domain);
      if (!taken) return null;
      meta.set(RESERVED_NUMBERS_KEY, taken.blocks);
      return taken.number;
    },
    async reservedBlocks() {
      return copy(((meta.get(RESERVED_NUMBERS_KEY) as ReservedBlock[] | undefined) ?? []).filter((b) => b.next <= b.to));
    },
    async getMeta<T>(key: string) {
      const v = meta.get(key);
      return v === undefined ? undefined : (copy(v) as T);
    },
    async setMeta<T>(key: string, value: T) {
      meta.set(key, copy(value));
    },
    async clear() {
      const pending = outboxRows().length;
      if (pending > 0) throw new UnsyncedChangesError(pending);
      ops.clear();
      bySubject.clear();
      tickets.clear();
      participants.clear();
      unreadable.clear();
      for (const key of [...meta.keys()]) if (!KEPT_ON_CLEAR.includes(key)) meta.delete(key);
    },
  };
}

function byId(a: { id: string }, b: { id: string }): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
