import { useEffect, useState } from "preact/hooks";
import { DEFAULT_DOMAINS, type DomainCode } from "../../core/domain.ts";
import type { LoketEvent, Region } from "../../core/event.ts";
import { newId } from "../../core/ids.ts";
import { formatNumber } from "../../core/protocol.ts";
import { provisionalCode } from "../../core/ticket-fold.ts";
import type { LocalStore } from "../../storage/contract.ts";
import { useLang, useMessages } from "../i18n/define.ts";
import { TextField } from "../ui/TextField.tsx";
import {
  type DeskSession,
  fetchBlock,
  loadBlock,
  type NumberBlock,
  type OperationDraft,
  takeReservedNumber,
} from "./desk-session.ts";
import { walkInDrafts } from "./drafts.ts";
import { deskMessages } from "./messages.ts";

/**
 * A ticket for someone without a phone. The desk records a minimal profile only
 * with the participant's verbal consent, or none at all. Offline, the ticket
 * takes a number from this device's reserved block, so it can be called out.
 */
export function WalkInForm(p: {
  store: LocalStore;
  session: DeskSession;
  domain: DomainCode;
  event: LoketEvent | null;
  /** the server is unreachable: give a reserved number rather than wait for one */
  offline: boolean;
  record: (drafts: readonly OperationDraft[]) => Promise<void>;
}) {
  const m = useMessages(deskMessages);
  const lang = useLang();
  const [domain, setDomain] = useState<DomainCode>(p.domain);
  const [anonymous, setAnonymous] = useState(false);
  const [name, setName] = useState("");
  const [position, setPosition] = useState("");
  const [institution, setInstitution] = useState("");
  const [regionId, setRegionId] = useState("");
  const [consent, setConsent] = useState(false);
  const [priority, setPriority] = useState(false);
  const [topic, setTopic] = useState("");
  const [text, setText] = useState("");
  const [block, setBlock] = useState<NumberBlock | null>(null);
  const [message, setMessage] = useState<{ text: string; bad: boolean } | null>(null);

  useEffect(() => {
    void loadBlock(p.store).then(setBlock);
  }, [p.store]);

  const left = block && block.domain === p.domain ? Math.max(0, block.to - block.next + 1) : 0;
  const domains =
    p.event?.domains.map((d) => ({ code: d.code, name: d.name[lang] })) ??
    DEFAULT_DOMAINS.map((d) => ({ code: d.code, name: d.name[lang] }));
  const provinces = groupRegions(p.event?.regions ?? []);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (!anonymous && !consent) return;
    try {
      const offline = p.offline || (typeof navigator !== "undefined" && navigator.onLine === false);
      const reserved = offline ? await takeReservedNumber(p.store, domain) : null;
      const ticketId = newId();
      const profile = anonymous
        ? null
        : {
            name: name.trim(),
            position: position.trim(),
            institution: institution.trim(),
            regionId,
            consent: {
              given: true as const,
              noticeVersion: p.event?.consentNoticeVersion ?? "1",
              purpose: m.consentPurpose,
              at: new Date().toISOString(),
            },
          };
      const reservedNumber = reserved === null ? null : formatNumber(domain, reserved);
      await p.record(
        walkInDrafts({
          ticketId,
          participantId: newId(),
          domain,
          profile,
          topic: topic.trim(),
          text: text.trim(),
          priority,
          reservedNumber,
        }),
      );
      setBlock(await loadBlock(p.store));
      setMessage({ text: m.created(reservedNumber ?? provisionalCode(ticketId, domain)), bad: false });
      setName("");
      setPosition("");
      setInstitution("");
      setConsent(false);
      setTopic("");
      setText("");
      setPriority(false);
    } catch (err) {
      setMessage({ text: m.failed(err instanceof Error ? err.message : String(err)), bad: true });
    }
  };

  return (
    <details class="card walk-in" data-testid="desk-walk-in">
      <summary data-testid="desk-walk-in-open">{m.walkInOpen}</summary>
      <h2>{m.walkInHeading}</h2>
      <p class="muted" data-testid="desk-reserved-left">
        {left > 0 ? m.reservedLeft(left) : m.noReserved}
      </p>
      <button
        type="button"
        class="secondary"
        data-testid="desk-get-reserved"
        onClick={async () => {
          try {
            setBlock(await fetchBlock(p.store, p.session, p.domain));
          } catch (err) {
            setMessage({ text: m.failed(err instanceof Error ? err.message : String(err)), bad: true });
          }
        }}
      >
        {m.getReserved}
      </button>
      <form onSubmit={submit} data-testid="desk-walk-in-form">
        <div class="field">
          <label for="walkin-domain">{m.domain}</label>
          <select
            id="walkin-domain"
            data-testid="desk-walk-in-domain"
            value={domain}
            onChange={(e) => setDomain(e.currentTarget.value as DomainCode)}
          >
            {domains.map((d) => (
              <option key={d.code} value={d.code}>
                {d.code} — {d.name}
              </option>
            ))}
          </select>
        </div>
        <label class="check">
          <input
            type="checkbox"
            data-testid="desk-walk-in-anonymous"
            checked={anonymous}
            onChange={(e) => setAnonymous(e.currentTarget.checked)}
          />
          {m.withoutProfile}
        </label>
        {!anonymous && (
          <>
            <TextField
              id="walkin-name"
              label={m.name}
              testId="desk-walk-in-name"
              required
              maxLength={120}
              value={name}
              onValue={setName}
            />
            <TextField
              id="walkin-position"
              label={m.position}
              testId="desk-walk-in-position"
              required
              maxLength={120}
              value={position}
              onValue={setPosition}
            />
            <TextField
              id="walkin-institution"
              label={m.institution}
              testId="desk-walk-in-institution"
              required
              maxLength={200}
              value={institution}
              onValue={setInstitution}
            />
            <div class="field">
              <label for="walkin-region">{m.region}</label>
              <select
                id="walkin-region"
                data-testid="desk-walk-in-region"
                required
                value={regionId}
                onChange={(e) => setRegionId(e.currentTarget.value)}
              >
                <option value="">{m.chooseRegion}</option>
                {provinces.map((g) => (
                  <optgroup key={g.name} label={g.name}>
                    {g.regions.map((r) => (
                      <option key={r.id} value={r.id}>
                        {r.type === "kota" ? "Kota" : "Kab."} {r.name}
                      </option>
                    ))}
                  </optgroup>
                ))}
              </select>
            </div>
            <label class="check">
              <input
                type="checkbox"
                data-testid="desk-walk-in-consent"
                required
                checked={consent}
                onChange={(e) => setConsent(e.currentTarget.checked)}
              />
              {m.consentVerbal}
            </label>
          </>
        )}
        <label class="check">
          <input
            type="checkbox"
            data-testid="desk-walk-in-priority"
            checked={priority}
            onChange={(e) => setPriority(e.currentTarget.checked)}
          />
          {m.priority}
        </label>
        <TextField
          id="walkin-topic"
          label={m.topic}
          testId="desk-walk-in-topic"
          required
          maxLength={120}
          value={topic}
          onValue={setTopic}
        />
        <div class="field">
          <label for="walkin-text">{m.question}</label>
          <textarea
            id="walkin-text"
            data-testid="desk-walk-in-question"
            required
            maxLength={4000}
            value={text}
            onInput={(e) => setText(e.currentTarget.value)}
          />
        </div>
        <button type="submit" data-testid="desk-walk-in-submit">
          {m.createTicket}
        </button>
      </form>
      {message && (
        <p class={message.bad ? "notice bad" : "notice ok"} role="status" data-testid="desk-walk-in-result">
          {message.text}
        </p>
      )}
    </details>
  );
}

function groupRegions(regions: readonly Region[]): { name: string; regions: Region[] }[] {
  const m = new Map<string, Region[]>();
  for (const r of regions) m.set(r.provinceName, [...(m.get(r.provinceName) ?? []), r]);
  return [...m.entries()].map(([name, list]) => ({ name, regions: list }));
}
