import { useEffect } from "preact/hooks";
import { useMessages } from "../i18n/define.ts";
import { panels } from "./panel-messages.ts";

/**
 * After "erase my data": what happened, and clearing this phone once nothing is
 * left to send. Until then the phone keeps its tickets, but not the words the
 * participant wrote in them (`onShown` takes them out).
 */
export function ErasedScreen({
  pending,
  onShown,
  onClearDevice,
}: {
  pending: boolean;
  onShown: () => Promise<unknown>;
  onClearDevice: () => Promise<void>;
}) {
  const m = useMessages(panels);
  useEffect(() => {
    onShown().catch(() => {});
  }, [onShown]);
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
