import { useMessages } from "../i18n/define.ts";
import { TextField } from "../ui/TextField.tsx";
import { adminMessages } from "./messages.ts";
import type { ReportSigning } from "./report-signing.ts";

/** The fields the organizer fills in before printing (not printed themselves): place, position, name. */
export function ReportSigningFields({ signing, onSigning }: { signing: ReportSigning; onSigning: (s: ReportSigning) => void }) {
  const m = useMessages(adminMessages);
  const field = (key: keyof ReportSigning, label: string) => (
    <TextField
      id={`admin-report-${key}`}
      label={label}
      testId={`admin-report-${key}-input`}
      autocomplete="off"
      value={signing[key]}
      onValue={(v) => onSigning({ ...signing, [key]: v })}
    />
  );
  return (
    <details class="no-print report-signing" data-testid="admin-report-signing">
      <summary>{m.signingHeading}</summary>
      {field("place", m.signingPlace)}
      {field("position", m.signingPosition)}
      {field("name", m.signingName)}
    </details>
  );
}
