import * as v from "valibot";
import { DESK_PATTERN, DOMAIN_CODES } from "./domain.ts";
import { HLC_PATTERN } from "./hlc.ts";
import { ID_PATTERN } from "./ids.ts";
import { ProfileSchema } from "./participant.ts";

/**
 * Operations: every change anywhere in Loket is one immutable operation.
 *
 * The operation log is the source of truth on every device and on the server;
 * ticket and participant states are folds of it (see ticket-fold.ts). Syncing is
 * a set union of operations keyed by `id`, so an operation is never edited once
 * made: a correction is a new operation.
 *
 * This schema is the single validator of the wire format: the app checks what it
 * pulls with it and the server checks every pushed operation with it.
 */
const Id = v.pipe(v.string(), v.regex(ID_PATTERN, "must be an id (8-32 base32 characters)"));
const Text = (max: number) => v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(max));
const DeskIdSchema = v.pipe(v.string(), v.regex(DESK_PATTERN, "must be a desk id such as K1"));
const DomainSchema = v.picklist(DOMAIN_CODES);

export const ROLES = ["participant", "desk", "organizer", "server"] as const;
export type Role = (typeof ROLES)[number];

export const ActorSchema = v.strictObject({
  deviceId: Id,
  role: v.picklist(ROLES),
  deskId: v.optional(DeskIdSchema),
  participantId: v.optional(Id),
});
export type Actor = v.InferOutput<typeof ActorSchema>;

/**
 * A ticket's question: the topic (a short line or one of the suggested topics)
 * and, optionally, the question written out: many participants prefer to ask at
 * the table (issue 12), and a desk's walk-in may give a topic only. Optional
 * since protocol 2: a protocol-1 app would refuse a question without text.
 */
export const QuestionSchema = v.strictObject({
  topic: Text(120),
  text: v.optional(Text(4000)),
});
export type Question = v.InferOutput<typeof QuestionSchema>;

export const OutcomeSchema = v.variant("kind", [
  v.strictObject({ kind: v.literal("answered"), topic: Text(120), advice: Text(4000) }),
  v.strictObject({
    kind: v.literal("followUp"),
    topic: Text(120),
    advice: Text(4000),
    what: Text(1000),
    who: Text(200),
    /** ISO date */
    due: v.pipe(v.string(), v.isoDate()),
  }),
  v.strictObject({ kind: v.literal("referred"), topic: Text(120), advice: Text(4000), to: Text(200) }),
]);
export type Outcome = v.InferOutput<typeof OutcomeSchema>;

/** SKM answers: element number ("1".."9") to a score 1..4 (Permenpan RB 14/2017). */
export const SkmScoresSchema = v.pipe(
  v.record(
    v.picklist(["1", "2", "3", "4", "5", "6", "7", "8", "9"]),
    v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(4)),
  ),
  v.check((r) => Object.keys(r).length >= 1, "at least one SKM element must be answered"),
);
export type SkmScores = v.InferOutput<typeof SkmScoresSchema>;

const base = {
  id: Id,
  eventId: v.pipe(v.string(), v.regex(/^[a-z0-9-]{3,60}$/)),
  hlc: v.pipe(v.string(), v.regex(HLC_PATTERN, "must be a hybrid-logical-clock stamp")),
  actor: ActorSchema,
};
const ticketBase = { ...base, ticketId: Id };
const participantBase = { ...base, participantId: Id };

