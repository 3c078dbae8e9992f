import { common } from "../i18n/common.ts";
import { LANGS, type Lang, setLang, useLang, useMessages } from "../i18n/define.ts";

const LABEL: Record<Lang, string> = { id: "ID", en: "EN" };

export function LanguageSwitch() {
  const lang = useLang();
  const m = useMessages(common);
  return (
    <fieldset class="lang-switch" data-testid="language-switch">
      <legend class="visually-hidden">{m.language}</legend>
      {LANGS.map((l) => (
        <button key={l} type="button" lang={l} aria-pressed={lang === l} data-testid={`lang-${l}`} onClick={() => setLang(l)}>
          {/* The accessible name starts with what is seen ("ID, Bahasa Indonesia"), so
              that speech input can say "click ID" (WCAG 2.5.3, label in name). */}
          {LABEL[l]}
          <span class="visually-hidden">, {l === "id" ? m.langId : m.langEn}</span>
        </button>
      ))}
    </fieldset>
  );
}
