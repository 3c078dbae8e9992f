import { useEffect, useId } from "preact/hooks";
import { setWorkOpen } from "../../pwa/work.ts";

/** Declare unsaved input or a running consultation: no update reloads the page meanwhile. */
export function useOpenWork(open: boolean): void {
  const key = useId();
  useEffect(() => {
    setWorkOpen(key, open);
    return () => setWorkOpen(key, false);
  }, [key, open]);
}