export const OperationSchema = v.variant("type", [
  v.strictObject({
    ...ticketBase,
    type: v.literal("ticket.created"),
    domain: DomainSchema,
    /** null only for a walk-in whose profile the desk did not record */
    participantId: v.nullable(Id),
    /** always present when made; absent only in the public view of another participant's ticket */
    question: v.optional(QuestionSchema),
    /** elderly, disabled, pregnant: served first (ordinary practice of Indonesian service counters) */
    priority: v.boolean(),
    /** a number from this device's reserved block, given offline (see docs/ARCHITECTURE.md) */
    reservedNumber: v.optional(v.pipe(v.string(), v.regex(/^[KSAP]-[0-9]{3,4}$/))),
    /**
     * the device had never heard the server's time, so the stamp's wall is its own
     * raw clock: the line takes the server's receipt instead (see "The clock")
     */
    untimed: v.optional(v.literal(true)),
  }),
  v.strictObject({ ...ticketBase, type: v.literal("ticket.questionEdited"), question: QuestionSchema }),
  v.strictObject({
    ...ticketBase,
    type: v.literal("ticket.numberAssigned"),
    domain: DomainSchema,
    number: v.pipe(v.string(), v.regex(/^[KSAP]-[0-9]{3,4}$/)),
  }),
  v.strictObject({ ...ticketBase, type: v.literal("ticket.called"), deskId: DeskIdSchema }),
  v.strictObject({ ...ticketBase, type: v.literal("ticket.recalled"), deskId: DeskIdSchema }),
  v.strictObject({ ...ticketBase, type: v.literal("ticket.started"), deskId: DeskIdSchema }),
  v.strictObject({ ...ticketBase, type: v.literal("ticket.noteAdded"), deskId: DeskIdSchema, text: Text(4000) }),
  v.strictObject({ ...ticketBase, type: v.literal("ticket.transferred"), deskId: DeskIdSchema, toDomain: DomainSchema }),
  v.strictObject({ ...ticketBase, type: v.literal("ticket.skipped"), deskId: DeskIdSchema, requeue: v.boolean() }),
  v.strictObject({
    ...ticketBase,
    type: v.literal("ticket.closed"),
    deskId: DeskIdSchema,
    /** always present when made; absent only in the public view of another participant's ticket */
    outcome: v.optional(OutcomeSchema),
  }),
  v.strictObject({ ...ticketBase, type: v.literal("ticket.cancelled") }),
  v.strictObject({
    ...ticketBase,
    type: v.literal("ticket.rated"),
    scores: SkmScoresSchema,
    comment: v.optional(v.pipe(v.string(), v.maxLength(1000))),
  }),
  v.strictObject({ ...participantBase, type: v.literal("participant.registered"), profile: ProfileSchema }),
  v.strictObject({
    ...participantBase,
    type: v.literal("participant.erased"),
    /**
     * the region of the erased profile, kept so that anonymous per-region counts
     * survive the deletion of the profile (UU 27/2022: no name, only the region)
     */
    regionId: v.optional(v.pipe(v.string(), v.regex(/^[0-9]{2}-[a-z0-9-]{2,60}$/))),
  }),
]);

export type Operation = v.InferOutput<typeof OperationSchema>;
export type OperationType = Operation["type"];
export type TicketOperation = Extract<Operation, { ticketId: string }>;
export type ParticipantOperation = Extract<Operation, { participantId: string; type: `participant.${string}` }>;
export type OpOf<T extends OperationType> = Extract<Operation, { type: T }>;

export function isTicketOp(op: Operation): op is TicketOperation {
  return op.type.startsWith("ticket.");
}

export function isParticipantOp(op: Operation): op is ParticipantOperation {
  return op.type.startsWith("participant.");
}

/** The entity an operation belongs to: the unit of folding. */
export function subjectOf(op: Operation): string {
  return isTicketOp(op) ? op.ticketId : (op as ParticipantOperation).participantId;
}

export type ParseResult = { ok: true; op: Operation } | { ok: false; reason: string };

export function parseOperation(input: unknown): ParseResult {
  const r = v.safeParse(OperationSchema, input);
  if (r.success) return { ok: true, op: r.output };
  return { ok: false, reason: describeIssues(r.issues) };
}

/**
 * One line a person can read: "domain: Invalid type: Expected ... ; hlc: must be ...".
 * It names the field and the rule, never the value: refusal reasons go back to
 * the device and into the server's log, and a rejected profile must not copy a
 * phone number there (UU 27/2022). Paths are cut short too: an unknown key is
 * the sender's text.
 */
export function describeIssues(issues: readonly v.BaseIssue<unknown>[]): string {
  return issues
    .slice(0, 5)
    .map((i) => {
      const path = (v.getDotPath(i) ?? "").slice(0, 80);
      const rule = withoutValue(i.message);
      return path ? `${path}: ${rule}` : rule;
    })
    .join("; ");
}

/** valibot's default messages end with "but received <value>" or ": Received <value>"; the rule comes before */
function withoutValue(message: string): string {
  const at = message.search(/ but received |: Received /);
  return (at < 0 ? message : message.slice(0, at)).slice(0, 200);
}

/** The deterministic total order of operations: clock stamp, then id. */
export function compareOps(a: Operation, b: Operation): number {
  return a.hlc < b.hlc ? -1 : a.hlc > b.hlc ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
