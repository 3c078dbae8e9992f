import { deskDomain } from "../../core/domain.ts";
import { API, BlockRequestSchema, type BlockResponse, type EventResponse, LIMITS } from "../../core/protocol.ts";
import { readBody } from "../http/body.ts";
import type { App, Deps } from "../http/context.ts";
import { fail } from "../http/errors.ts";
import { NumbersUsedUpError } from "../store/numbering.ts";

/** The event record (any signed-in role) and number blocks (desks and organizers). */
export function eventRoutes(app: App, deps: Deps): void {
  app.get(API.event, async (c) => {
    const who = c.get("who");
    const event = await deps.store.getEvent(who.eventId);
    if (!event) return fail(c, deps.log, "notFound", `event "${who.eventId}" no longer exists`);
    const res: EventResponse = { event, serverTime: deps.now() };
    return c.json(res);
  });

  // A block lets a desk or kiosk hand out real numbers while offline: it is
  // carved from the same per-(event, domain) counter as the server's own
  // numbers, so the two can never collide.
  app.post(API.blocks, async (c) => {
    const who = c.get("who");
    if (who.role === "participant") return fail(c, deps.log, "forbidden", "only desks and organizers reserve numbers");
    const body = await readBody(c, BlockRequestSchema);
    if (!body.ok) return fail(c, deps.log, "badRequest", body.message);
    const { domain } = body.value;
    if (who.role === "desk" && deskDomain(who.deskId ?? "") !== domain) {
      return fail(c, deps.log, "forbidden", `desk ${who.deskId} reserves numbers of its own domain only`);
    }
    let block: Awaited<ReturnType<typeof deps.store.reserveBlock>>;
    try {
      block = await deps.store.reserveBlock(who.eventId, domain, who.deviceId, LIMITS.numberBlockSize);
    } catch (e) {
      if (e instanceof NumbersUsedUpError) return fail(c, deps.log, "forbidden", e.message);
      throw e;
    }
    const res: BlockResponse = { domain: block.domain, from: block.from, to: block.to };
    return c.json(res);
  });
}
