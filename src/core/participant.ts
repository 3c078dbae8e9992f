import * as v from "valibot";

/**
 * The participant's profile: what the clinic needs and no more (UU 27/2022:
 * purpose limitation). The phone is optional. Consent is recorded with the
 * notice's version, its purpose and the instant it was given.
 */
const Text = (max: number) => v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(max));

export const ConsentSchema = v.strictObject({
  given: v.literal(true),
  noticeVersion: v.pipe(v.string(), v.minLength(1), v.maxLength(20)),
  purpose: v.pipe(v.string(), v.minLength(1), v.maxLength(500)),
  /** ISO instant */
  at: v.pipe(v.string(), v.isoTimestamp()),
});
export type Consent = v.InferOutput<typeof ConsentSchema>;

export const ProfileSchema = v.strictObject({
  name: Text(120),
  position: Text(120),
  institution: Text(200),
  regionId: v.pipe(v.string(), v.regex(/^[0-9]{2}-[a-z0-9-]{2,60}$/)),
  phone: v.optional(v.pipe(v.string(), v.regex(/^\+?[0-9 ()-]{6,20}$/))),
  consent: ConsentSchema,
});
export type Profile = v.InferOutput<typeof ProfileSchema>;
