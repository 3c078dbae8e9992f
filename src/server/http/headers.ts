import type { MiddlewareHandler } from "hono";

/**
 * Headers on every response, errors and static files included. The PWA has no
 * inline script (vite emits modules, the service worker is registered from
 * registerSW.js), so the policy needs no 'unsafe-inline' and no hashes.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "media-src 'self' blob: mediastream:",
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

export const securityHeaders: MiddlewareHandler = async (c, next) => {
  await next();
  c.res.headers.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
  c.res.headers.set("X-Content-Type-Options", "nosniff");
  c.res.headers.set("Referrer-Policy", "no-referrer");
  // The API answers for one device at one moment: never cached, by anyone.
  if (c.req.path === "/api" || c.req.path.startsWith("/api/")) c.res.headers.set("Cache-Control", "no-store");
};
