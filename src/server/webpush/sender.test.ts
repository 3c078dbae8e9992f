import { createECDH, randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import webpush from "web-push";
import { createPushSender } from "./sender.ts";

/**
 * The sender's guards, without any push service: which addresses it will
 * POST to at all, and how it stops trying when push services cannot be
 * reached (a venue without internet), so that messages cost nothing there.
 */
const vapid = webpush.generateVAPIDKeys();
const ecdh = createECDH("prime256v1");
ecdh.generateKeys();
const keys = { p256dh: ecdh.getPublicKey().toString("base64url"), auth: randomBytes(16).toString("base64url") };
const payload = {
  kind: "called" as const,
  title: "Giliran Anda: K-001",
  body: "Silakan menuju Meja K1.",
  ticketId: "06H3B3H70540MNE18XBTGEY9AC",
};

describe("push sender", () => {
  it("sends only to the known push services (and origins it is told of)", () => {
    const s = createPushSender({ vapid, subject: "mailto:a@b.c", log: () => {}, extraOrigins: ["http://127.0.0.1:9"] });
    for (const ok of [
      "https://fcm.googleapis.com/fcm/send/dQw4w9WgXcQ:APA91b",
      "https://updates.push.services.mozilla.com/wpush/v2/gAAAA",
      "https://web.push.apple.com/QGx1bS1",
      "https://wns2-par02p.notify.windows.com/w/?token=BQYAAA",
      "http://127.0.0.1:9/ok",
    ])
      expect(s.allows(ok), ok).toBe(true);
    for (const bad of [
      "http://fcm.googleapis.com/fcm/send/x", // not https
      "https://fcm.googleapis.com:8443/fcm/send/x", // another port
      "https://googleapis.com.evil.example/x",
      "https://192.168.1.1/admin",
      "http://localhost:8080/api/admin/purge",
      "not a url",
    ])
      expect(s.allows(bad), bad).toBe(false);
  });

  it("rests after failures in a row to reach a push service, and drops what comes meanwhile without trying", async () => {
    let now = 1_000_000;
    const lines: string[] = [];
    // port 9 (discard) on loopback: refused at once, as a dead uplink refuses
    const s = createPushSender({
      vapid,
      subject: "mailto:a@b.c",
      log: (l) => lines.push(String((l as { message: string }).message)),
      extraOrigins: ["http://127.0.0.1:9"],
      breakAfter: 3,
      restMs: 30_000,
      now: () => now,
    });
    const target = { endpoint: "http://127.0.0.1:9/x", keys };
    expect(await s.send(target, payload, 60)).toBe("failed");
    expect(await s.send(target, payload, 60)).toBe("failed");
    expect(await s.send(target, payload, 60)).toBe("failed");
    const tried = lines.filter((l) => l.endsWith("127.0.0.1:9 unreachable")).length;
    expect(await s.send(target, payload, 60)).toBe("dropped");
    expect(lines.filter((l) => l.endsWith("127.0.0.1:9 unreachable")).length).toBe(tried);
    now += 30_001;
    expect(await s.send(target, payload, 60)).toBe("failed"); // tries again after the rest
    // the log never names the endpoint's path (it identifies the phone)
    expect(lines.join("\n")).not.toContain("/x");
  });
});
