import type { LostConflict } from "../../core/desk-view.ts";
import { useMessages } from "../i18n/define.ts";
import { type DeskMessages, deskMessages } from "./messages.ts";

/** Conflicts that went against this desk, said plainly, one per ticket, each dismissed once read. */
export function ConflictNotices({
  conflicts,
  onDismiss,
}: {
  conflicts: readonly LostConflict[];
  onDismiss: (opIds: readonly string[]) => void;
}) {
  const m = useMessages(deskMessages);
  if (conflicts.length === 0) return null;
  return (
    <div class="desk-conflicts" role="alert">
      {conflicts.slice(0, 5).map((c) => (
        <p key={c.opId} class="notice warn desk-conflict" data-testid="desk-conflict" data-kind={c.kind}>
          <span>{conflictText(c, m)}</span>{" "}
          <button type="button" class="secondary" data-testid="desk-conflict-dismiss" onClick={() => onDismiss(c.opIds)}>
            {m.conflictOk}
          </button>
        </p>
      ))}
    </div>
  );
}

export function conflictText(c: Pick<LostConflict, "kind" | "number" | "winner">, m: DeskMessages): string {
  // Desks are named as on the board and the phone: "ditangani Meja K1".
  const w = c.winner ?? "";
  switch (c.kind) {
    case "callRace":
      return m.conflictCallRace(c.number, w);
    case "takeover":
      return m.conflictTakeover(c.number, w);
    case "cancelAfterCall":
    case "callAfterCancel":
      return m.conflictCancelled(c.number);
    case "closedTwice":
      return m.conflictClosedTwice(c.number);
    case "wrongDomain":
      return m.conflictWrongDomain(c.number);
    default:
      return c.winner ? m.conflictNotHolder(c.number, w) : m.conflictNotHolderNone(c.number);
  }
}
