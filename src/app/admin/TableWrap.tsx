import type { ComponentChildren } from "preact";

/**
 * A table that may scroll sideways on a phone. A scrolling region must be
 * reachable by keyboard (WCAG 2.1.1; axe "scrollable-region-focusable"), so it
 * takes focus.
 */
export function TableWrap({ children }: { children: ComponentChildren }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard
    <div class="table-wrap" tabIndex={0}>
      {children}
    </div>
  );
}
