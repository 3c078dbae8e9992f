import type { ComponentChildren } from "preact";
import { useState } from "preact/hooks";
import { SignInError } from "../../sync/session.ts";

/** The words a sign-in form shows, from the surface's own catalogue. */
export interface SignInWords {
  signInTitle: string;
  signInIntro: string;
  passcode: string;
  signIn: string;
  signingIn: string;
  signInOffline: string;
  signInFailed: (why: string) => string;
}

/**
 * The sign-in screen the desk and the organizer share: title, intro, the
 * surface's own fields (`children`), the passcode, the error and the submit
 * button. `onSubmit` signs in with the passcode; while it runs the button is
 * disabled, and what it throws is told in plain words. Ids and test ids take
 * the surface's name: `desk-signin-form`, `admin-signin-error`…
 * Only staff routes import this (never the participant's first visit).
 */
export function SignInForm({
  surface,
  class: className,
  m,
  passcodeTestId,
  initialCode = "",
  onSubmit,
  children,
}: {
  surface: "desk" | "admin";
  class?: string;
  m: SignInWords;
  passcodeTestId: string;
  initialCode?: string;
  onSubmit: (code: string) => Promise<void>;
  children: ComponentChildren;
}) {
  const [code, setCode] = useState(initialCode);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await onSubmit(code);
    } catch (err) {
      if (err instanceof SignInError && err.code === "offline") setError(m.signInOffline);
      else setError(m.signInFailed(err instanceof Error ? err.message : String(err)));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class={className} aria-labelledby={`${surface}-signin-title`}>
      <h1 id={`${surface}-signin-title`}>{m.signInTitle}</h1>
      <p>{m.signInIntro}</p>
      <form onSubmit={submit} data-testid={`${surface}-signin-form`}>
        {children}
        <div class="field">
          <label for={`${surface}-code`}>{m.passcode}</label>
          <input
            id={`${surface}-code`}
            data-testid={passcodeTestId}
            type="password"
            required
            minLength={4}
            autocomplete="off"
            value={code}
            onInput={(e) => setCode(e.currentTarget.value)}
          />
        </div>
        {error && (
          <p class="notice bad" role="alert" data-testid={`${surface}-signin-error`}>
            {error}
          </p>
        )}
        <button type="submit" data-testid={`${surface}-signin-submit`} disabled={busy}>
          {busy ? m.signingIn : m.signIn}
        </button>
      </form>
    </section>
  );
}
