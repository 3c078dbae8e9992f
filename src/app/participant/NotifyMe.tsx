import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import { askNotifyPermission } from "../../pwa/notify.ts";
import { browserFacts, subscribeForPush } from "../../pwa/web-push.ts";
import type { LocalStore } from "../../storage/contract.ts";
import { tokenFrom } from "../../sync/session.ts";
import { useLang, useMessages } from "../i18n/define.ts";
import {
  complete,
  enable,
  initialState,
  NOTIFY_META,
  type NotifyDeps,
  type NotifyMemory,
  type NotifyState,
} from "./notify-me.ts";
import { notifyMessages } from "./notify-messages.ts";
import { browserWakeEnv, keepScreenAwake } from "./wake-lock.ts";

/** A subscription still owed to the server is tried again this often (and at once when the phone is back online). */
const RETRY_MS = 30_000;

/**
 * The ticket screen's "Notify me when I am called" (its own chunk, loaded
 * while a ticket waits). Without push, one line says why, and the screen is
 * kept awake while this is shown (it is shown only while the ticket waits).
 */
export function NotifyMe({ store }: { store: LocalStore }) {
  const m = useMessages(notifyMessages);
  const lang = useLang();
  const [state, setState] = useState<NotifyState | null>(null);
  const busy = useRef(false);
  const deps = useMemo<NotifyDeps>(
    () => ({
      getMeta: () => store.getMeta<NotifyMemory>(NOTIFY_META),
      setMeta: (v) => store.setMeta(NOTIFY_META, v),
      token: tokenFrom(store),
      fetch: (input, init) => fetch(input, init),
      facts: browserFacts,
      requestPermission: askNotifyPermission,
      subscribe: subscribeForPush,
      lang,
    }),
    [store, lang],
  );
  const run = (step: (d: NotifyDeps) => Promise<NotifyState>, live: () => boolean = () => true) => {
    if (busy.current) return;
    busy.current = true;
    if (step === enable) setState({ kind: "working" });
    void step(deps)
      .then((s) => live() && setState(s))
      .finally(() => {
        busy.current = false;
      });
  };

  useEffect(() => {
    let live = true;
    void initialState(deps).then((s) => {
      if (!live) return;
      setState(s);
      // renews what the server holds (a browser may have rotated its subscription), or sends what is owed
      if (s.kind === "on" || s.kind === "waiting") run(complete, () => live);
    });
    return () => {
      live = false;
    };
  }, [deps]);

  const kind = state?.kind;
  useEffect(() => {
    if (kind !== "waiting") return;
    const retry = () => run(complete);
    window.addEventListener("online", retry);
    const timer = setInterval(retry, RETRY_MS);
    return () => {
      window.removeEventListener("online", retry);
      clearInterval(timer);
    };
  }, [kind, deps]);

  const awake = kind === "fallback" || kind === "waiting";
  const [canWake, setCanWake] = useState(true);
  useEffect(() => {
    if (!awake) return;
    const lock = keepScreenAwake(browserWakeEnv());
    setCanWake(lock.supported);
    return () => lock.stop();
  }, [awake]);

  const keepOpen = canWake ? m.keepOpenAwake : m.keepOpen;
  return (
    <section class="notify-me" data-testid="notify-me" data-state={kind ?? "loading"} aria-live="polite">
      {kind === "offer" && (
        <button type="button" class="secondary block" data-testid="notify-me-button" onClick={() => run(enable)}>
          {m.notifyMe}
        </button>
      )}
      {kind === "working" && <p class="muted">{m.working}</p>}
      {kind === "on" && <p class="muted">{m.on}</p>}
      {kind === "waiting" && (
        <p class="notice small">
          {m.waiting} {keepOpen}
        </p>
      )}
      {state?.kind === "fallback" && (
        <p class="notice small" data-testid="notify-me-fallback" data-why={state.why}>
          {m[state.why]} {keepOpen}
        </p>
      )}
    </section>
  );
}
