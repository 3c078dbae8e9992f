import { useRef, useState } from "preact/hooks";
import { DEFAULT_DOMAINS, type DomainCode } from "../../core/domain.ts";
import type { LoketEvent, Region } from "../../core/event.ts";
import { newId } from "../../core/ids.ts";
import { formatNumber } from "../../core/protocol.ts";
import { provisionalCode } from "../../core/ticket-fold.ts";
import type { LocalStore } from "../../storage/contract.ts";
import { numbersLeft } from "../../storage/reserved-numbers.ts";
import { useLive } from "../hooks.ts";
import { useLang, useMessages } from "../i18n/define.ts";
import { TextAreaField } from "../ui/TextAreaField.tsx";
import { TextField } from "../ui/TextField.tsx";
import type { DeskSession, OperationDraft } from "./desk-session.ts";
import { walkInDrafts, walkInQuestion } from "./drafts.ts";
import { deskMessages } from "./messages.ts";
import { type SlipTicket, WalkInSlip } from "./WalkInSlip.tsx";

/**
 * A ticket for someone without a phone, in a dialog opened from the top of the
 * desk (the form stays one click away however long the line). The desk records
 * a minimal profile only with the participant's verbal consent, or none at all
 * (then the topic is optional too; the question's text always is). The ticket takes a number from this
 * desk's reserved block when one is left (reserved.ts): the server always
 * confirms it, so it is called out and printed on the slip at once.
 */
export function WalkInForm(p: {
  store: LocalStore;
  session: DeskSession;
  domain: DomainCode;
  event: LoketEvent | null;
  record: (drafts: readonly OperationDraft[]) => Promise<void>;
}) {
  const m = useMessages(deskMessages);
  const lang = useLang();
  const dialog = useRef<HTMLDialogElement>(null);
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
  const [message, setMessage] = useState<{ text: string; bad: boolean } | null>(null);
  const [slip, setSlip] = useState<SlipTicket | null>(null);
  const blocks = useLive(() => p.store.reservedBlocks(), [p.store]);

  const left = numbersLeft(blocks ?? [], domain);
  const domains =
    p.event?.domains.map((d) => ({ code: d.code, name: d.name[lang] })) ??
    DEFAULT_DOMAINS.map((d) => ({ code: d.code, name: d.name[lang] }));
  const provinces = groupRegions(p.event?.regions ?? []);

  const reset = () => {
    setName("");
    setPosition("");
    setInstitution("");
    setRegionId("");
    setConsent(false);
    setTopic("");
    setText("");
    setPriority(false);
    setAnonymous(false);
    setDomain(p.domain);
  };

  const submit = async (e: Event) => {
    e.preventDefault();
    if (!anonymous && !consent) return;
    try {
      const reserved = await p.store.takeReservedNumber(domain);
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
          question: walkInQuestion(topic, text),
          priority,
          reservedNumber,
        }),
      );
      const number = reservedNumber ?? provisionalCode(ticketId, domain);
      setMessage({ text: m.created(number), bad: false });
      setSlip({
        ticketId,
        number,
        provisional: reservedNumber === null,
        domain,
        domainName: domains.find((d) => d.code === domain)?.name ?? domain,
      });
      reset();
    } catch (err) {
      setMessage({ text: m.failed(err instanceof Error ? err.message : String(err)), bad: true });
    }
  };

  return (
    <>
      <button
        type="button"
        class="secondary"
        data-testid="desk-walk-in-open"
        onClick={() => {
          setMessage(null);
          setSlip(null);
          dialog.current?.showModal();
        }}
      >
        {m.walkInOpen}
      </button>
      <dialog ref={dialog} class="walk-in" data-testid="desk-walk-in" aria-labelledby="walk-in-title">
        <div class="walk-in-head">
          <h2 id="walk-in-title">{m.walkInHeading}</h2>
          <button type="button" class="secondary" data-testid="desk-walk-in-close" onClick={() => dialog.current?.close()}>
            {m.walkInClose}
          </button>
        </div>
        <p class="muted" data-testid="desk-reserved-left" data-left={left}>
          {left > 0 ? m.reservedLeft(left) : m.noReserved}
        </p>
        {message && (
          <p class={message.bad ? "notice bad" : "notice ok"} role="status" data-testid="desk-walk-in-result">
            {message.text}
          </p>
        )}
        {slip && <WalkInSlip store={p.store} eventId={p.session.eventId} ticket={slip} />}
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
            required={!anonymous}
            maxLength={120}
            value={topic}
            onValue={setTopic}
          />
          {/* optional, as on the phone: a topic alone is a question (the person asks at the table) */}
          <TextAreaField
            id="walkin-text"
            label={m.questionOptional}
            testId="desk-walk-in-question"
            maxLength={4000}
            value={text}
            onValue={setText}
          />
          <button type="submit" data-testid="desk-walk-in-submit">
            {m.createTicket}
          </button>
        </form>
      </dialog>
    </>
  );
}

function groupRegions(regions: readonly Region[]): { name: string; regions: Region[] }[] {
  const m = new Map<string, Region[]>();
  for (const r of regions) m.set(r.provinceName, [...(m.get(r.provinceName) ?? []), r]);
  return [...m.entries()].map(([name, list]) => ({ name, regions: list }));
}
