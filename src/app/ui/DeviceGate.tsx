import type { ComponentChildren } from "preact";
import type { Device } from "../device.ts";
import type { useDevice } from "../hooks.ts";
import { common } from "../i18n/common.ts";
import { useMessages } from "../i18n/define.ts";

/**
 * What a staff route (desk, admin) shows before its screen: the notice that the
 * device store failed to open (with a retry), or "loading" until the store is
 * open and `ready` (the kept session has been read). Then `children(device)`.
 */
export function DeviceGate({
  opened: { device, error, retry },
  ready,
  children,
}: {
  opened: ReturnType<typeof useDevice>;
  ready: boolean;
  children: (device: Device) => ComponentChildren;
}) {
  const c = useMessages(common);
  if (error)
    return (
      <p class="notice bad" role="alert">
        {c.storageFailed}{" "}
        <button type="button" class="secondary" onClick={retry}>
          {c.retry}
        </button>
      </p>
    );
  if (!device || !ready) return <p aria-live="polite">{c.loading}</p>;
  return <>{children(device)}</>;
}
