/**
 * Keyboard shortcuts of the desk: single letters when focus is not in a text
 * field (so typing a note never triggers a call), Ctrl/⌘+Enter to save a note
 * from inside the note field.
 */
export type DeskShortcut = "callNext" | "recall" | "start" | "skip" | "noShow" | "saveNote" | "focusNote";

export const SHORTCUT_KEYS: readonly { key: string; action: DeskShortcut }[] = [
  { key: "N", action: "callNext" },
  { key: "R", action: "recall" },
  { key: "S", action: "start" },
  { key: "L", action: "skip" },
  { key: "X", action: "noShow" },
  { key: "C", action: "focusNote" },
  { key: "Ctrl+Enter", action: "saveNote" },
];

export interface KeyInput {
  readonly key: string;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly altKey: boolean;
  /** the focused element is a text field, select or button-like control that uses letters */
  readonly inTextField: boolean;
}

export function shortcutFor(e: KeyInput): DeskShortcut | null {
  if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) return "saveNote";
  if (e.inTextField || e.ctrlKey || e.metaKey || e.altKey) return null;
  switch (e.key.toLowerCase()) {
    case "n":
      return "callNext";
    case "r":
      return "recall";
    case "s":
      return "start";
    case "l":
      return "skip";
    case "x":
      return "noShow";
    case "c":
      return "focusNote";
    default:
      return null;
  }
}

/** Why a shortcut cannot act now: the desk says so rather than doing nothing. */
export type ShortcutRefusal = "lineEmpty" | "busy" | "noneCalled" | "alreadyServing" | "noCurrent";

/**
 * Whether an action can run with what the desk holds: `current` is the
 * status of the desk's current ticket (null when none), `lineLength` how
 * many wait. Null when it can.
 */
export function shortcutRefusal(
  a: DeskShortcut,
  s: { readonly current: "called" | "serving" | null; readonly lineLength: number; readonly busy: boolean },
): ShortcutRefusal | null {
  if (s.busy && a !== "focusNote" && a !== "saveNote") return "busy";
  switch (a) {
    case "callNext":
      return s.lineLength === 0 ? "lineEmpty" : null;
    case "recall":
    case "start":
    case "skip":
    case "noShow":
      return s.current === null ? "noneCalled" : s.current === "serving" ? "alreadyServing" : null;
    case "focusNote":
    case "saveNote":
      return s.current === null ? "noCurrent" : null;
  }
}
