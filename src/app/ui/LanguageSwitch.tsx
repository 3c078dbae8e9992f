import { common } from "../i18n/common.ts";
import { LANGS, type Lang, setLang, useLang, useMessages } from "../i18n/define.ts";

const LABEL: Record<Lang, string> = { id: "ID", en: "EN" };

export function LanguageSwitch() {
  const lang = useLang();
  const m = useMessages(common);
  return (
    <div role="group" class="lang-switch" aria-label={m.language} data-testid="language-switch">
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
    </div>
  );
}
