import { describe, expect, it } from "vitest";
import { shortcutFor, shortcutRefusal } from "./shortcuts.ts";

const key = (k: string, o: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean; inTextField: boolean }> = {}) => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  inTextField: false,
  ...o,
});

describe("desk shortcuts", () => {
  it("maps letters to actions, either case", () => {
    expect(shortcutFor(key("n"))).toBe("callNext");
    expect(shortcutFor(key("N"))).toBe("callNext");
    expect(shortcutFor(key("r"))).toBe("recall");
    expect(shortcutFor(key("s"))).toBe("start");
    expect(shortcutFor(key("x"))).toBe("noShow");
    expect(shortcutFor(key("l"))).toBe("skip");
    expect(shortcutFor(key("q"))).toBeNull();
  });

  it("never fires while typing, except Ctrl+Enter to save the note", () => {
    expect(shortcutFor(key("n", { inTextField: true }))).toBeNull();
    expect(shortcutFor(key("Enter", { inTextField: true, ctrlKey: true }))).toBe("saveNote");
    expect(shortcutFor(key("Enter", { inTextField: true, metaKey: true }))).toBe("saveNote");
    expect(shortcutFor(key("Enter", { inTextField: true }))).toBeNull();
    expect(shortcutFor(key("n", { ctrlKey: true }))).toBeNull(); // Ctrl+N is the browser's
  });
});

describe("a shortcut that cannot act says why", () => {
  const at = (current: "called" | "serving" | null, lineLength = 3, busy = false) => ({ current, lineLength, busy });
  it("calling next needs someone in line", () => {
    expect(shortcutRefusal("callNext", at(null, 0))).toBe("lineEmpty");
    expect(shortcutRefusal("callNext", at("serving", 2))).toBeNull();
  });
  it("recall, start, skip and no-show need a called ticket, not one in consultation", () => {
    for (const a of ["recall", "start", "skip", "noShow"] as const) {
      expect(shortcutRefusal(a, at(null))).toBe("noneCalled");
      expect(shortcutRefusal(a, at("serving"))).toBe("alreadyServing");
      expect(shortcutRefusal(a, at("called"))).toBeNull();
    }
  });
  it("a note needs a current ticket; nothing runs while an action is being saved", () => {
    expect(shortcutRefusal("focusNote", at(null))).toBe("noCurrent");
    expect(shortcutRefusal("focusNote", at("serving"))).toBeNull();
    expect(shortcutRefusal("callNext", at(null, 3, true))).toBe("busy");
  });
});
