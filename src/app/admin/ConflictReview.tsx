import { useMemo } from "preact/hooks";
import { hlcWall } from "../../core/hlc.ts";
import { allConflicts } from "../../core/report.ts";
import type { ConflictKind, TicketState } from "../../core/ticket-fold.ts";
import { formatTime } from "../format.ts";
import { useLang, useMessages } from "../i18n/define.ts";
import { type AdminMessages, adminMessages } from "./messages.ts";
import { TableWrap } from "./TableWrap.tsx";

/** Every conflict the merge rules settled, with both sides and what the rule decided. */
export function ConflictReview({ tickets }: { tickets: readonly TicketState[] }) {
  const m = useMessages(adminMessages);
  const lang = useLang();
  const list = useMemo(() => allConflicts(tickets), [tickets]);
  return (
    <section aria-labelledby="admin-conflicts-title" data-testid="admin-conflicts">
      <h2 id="admin-conflicts-title">{m.conflictsHeading}</h2>
      <p class="muted">{m.conflictsIntro}</p>
      {list.length === 0 ? (
        <p data-testid="admin-no-conflicts">{m.noConflicts}</p>
      ) : (
        <TableWrap>
          <table>
            <thead>
              <tr>
                <th scope="col">{m.time}</th>
                <th scope="col">{m.ticket}</th>
                <th scope="col">{m.kind}</th>
                <th scope="col">{m.loser}</th>
                <th scope="col">{m.winner}</th>
              </tr>
            </thead>
            <tbody>
              {list.map((c) => (
                <tr key={c.conflict.opId} data-testid="admin-conflict" data-kind={c.conflict.kind}>
                  <td>{formatTime(hlcWall(c.conflict.hlc), lang)}</td>
                  <th scope="row">{c.number}</th>
                  <td>
                    {kindText(c.conflict.kind, m)}
                    {c.conflict.question && <div class="user-text muted">{m.editKept(c.conflict.question.topic)}</div>}
                  </td>
                  <td>{side(c.conflict.loser, m)}</td>
                  <td>{side(c.conflict.winner, m)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </section>
  );
}

function side(s: string | null, m: AdminMessages): string {
  if (s === null) return m.none;
  if (s === "participant") return m.sideParticipant;
  if (s === "cancel") return m.sideCancel;
  return m.sideDesk(s);
}

export function kindText(k: ConflictKind, m: AdminMessages): string {
  const map: Record<ConflictKind, string> = {
    callRace: m.kindCallRace,
    takeover: m.kindTakeover,
    notHolder: m.kindNotHolder,
    lateEdit: m.kindLateEdit,
    cancelAfterCall: m.kindCancelAfterCall,
    callAfterCancel: m.kindCallAfterCancel,
    cancelOverridden: m.kindCancelOverridden,
    cancelAfterStart: m.kindCancelAfterStart,
    closedTwice: m.kindClosedTwice,
    wrongDomain: m.kindWrongDomain,
    sameDomain: m.kindSameDomain,
  };
  return map[k];
}
