import { useEffect, useState } from "preact/hooks";

/**
 * One typed message catalogue, in parts: `common` for the shell and one part per
 * surface, so that a participant's phone never downloads the desk's strings.
 * Each part is written in Bahasa Indonesia first, the language every screen
 * shows until told otherwise. The English half lives in its own module beside
 * it (`messages.en.ts`), fetched only once English is chosen (the service
 * worker precaches it, so switching works offline too); until it arrives the
 * screen stays in Bahasa Indonesia. That module ends in
 * `satisfies Translation<…>`: a key missing, extra, or taking other arguments
 * than in Bahasa Indonesia fails the typecheck.
 */
export type Lang = "id" | "en";
export const LANGS: readonly Lang[] = ["id", "en"];

type Message = string | ((...args: never[]) => string);
type Messages = Record<string, Message>;

/** The English half of a catalogue: exactly the keys and argument types of the Bahasa Indonesia half. */
export type Translation<T extends Messages> = { [K in keyof T]: T[K] };

export interface Catalogue<T extends Messages> {
  /** Bahasa Indonesia: always here, and shown while the English half loads. */
  readonly id: T;
  /** English, once it has arrived (at once for a catalogue defined with both halves inline). */
  en?: T;
  readonly loadEn?: () => Promise<{ default: T }>;
}

const STORAGE_KEY = "loket.lang";
let current: Lang = readInitial();
const lazyCatalogues = new Set<Catalogue<Messages>>();
const loading = new WeakSet<Catalogue<Messages>>();
// Re-render every `useLang` user: the language changed, or an English half arrived.
const listeners = new Set<() => void>();
let revision = 0;

/**
 * `defineMessages(id, () => import("./messages.en.ts"))`: the English half loads on demand.
 * `defineMessages({ id, en })`: both halves inline, both always downloaded (staff surfaces
 * not yet split; prefer the first form).
 */
export function defineMessages<T extends Messages>(
  id: T,
  loadEn: () => Promise<{ default: Translation<NoInfer<T>> }>,
): Catalogue<T>;
export function defineMessages<T extends Messages>(halves: { id: T; en: Translation<NoInfer<T>> }): Catalogue<T>;
export function defineMessages<T extends Messages>(
  first: T | { id: T; en: T },
  loadEn?: () => Promise<{ default: T }>,
): Catalogue<T> {
  if (!loadEn) return first as { id: T; en: T };
  const catalogue: Catalogue<T> = { id: first as T, loadEn };
  lazyCatalogues.add(catalogue);
  if (current === "en") fetchEnglish(catalogue);
  return catalogue;
}

function changed(): void {
  revision += 1;
  for (const l of listeners) l();
}

function readInitial(): Lang {
  try {
    const saved = globalThis.localStorage?.getItem(STORAGE_KEY);
    if (saved === "id" || saved === "en") return saved;
  } catch {
    // storage can be blocked (private mode): the default language stands
  }
  return "id";
}

function fetchEnglish<T extends Messages>(catalogue: Catalogue<T>): void {
  if (catalogue.en || !catalogue.loadEn || loading.has(catalogue)) return;
  loading.add(catalogue);
  catalogue.loadEn().then(
    (module) => {
      catalogue.en = module.default;
      changed();
    },
    () => {
      // Offline before the service worker cached it: Bahasa Indonesia stands,
      // and the next render in English tries again.
      loading.delete(catalogue);
    },
  );
}

export function getLang(): Lang {
  return current;
}

export function setLang(lang: Lang): void {
  current = lang;
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, lang);
  } catch {
    // not fatal: the choice lasts for this visit
  }
  if (typeof document !== "undefined") document.documentElement.lang = lang;
  if (lang === "en") for (const c of lazyCatalogues) fetchEnglish(c);
  changed();
}

export function useLang(): Lang {
  const [, setSeen] = useState(revision);
  useEffect(() => {
    const update = () => setSeen(revision);
    listeners.add(update);
    update(); // a change between the first render and this subscription
    return () => {
      listeners.delete(update);
    };
  }, []);
  return current;
}

/** The catalogue half for the current language; re-renders when it changes or arrives. */
export function useMessages<T extends Messages>(catalogue: Catalogue<T>): T {
  if (useLang() === "id") return catalogue.id;
  if (catalogue.en) return catalogue.en;
  fetchEnglish(catalogue); // no-op while loading; retries after a failure
  return catalogue.id;
}
