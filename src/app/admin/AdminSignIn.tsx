import { useState } from "preact/hooks";
import { signIn } from "../../sync/session.ts";
import { BASE_URL } from "../connection.ts";
import type { Device } from "../device.ts";
import { useMessages } from "../i18n/define.ts";
import { SignInForm } from "../ui/SignInForm.tsx";
import { TextField } from "../ui/TextField.tsx";
import type { AdminSession } from "./admin-session.ts";
import { adminMessages } from "./messages.ts";

export function AdminSignIn({
  device,
  initialEvent,
  onSignedIn,
}: {
  device: Device;
  initialEvent: string;
  onSignedIn: (s: AdminSession) => void;
}) {
  const m = useMessages(adminMessages);
  const [eventId, setEventId] = useState(initialEvent);
  return (
    <SignInForm
      surface="admin"
      m={m}
      passcodeTestId="admin-passcode"
      onSubmit={async (code) => {
        const s = await signIn(device.store, BASE_URL, {
          role: "organizer",
          eventId: eventId.trim(),
          code,
        });
        onSignedIn({ ...s, role: "organizer" });
      }}
    >
      <TextField
        id="admin-event"
        label={m.eventId}
        testId="admin-signin-event"
        required
        autocomplete="off"
        value={eventId}
        onValue={setEventId}
      />
    </SignInForm>
  );
}
