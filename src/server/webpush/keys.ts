import { randomBytes } from "node:crypto";
import { readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import * as v from "valibot";
import webpush from "web-push";

/**
 * The server's VAPID key pair (RFC 8292): made at the first start and kept in
 * the data folder beside loket.sqlite (`vapid.json`, readable by this user
 * only), so that phones subscribed yesterday still accept today's messages —
 * a new key would silently orphan every subscription. Several instances on
 * PostgreSQL must share the one file (the same DATA_DIR, or a copy).
 */
export interface VapidKeys {
  /** base64url, the uncompressed P-256 point the phone passes to pushManager.subscribe */
  publicKey: string;
  privateKey: string;
}

const KeysSchema = v.object({
  publicKey: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{87}$/)),
  privateKey: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{43}$/)),
});

export const VAPID_FILE = "vapid.json";

export function loadOrCreateVapidKeys(dataDir: string): VapidKeys {
  const file = join(dataDir, VAPID_FILE);
  let text: string | null = null;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw new Error(`${file} cannot be read: ${(e as Error).message}`);
  }
  if (text !== null) {
    let json: unknown = null;
    try {
      json = JSON.parse(text);
    } catch {
      // reported below
    }
    const parsed = v.safeParse(KeysSchema, json);
    // Never replaced silently: that would cut off every phone subscribed with the old key.
    if (!parsed.success)
      throw new Error(`${file} is not a VAPID key pair: restore it from a backup, or delete it to make a new one`);
    return parsed.output;
  }
  const keys = webpush.generateVAPIDKeys();
  // written whole or not at all: a crash mid-write must not leave half a key
  const tmp = `${file}.${randomBytes(4).toString("hex")}.tmp`;
  writeFileSync(tmp, `${JSON.stringify({ publicKey: keys.publicKey, privateKey: keys.privateKey })}\n`, { mode: 0o600 });
  renameSync(tmp, file);
  return { publicKey: keys.publicKey, privateKey: keys.privateKey };
}
