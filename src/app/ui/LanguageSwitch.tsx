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
        <button
          key={l}
          type="button"
          lang={l}
          aria-pressed={lang === l}
          aria-label={l === "id" ? m.langId : m.langEn}
          data-testid={`lang-${l}`}
          onClick={() => setLang(l)}
        >
          {LABEL[l]}
        </button>
      ))}
    </fieldset>
  );
}
