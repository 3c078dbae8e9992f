import jsQR from "jsqr";

/**
 * Reading QR codes from pixels (camera frames and image files) with jsQR on a
 * canvas: works offline, needs no native BarcodeDetector (missing on Firefox
 * and older Android WebViews).
 */
const MAX_SIDE = 1280;

/**
 * jsQR's finder-pattern search misses some dense codes (a ticket with its
 * profile is QR version 25 or so) at one size and finds them at another: a
 * 1280×720 frame that failed whole was read at 0.9, 0.75 and 0.5 of its size
 * (not at 0.85 or 0.6). So every frame and every file tries them all, until one reads.
 */
export const DECODE_SCALES = [1, 0.9, 0.75, 0.5] as const;

export function decodeFromSource(
  source: CanvasImageSource,
  width: number,
  height: number,
  canvas?: HTMLCanvasElement,
  shrink = 1,
): string | null {
  if (width === 0 || height === 0) return null;
  const scale = Math.min(1, MAX_SIDE / Math.max(width, height)) * shrink;
  const w = Math.round(width * scale);
  const h = Math.round(height * scale);
  const c = canvas ?? document.createElement("canvas");
  c.width = w;
  c.height = h;
  const ctx = c.getContext("2d", { willReadFrequently: true });
  if (!ctx) return null;
  ctx.drawImage(source, 0, 0, w, h);
  const img = ctx.getImageData(0, 0, w, h);
  return jsQR(img.data, w, h, { inversionAttempts: "attemptBoth" })?.data ?? null;
}

export async function decodeFromFile(file: Blob): Promise<string | null> {
  const bitmap = await createImageBitmap(file);
  try {
    for (const shrink of DECODE_SCALES) {
      const text = decodeFromSource(bitmap, bitmap.width, bitmap.height, undefined, shrink);
      if (text !== null) return text;
    }
    return null;
  } finally {
    bitmap.close();
  }
}
