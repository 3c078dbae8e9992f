import type { Page } from "playwright-core";

/**
 * A camera's view of a picture, for Chromium's fake camera
 * (`--use-file-for-fake-video-capture`): one 640×480 frame in YUV4MPEG2, the
 * picture centred on white as a desk would hold a phone up to its webcam.
 * The PNG is decoded and drawn by a browser page (no image library needed);
 * only the brightness is kept, which is all a QR scanner reads.
 */
export async function cameraViewOf(page: Page, png: Buffer, width = 640, height = 480): Promise<Buffer> {
  const luma = await page.evaluate(
    async ({ b64, w, h }) => {
      const img = new Image();
      img.src = `data:image/png;base64,${b64}`;
      await img.decode();
      const canvas = document.createElement("canvas");
      canvas.width = w;
      canvas.height = h;
      const g = canvas.getContext("2d");
      if (!g) throw new Error("no 2D canvas");
      g.fillStyle = "#fff";
      g.fillRect(0, 0, w, h);
      const scale = Math.min((w - 80) / img.width, (h - 80) / img.height, 1);
      const dw = Math.round(img.width * scale);
      const dh = Math.round(img.height * scale);
      g.drawImage(img, Math.round((w - dw) / 2), Math.round((h - dh) / 2), dw, dh);
      const rgba = g.getImageData(0, 0, w, h).data;
      let bin = "";
      for (let i = 0; i < w * h; i++) {
        const y = 0.299 * (rgba[i * 4] ?? 255) + 0.587 * (rgba[i * 4 + 1] ?? 255) + 0.114 * (rgba[i * 4 + 2] ?? 255);
        bin += String.fromCharCode(Math.round(y));
      }
      return btoa(bin);
    },
    { b64: png.toString("base64"), w: width, h: height },
  );
  const y = Buffer.from(luma, "base64");
  // 4:2:0: one neutral chroma sample per 2×2 pixels, twice (U and V)
  const chroma = Buffer.alloc((width / 2) * (height / 2), 128);
  const header = Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\nFRAME\n`, "ascii");
  return Buffer.concat([header, y, chroma, chroma]);
}
