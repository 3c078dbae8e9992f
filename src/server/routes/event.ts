import { deskDomain } from "../../core/domain.ts";
import { API, BlockRequestSchema, type BlockResponse, type EventResponse, LIMITS } from "../../core/protocol.ts";
import { readBody } from "../http/body.ts";
import type { App, Deps } from "../http/context.ts";
import { fail } from "../http/errors.ts";
import { MAX_DESK_WITH_RANGE, reservedRange } from "../store/numbering.ts";

/** The event record (any signed-in role) and number blocks (desks and organizers). */
export function eventRoutes(app: App, deps: Deps): void {
  app.get(API.event, async (c) => {
    const who = c.get("who");
    const event = await deps.store.getEvent(who.eventId);
    if (!event) return fail(c, deps.log, "notFound", `event "${who.eventId}" no longer exists`);
    const res: EventResponse = { event, serverTime: deps.now() };
    return c.json(res);
  });

  // A block lets a desk (or an organizer's kiosk) hand out real numbers while
  // offline: it comes from the device's own range (store/numbering.ts
  // `reservedRange`), apart from the counter that numbers the phones, so the
  // server confirms every number a device gives from its blocks.
  app.post(API.blocks, async (c) => {
    const who = c.get("who");
    if (who.role === "participant") return fail(c, deps.log, "forbidden", "only desks and organizers reserve numbers");
    const body = await readBody(c, BlockRequestSchema);
    if (!body.ok) return fail(c, deps.log, "badRequest", body.message);
    const { domain } = body.value;
    if (who.role === "desk" && deskDomain(who.deskId ?? "") !== domain) {
      return fail(c, deps.log, "forbidden", `desk ${who.deskId} reserves numbers of its own domain only`);
    }
    const range = reservedRange(who);
    if (!range) {
      return fail(
        c,
        deps.log,
        "forbidden",
        `desk ${who.deskId} has no range of reserved numbers (desks 1 to ${MAX_DESK_WITH_RANGE} have)`,
      );
    }
    const block = await deps.store.reserveBlock(who.eventId, domain, who.deviceId, LIMITS.numberBlockSize, range);
    if (!block) {
      return fail(
        c,
        deps.log,
        "forbidden",
        `all reserved numbers ${domain}-${range.first} to ${domain}-${range.last} of this device's range are taken`,
      );
    }
    const res: BlockResponse = { domain: block.domain, from: block.from, to: block.to };
    return c.json(res);
  });
}
