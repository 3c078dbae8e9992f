import type { LoketEvent } from "../../core/event.ts";
import { roundRange } from "../format.ts";
import { useLang, useMessages } from "../i18n/define.ts";
import { board } from "./messages.ts";
import type { BoardModel } from "./view.ts";

type DomainConfig = Pick<LoketEvent["domains"][number], "code" | "name">;

/** The board's picture: props in, markup out. */
export function BoardView({ model, domains }: { model: BoardModel; domains: readonly DomainConfig[] }) {
  const m = useMessages(board);
  const lang = useLang();
  const name = (code: string) => domains.find((d) => d.code === code)?.name[lang] ?? code;
  return (
    <div class="board-grid">
      <section class="board-hero" aria-labelledby="b-calling" data-testid="board-current">
        <h2 id="b-calling">{m.nowCalling}</h2>
        {model.currentCalls.length === 0 ? (
          <p class="hero-none">{m.noCalls}</p>
        ) : (
          <ul class={`hero-calls n${model.currentCalls.length}`}>
            {model.currentCalls.map((c) => (
              <li key={`${c.ticketId}-${c.at}`} data-testid="board-current-call" data-desk={c.deskId}>
                <span class="hero-number" data-testid="board-current-number">
                  {c.number}
                </span>{" "}
                <span class="hero-desk">{m.goTo(c.deskId)}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section class="board-calls" aria-labelledby="b-calls">
        <h2 id="b-calls">{m.lastCalls}</h2>
        {model.lastCalls.length === 0 ? (
          <p>{m.noCalls}</p>
        ) : (
          <ol class="call-list" data-testid="board-last-calls">
            {model.lastCalls.map((c, i) => (
              <li key={`${c.ticketId}-${c.at}`} class={i === 0 ? "latest" : ""} data-testid="board-call">
                {m.callLine(c.number, c.deskId)}
              </li>
            ))}
          </ol>
        )}
      </section>
      <section class="board-desks" aria-labelledby="b-now">
        <h2 id="b-now">{m.nowServing}</h2>
        <ul class="desk-tiles" data-testid="board-desks">
          {model.desks.map((d) => (
            <li
              key={d.deskId}
              class={`desk-tile ${d.status ?? "free"}`}
              data-testid={`board-desk-${d.deskId}`}
              data-status={d.status ?? "free"}
            >
              <span class="desk-tile-name">{m.deskOf(d.deskId)}</span>
              <span class="desk-tile-number" data-testid="board-desk-number">
                {d.number ?? m.free}
              </span>
              {d.status && <span class="desk-tile-tag">{d.status === "called" ? m.calledTag : m.servingTag}</span>}
            </li>
          ))}
        </ul>
      </section>
      <section class="board-lines" aria-labelledby="b-lines">
        <h2 id="b-lines">{m.lines}</h2>
        <table class="line-table" data-testid="board-lines">
          <tbody>
            {model.lines.map((l) => {
              const [lo, hi] = roundRange(l.wait.low, l.wait.high);
              return (
                <tr key={l.code} data-testid={`board-line-${l.code}`}>
                  <th scope="row">
                    <span class="line-code">{l.code}</span> {name(l.code)}
                  </th>
                  <td data-testid="board-line-waiting">{m.waiting(l.waiting)}</td>
                  <td>{l.waiting === 0 ? m.waitNone : m.waitRange(lo, hi)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>
    </div>
  );
}
