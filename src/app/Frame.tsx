import type { ComponentChildren } from "preact";
import { useDatabaseUpgraded, usePersistence } from "./hooks.ts";
import { common } from "./i18n/common.ts";
import { useMessages } from "./i18n/define.ts";
import { deferred } from "./ui/deferred.tsx";
import { LanguageSwitch } from "./ui/LanguageSwitch.tsx";
import { ReloadPrompt } from "./ui/ReloadPrompt.tsx";

// Its own chunk: most browsers grant persistent storage, so most visits never need it.
const PersistNotice = deferred(() => import("./ui/PersistNotice.tsx").then((m) => m.PersistNotice));

/**
 * The frame every surface shares: skip link, header with the language switch,
 * the reload prompt (another tab upgraded the database), the persistent-storage
 * notice, and the main landmark. `wide` for the desk and the board.
 */
export function Frame({
  title,
  children,
  wide = false,
  headerExtra,
  forStaff = true,
}: {
  title: string;
  children: ComponentChildren;
  wide?: boolean;
  headerExtra?: ComponentChildren;
  /** false on the board: a TV in the hall shows nothing meant for staff (no storage notice) */
  forStaff?: boolean;
}) {
  const m = useMessages(common);
  const upgraded = useDatabaseUpgraded();
  const persistence = usePersistence();
  return (
    <>
      <a class="skip-link" href="#main">
        {m.skipToContent}
      </a>
      <header class="topbar">
        <a class="brand" href="/">
          {title}
        </a>
        {headerExtra}
        <LanguageSwitch />
      </header>
      <ReloadPrompt show={upgraded} />
      <main id="main" class={wide ? "page wide" : "page"} tabIndex={-1}>
        {children}
        {forStaff && persistence === "denied" && <PersistNotice />}
      </main>
    </>
  );
}
