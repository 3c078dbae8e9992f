import jsQR from "jsqr";

/**
 * Reading QR codes from pixels (camera frames and image files) with jsQR on a
 * canvas: works offline, needs no native BarcodeDetector (missing on Firefox
 * and older Android WebViews).
 */
const MAX_SIDE = 1280;

export function decodeFromSource(
  source: CanvasImageSource,
  width: number,
  height: number,
  canvas?: HTMLCanvasElement,
): string | null {
  if (width === 0 || height === 0) return null;
  const scale = Math.min(1, MAX_SIDE / Math.max(width, height));
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
    return decodeFromSource(bitmap, bitmap.width, bitmap.height);
  } finally {
    bitmap.close();
  }
}
