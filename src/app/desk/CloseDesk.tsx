import { useState } from "preact/hooks";
import { bundleFileName, makeBundle, serializeBundle } from "../../core/bundle.ts";
import { type CloseCheck, type CloseIssue, checkDeskClose, isBlocking } from "../../core/desk-close-check.ts";
import type { LocalStore } from "../../storage/contract.ts";
import { useMessages } from "../i18n/define.ts";
import type { DeskSession } from "./desk-session.ts";
import { downloadText } from "./download.ts";
import { type DeskMessages, deskMessages } from "./messages.ts";

/** End of the day: check this desk's own data, and export its log as a bundle file. */
export function CloseDesk({ store, session, deviceId }: { store: LocalStore; session: DeskSession; deviceId: string }) {
  const m = useMessages(deskMessages);
  const [check, setCheck] = useState<CloseCheck | null>(null);
  const [exported, setExported] = useState<string | null>(null);

  return (
    <section class="card close-desk" aria-labelledby="desk-close-title" data-testid="desk-close">
      <h2 id="desk-close-title">{m.closeDeskHeading}</h2>
      <div class="actions">
        <button
          type="button"
          class="secondary"
          data-testid="desk-close-check"
          onClick={async () => setCheck(checkDeskClose(await store.allOperations(), session.deskId))}
        >
          {m.closeDeskOpen}
        </button>
        <button
          type="button"
          class="secondary"
          data-testid="desk-export-log"
          onClick={async () => {
            const ops = await store.allOperations();
            const bundle = makeBundle({
              eventId: session.eventId,
              deviceId,
              createdAt: new Date().toISOString(),
              ops,
              // the authors' signatures, so that the organizer's laptop can carry the log to the server (relay)
              proofs: await store.proofsOf(ops.map((op) => op.id)),
            });
            downloadText(bundleFileName(bundle, session.deskId), serializeBundle(bundle), "application/json");
            setExported(m.exported(bundle.count));
          }}
        >
          {m.exportLog}
        </button>
      </div>
      {exported && (
        <p class="notice ok" role="status" data-testid="desk-export-result">
          {exported}
        </p>
      )}
      {check && (
        <div data-testid="desk-close-result" data-ok={String(check.ok)}>
          <p>{m.closeSummary(check.called, check.served, check.noShow, check.transferred)}</p>
          {check.issues.length === 0 ? (
            <p class="notice ok">{m.closeOk}</p>
          ) : (
            <>
              <p class={check.ok ? "notice warn" : "notice bad"}>{check.ok ? m.closeOkWithWarnings : m.closeMissing}</p>
              <ul class="close-issues">
                {check.issues.map((i) => (
                  <li
                    key={`${i.kind}-${i.ticketId}`}
                    class={isBlocking(i.kind) ? "error" : ""}
                    data-testid="desk-close-issue"
                    data-kind={i.kind}
                  >
                    {issueText(i, m)}
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
    </section>
  );
}

function issueText(i: CloseIssue, m: DeskMessages): string {
  switch (i.kind) {
    case "stillCalled":
      return m.issueStillCalled(i.number);
    case "stillServing":
      return m.issueStillServing(i.number);
    case "noOutcome":
      return m.issueNoOutcome(i.number);
    case "tooShort":
      return m.issueTooShort(i.number);
    case "tooLong":
      return m.issueTooLong(i.number, Math.round(i.minutes ?? 0));
  }
}
