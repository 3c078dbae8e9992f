import { useEffect, useState } from "preact/hooks";

/**
 * One typed message catalogue, in parts: `common` for the shell and one part per
 * surface, so that a participant's phone never downloads the desk's strings.
 * Each part is written in Bahasa Indonesia first; the English half must have
 * exactly the same keys and argument types, or the build fails.
 */
export type Lang = "id" | "en";
export const LANGS: readonly Lang[] = ["id", "en"];

type Message = string | ((...args: never[]) => string);
export type Catalogue<T extends Record<string, Message>> = { id: T; en: { [K in keyof T]: T[K] } };

export function defineMessages<T extends Record<string, Message>>(m: Catalogue<T>): Catalogue<T> {
  return m;
}

const STORAGE_KEY = "loket.lang";
let current: Lang = readInitial();
const listeners = new Set<(l: Lang) => void>();

function readInitial(): Lang {
  try {
    const saved = globalThis.localStorage?.getItem(STORAGE_KEY);
    if (saved === "id" || saved === "en") return saved;
  } catch {
    // storage can be blocked (private mode): the default language stands
  }
  return "id";
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
  for (const l of listeners) l(lang);
}

export function useLang(): Lang {
  const [lang, set] = useState(current);
  useEffect(() => {
    listeners.add(set);
    return () => {
      listeners.delete(set);
    };
  }, []);
  return lang;
}

/** The catalogue half for the current language; re-renders when it changes. */
export function useMessages<T extends Record<string, Message>>(catalogue: Catalogue<T>): T {
  const lang = useLang();
  return catalogue[lang] as T;
}
