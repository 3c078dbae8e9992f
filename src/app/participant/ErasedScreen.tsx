import { useMessages } from "../i18n/define.ts";
import { panels } from "./panel-messages.ts";

/** After "erase my data": what happened, and clearing this phone once nothing is left to send. */
export function ErasedScreen({ pending, onClearDevice }: { pending: boolean; onClearDevice: () => Promise<void> }) {
  const m = useMessages(panels);
  return (
    <>
      <p class="notice ok" data-testid="erased">
        {m.erased}
      </p>
      {pending ? (
        <p class="notice warn">{m.erasePending}</p>
      ) : (
        <button type="button" class="secondary block" data-testid="erase-local" onClick={() => void onClearDevice()}>
          {m.eraseLocal}
        </button>
      )}
    </>
  );
}
