import { isParticipantOp, type Operation, type ParticipantOperation } from "./operation.ts";
import type { Profile } from "./participant.ts";
import { canonicalOrder } from "./ticket-fold.ts";

export interface ParticipantState {
  readonly id: string;
  readonly eventId: string;
  /** null once erased (UU 27/2022 right to deletion) */
  readonly profile: Profile | null;
  readonly erased: boolean;
  /**
   * the participant's region, kept after erasure for anonymous counts: from the
   * erasure if it names one, else from the last profile
   */
  readonly regionId: string | null;
  readonly updatedAt: string;
}

/**
 * A profile is one record that its owner edits: the latest stamp wins. Erasure
 * wins over every edit, whatever their stamps, so that a stale device replaying
 * an old edit can never bring deleted personal data back.
 */
export function foldParticipant(ops: readonly Operation[]): ParticipantState | null {
  const sorted = canonicalOrder(ops.filter(isParticipantOp)) as ParticipantOperation[];
  const first = sorted[0];
  if (!first) return null;
  let profile: Profile | null = null;
  let erased = false;
  let erasedRegion: string | null = null;
  let updatedAt = first.hlc;
  for (const op of sorted) {
    if (op.hlc > updatedAt) updatedAt = op.hlc;
    if (op.type === "participant.erased") {
      erased = true;
      erasedRegion = op.regionId ?? erasedRegion;
    } else if (op.type === "participant.registered") profile = op.profile;
  }
  return {
    id: first.participantId,
    eventId: first.eventId,
    profile: erased ? null : profile,
    erased,
    regionId: erasedRegion ?? profile?.regionId ?? null,
    updatedAt,
  };
}
