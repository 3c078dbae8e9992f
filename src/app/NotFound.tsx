import { common } from "./i18n/common.ts";
import { useMessages } from "./i18n/define.ts";

export function NotFound() {
  const m = useMessages(common);
  return (
    <main id="main" class="page">
      <h1>{m.appName}</h1>
      <p>{m.notFound}</p>
      <a class="button" href="/">
        {m.goHome}
      </a>
    </main>
  );
}
