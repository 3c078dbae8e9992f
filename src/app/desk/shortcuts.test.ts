import { describe, expect, it } from "vitest";
import { shortcutFor } from "./shortcuts.ts";

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
