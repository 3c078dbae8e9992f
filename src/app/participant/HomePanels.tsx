import type { ComponentProps } from "preact";
import { AlertSettings } from "./AlertSettings.tsx";
import { ProfileSection } from "./ProfileSection.tsx";

/**
 * The panels below the participant's tickets, fetched as one chunk after the
 * first paint: both arrive in the same render, at the end of the page, so their
 * arrival moves nothing (two chunks could land in either order and push each
 * other about, which Chrome counts as layout shift).
 */
export function HomePanels({
  alerts,
  profile,
}: {
  alerts: ComponentProps<typeof AlertSettings>;
  profile: ComponentProps<typeof ProfileSection>;
}) {
  return (
    <>
      <AlertSettings {...alerts} />
      <ProfileSection {...profile} />
    </>
  );
}
