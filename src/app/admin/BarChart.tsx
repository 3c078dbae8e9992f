import type { Bin } from "../../core/stats.ts";
import { useMessages } from "../i18n/define.ts";
import { adminMessages } from "./messages.ts";

/** A plain SVG bar chart of minute bins, with a text equivalent for screen readers and print. */
export function BarChart({ bins, title, testId }: { bins: readonly Bin[]; title: string; testId: string }) {
  const m = useMessages(adminMessages);
  const max = Math.max(1, ...bins.map((b) => b.count));
  const barW = 40;
  const gap = 8;
  const h = 120;
  const width = bins.length * (barW + gap);
  const range = (b: Bin) => (b.to === null ? `≥${b.from}` : `${b.from}–${b.to}`);
  return (
    <figure class="chart" data-testid={testId}>
      <figcaption>{title}</figcaption>
      <svg viewBox={`0 0 ${width} ${h + 36}`} role="img" aria-label={title} class="chart-svg">
        {bins.map((b, i) => {
          const bh = Math.round((b.count / max) * h);
          const x = i * (barW + gap);
          return (
            <g key={b.from}>
              <rect x={x} y={h - bh} width={barW} height={bh} class="chart-bar">
                <title>{m.chartBar(range(b), b.count)}</title>
              </rect>
              <text x={x + barW / 2} y={h - bh - 3} class="chart-count" text-anchor="middle">
                {b.count}
              </text>
              <text x={x + barW / 2} y={h + 16} class="chart-label" text-anchor="middle">
                {range(b)}
              </text>
            </g>
          );
        })}
      </svg>
      <ul class="visually-hidden">
        {bins.map((b) => (
          <li key={b.from}>{m.chartBar(range(b), b.count)}</li>
        ))}
      </ul>
    </figure>
  );
}
