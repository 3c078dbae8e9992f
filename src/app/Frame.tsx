import type { ComponentChildren } from "preact";
import { useDatabaseUpgraded } from "./hooks.ts";
import { common } from "./i18n/common.ts";
import { useMessages } from "./i18n/define.ts";
import { LanguageSwitch } from "./ui/LanguageSwitch.tsx";
import { ReloadPrompt } from "./ui/ReloadPrompt.tsx";

/**
 * The frame every surface shares: skip link, header with the language switch,
 * the reload prompt (another tab upgraded the database) and the main landmark.
 * `wide` for the desk and the board. The storage notice is not here: it speaks
 * of "this phone", so only the participant's ticket screen shows it (once).
 */
export function Frame({
  title,
  children,
  wide = false,
  headerExtra,
}: {
  title: string;
  children: ComponentChildren;
  wide?: boolean;
  headerExtra?: ComponentChildren;
}) {
  const m = useMessages(common);
  const upgraded = useDatabaseUpgraded();
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
      </main>
    </>
  );
}
