import { API } from "../../core/protocol.ts";
import { WebPushDeleteSchema, type WebPushInfo, WebPushSaveSchema } from "../../core/push.ts";
import { readBody } from "../http/body.ts";
import type { App, Deps } from "../http/context.ts";
import { fail } from "../http/errors.ts";

/** A phone has one subscription per browser; a few cover a participant with a phone and a tablet. */
export const MAX_SUBSCRIPTIONS_PER_PARTICIPANT = 5;

/**
 * Web Push subscriptions (issue 12). Any signed-in device may read the public
 * key; only a participant saves or deletes a subscription, and only its own:
 * the row is keyed by the token's participant id, never by one in the body.
 * The endpoint must be a known push service (sender.ts), since the server
 * will POST to it.
 */
export function webPushRoutes(app: App, deps: Deps): void {
  app.get(API.webPush, (c) => {
    const info: WebPushInfo = deps.webPush?.info() ?? {
      available: false,
      reason: "this server sends no push messages (LOKET_WEB_PUSH=off)",
    };
    return c.json(info);
  });

  app.put(API.webPush, async (c) => {
    const who = c.get("who");
    if (who.role !== "participant" || !who.participantId)
      return fail(c, deps.log, "forbidden", "only a participant's phone subscribes to push messages");
    if (!deps.webPush) return fail(c, deps.log, "notFound", "this server sends no push messages");
    const body = await readBody(c, WebPushSaveSchema);
    if (!body.ok) return fail(c, deps.log, "badRequest", body.message);
    const { subscription, lang } = body.value;
    if (!deps.webPush.allows(subscription.endpoint))
      return fail(c, deps.log, "badRequest", "subscription.endpoint: not the address of a known push service");
    const mine = await deps.store.pushSubscriptionsOf(who.eventId, [who.participantId]);
    if (mine.length >= MAX_SUBSCRIPTIONS_PER_PARTICIPANT && !mine.some((s) => s.endpoint === subscription.endpoint))
      return fail(c, deps.log, "forbidden", `at most ${MAX_SUBSCRIPTIONS_PER_PARTICIPANT} subscriptions per participant`);
    const saved = await deps.store.savePushSubscription({
      eventId: who.eventId,
      participantId: who.participantId,
      endpoint: subscription.endpoint,
      p256dh: subscription.keys.p256dh,
      auth: subscription.keys.auth,
      lang,
      createdAt: deps.now(),
    });
    if (!saved) return fail(c, deps.log, "forbidden", "this subscription belongs to another participant");
    return c.json({ saved: true });
  });

  app.delete(API.webPush, async (c) => {
    const who = c.get("who");
    if (who.role !== "participant" || !who.participantId)
      return fail(c, deps.log, "forbidden", "only a participant's phone has push subscriptions");
    const body = await readBody(c, WebPushDeleteSchema);
    if (!body.ok) return fail(c, deps.log, "badRequest", body.message);
    const deleted = await deps.store.deletePushSubscription(who.eventId, body.value.endpoint, who.participantId);
    return c.json({ deleted });
  });
}
