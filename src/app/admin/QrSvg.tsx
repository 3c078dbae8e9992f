import { useEffect, useState } from "preact/hooks";

/**
 * A QR code as one SVG path drawn by Preact (no innerHTML), scalable for print.
 * The generator is loaded on first use, so it stays out of other chunks.
 */
export function QrSvg({ text, label }: { text: string; label: string }) {
  const [matrix, setMatrix] = useState<{ size: number; path: string } | null>(null);
  useEffect(() => {
    let live = true;
    void import("qrcode-generator").then(({ default: qrcode }) => {
      const qr = qrcode(0, "M");
      qr.addData(text);
      qr.make();
      const size = qr.getModuleCount();
      let path = "";
      for (let r = 0; r < size; r++) for (let c = 0; c < size; c++) if (qr.isDark(r, c)) path += `M${c} ${r}h1v1h-1z`;
      if (live) setMatrix({ size, path });
    });
    return () => {
      live = false;
    };
  }, [text]);
  if (!matrix) return <p class="muted">…</p>;
  const quiet = 4;
  const box = matrix.size + quiet * 2;
  return (
    <svg
      class="qr"
      viewBox={`${-quiet} ${-quiet} ${box} ${box}`}
      role="img"
      aria-label={label}
      shape-rendering="crispEdges"
      data-qr-text={text}
    >
      <rect x={-quiet} y={-quiet} width={box} height={box} fill="#fff" />
      <path d={matrix.path} fill="#000" />
    </svg>
  );
}
