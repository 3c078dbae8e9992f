import { type Operation, subjectOf } from "../../src/core/operation.ts";
import type { RejectedOp } from "../../src/storage/contract.ts";
import type { SimDevice } from "./device.ts";

/** A device sees its own writes at once: the operation is held and its state shows it. */
export async function checkOwnWrites(d: SimDevice, ops: readonly Operation[], violate: (m: string) => void): Promise<void> {
  for (const op of ops) {
    const subject = subjectOf(op);
    const held = await d.store.operationsOf(subject);
    if (!held.some((h) => h.id === op.id)) {
      const rejected = (await d.store.getMeta<RejectedOp[]>("rejected")) ?? [];
      if (!rejected.some((r) => r.id === op.id))
        violate(`${d.name}: own ${op.type} ${op.id} not in its store right after writing`);
      continue;
    }
    const state = op.type.startsWith("ticket.") ? await d.store.ticket(subject) : await d.store.participant(subject);
    if (!state || state.updatedAt < op.hlc) violate(`${d.name}: state of ${subject} does not reflect own ${op.type}`);
  }
}
