import type { ComponentType, FunctionComponent, VNode } from "preact";
import { useEffect, useState } from "preact/hooks";

/**
 * A component whose code is fetched when it first renders: its own chunk, out of
 * the first visit's download (the service worker precaches it for offline use).
 * For parts a first visit does not need at once, such as panels below the fold
 * or behind a tap. `fallback` stands in meanwhile (by default nothing); after a
 * failed fetch it stays, and the next mount tries again.
 *
 *     const TicketQr = deferred(() => import("./TicketQr.tsx").then((m) => m.TicketQr));
 */
export function deferred<P extends object>(
  load: () => Promise<ComponentType<P>>,
  fallback: (props: P) => VNode | null = () => null,
): FunctionComponent<P> {
  let loaded: ComponentType<P> | null = null;
  let loading: Promise<ComponentType<P>> | null = null;
  return function Deferred(props: P) {
    const [Component, setComponent] = useState(() => loaded);
    useEffect(() => {
      if (Component) return;
      let live = true;
      loading ??= load().then(
        (c) => {
          loaded = c;
          return c;
        },
        (e: unknown) => {
          loading = null;
          throw e;
        },
      );
      loading.then(
        (c) => live && setComponent(() => c),
        () => undefined,
      );
      return () => {
        live = false;
      };
    }, [Component]);
    return Component ? <Component {...props} /> : fallback(props);
  };
}
