import { useState } from "preact/hooks";
import { type BundleError, checkBundle } from "../../core/bundle.ts";
import type { LocalStore } from "../../storage/contract.ts";
import { useMessages } from "../i18n/define.ts";
import { FileField } from "../ui/FileField.tsx";
import { type AdminMessages, adminMessages } from "./messages.ts";

/**
 * Import a desk's log bundle: checked whole before anything is written, then
 * one importOps call (a set union), so a refused file leaves nothing behind and
 * a second import of the same file adds nothing.
 */
export function BundleImport({ store, eventId }: { store: LocalStore; eventId: string }) {
  const m = useMessages(adminMessages);
  const [result, setResult] = useState<{ text: string; bad: boolean } | null>(null);
  return (
    <section aria-labelledby="admin-bundles-title" data-testid="admin-bundles">
      <h2 id="admin-bundles-title">{m.bundlesHeading}</h2>
      <p class="muted">{m.bundlesIntro}</p>
      <FileField
        id="admin-bundle-file"
        label={m.bundleFile}
        testId="admin-bundle-file"
        accept="application/json,.json"
        onFile={async (file) => {
          const check = checkBundle(await file.text(), eventId);
          if (!check.ok) {
            setResult({ text: m.bundleRefused(errorText(check.error, m)), bad: true });
            return;
          }
          try {
            const added = await store.importOps(check.bundle.ops, check.bundle.proofs);
            setResult({ text: m.bundleImported(check.bundle.count, added, check.bundle.deviceId.slice(-6)), bad: false });
          } catch (err) {
            setResult({ text: m.bundleRefused(err instanceof Error ? err.message : String(err)), bad: true });
          }
        }}
      />
      {result && (
        <p
          class={result.bad ? "notice bad" : "notice ok"}
          role="status"
          data-testid="admin-bundle-result"
          data-ok={String(!result.bad)}
        >
          {result.text}
        </p>
      )}
    </section>
  );
}

function errorText(e: BundleError, m: AdminMessages): string {
  switch (e.code) {
    case "notJson":
      return m.errNotJson;
    case "notBundle":
      return m.errNotBundle;
    case "version":
      return m.errVersion;
    case "foreignEvent":
      return m.errForeign(e.eventId);
    case "count":
      return m.errCount(e.expected, e.actual);
    case "digest":
      return m.errDigest;
    case "invalidOp":
      return m.errInvalidOp(e.index, e.reason);
    case "opOfOtherEvent":
      return m.errOpOfOtherEvent(e.index);
  }
}
