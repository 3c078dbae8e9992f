import { useState } from "preact/hooks";
import type { Region } from "../../core/event.ts";
import type { Profile } from "../../core/participant.ts";
import { useMessages } from "../i18n/define.ts";
import { participant } from "./messages.ts";
import { panels } from "./panel-messages.ts";
import { regionLabel } from "./profile-form.ts";

/** My details as recorded, with edit and delete. Every value is rendered as text. */
export function ProfileSection({
  profile,
  regions,
  busyServing,
  onEdit,
  onErase,
}: {
  profile: Profile;
  regions: readonly Region[];
  busyServing: boolean;
  onEdit: () => void;
  onErase: () => Promise<void>;
}) {
  const m = useMessages(participant);
  const p = useMessages(panels);
  const [confirming, setConfirming] = useState(false);
  const region = regions.find((r) => r.id === profile.regionId);
  return (
    <section class="card" aria-labelledby="profile-title" data-testid="profile-section">
      <h2 id="profile-title">{p.profile}</h2>
      <dl class="facts">
        <dt>{m.nameLabel}</dt>
        <dd class="user-text" data-testid="profile-name">
          {profile.name}
        </dd>
        <dt>{m.positionLabel}</dt>
        <dd class="user-text">{profile.position}</dd>
        <dt>{m.institutionLabel}</dt>
        <dd class="user-text">{profile.institution}</dd>
        <dt>{m.regionLabel}</dt>
        <dd>{region ? `${regionLabel(region)}, ${region.provinceName}` : profile.regionId}</dd>
        {profile.phone && (
          <>
            <dt>{m.phoneLabel}</dt>
            <dd>{profile.phone}</dd>
          </>
        )}
      </dl>
      <div class="actions">
        <button type="button" class="secondary" data-testid="profile-edit" onClick={onEdit}>
          {p.editProfile}
        </button>
        <button type="button" class="secondary" data-testid="profile-erase" onClick={() => setConfirming(true)}>
          {p.eraseData}
        </button>
      </div>
      {confirming &&
        (busyServing ? (
          <p class="notice warn" role="alert">
            {p.eraseBlockedServing}
          </p>
        ) : (
          <div class="notice warn">
            <p id="erase-q">{p.eraseConfirm}</p>
            <div class="actions">
              <button type="button" class="danger" data-testid="erase-confirm" onClick={() => void onErase()}>
                {p.eraseYes}
              </button>
              <button type="button" class="secondary" onClick={() => setConfirming(false)}>
                {p.eraseNo}
              </button>
            </div>
          </div>
        ))}
    </section>
  );
}
