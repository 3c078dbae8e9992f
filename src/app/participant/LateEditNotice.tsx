import type { TicketState } from "../../core/ticket-fold.ts";
import type { Device } from "../device.ts";
import { useLive } from "../hooks.ts";
import { useMessages } from "../i18n/define.ts";
import { panels } from "./panel-messages.ts";
import { myLateEdits } from "./question-edit.ts";

/**
 * Said plainly when an edit of this phone reached the ticket after the
 * consultation had begun: the desk answered the earlier question, and the edit
 * is shown as it was kept aside. Loaded only when the ticket has such a conflict.
 */
export function LateEditNotice({ ticket, device }: { ticket: TicketState; device: Pick<Device, "store" | "deviceId"> }) {
  const p = useMessages(panels);
  const ops = useLive(() => device.store.operationsOf(ticket.id), [device.store, ticket.id]);
  const late = ops ? myLateEdits(ticket, ops, device.deviceId) : [];
  const last = late[late.length - 1];
  if (!last) return null;
  return (
    <section class="notice warn" role="status" data-testid="late-edit-notice" aria-labelledby="late-edit-title">
      <h2 id="late-edit-title">{p.lateEditTitle}</h2>
      <p>{p.lateEditBody}</p>
      <p>
        <strong class="user-text" data-testid="late-edit-topic">
          {last.question.topic}
        </strong>
      </p>
      <p class="user-text" data-testid="late-edit-text">
        {last.question.text}
      </p>
    </section>
  );
}
