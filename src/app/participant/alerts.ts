/**
 * When to alert the participant: when a ticket is called (again on each
 * recall), and once when it comes within the chosen place in line. Pure; the
 * memory of what was already said is kept on the phone (meta "alerts") so that
 * a reload does not ring again.
 */
export interface AlertInput {
  readonly id: string;
  readonly status: string;
  readonly place: number | null;
  readonly lastCalledAt: string | null;
}

export interface AlertMemory {
  /** ticket id → the call stamp already announced */
  readonly called: Readonly<Record<string, string>>;
  /** tickets already told they are near */
  readonly near: readonly string[];
}

export const EMPTY_MEMORY: AlertMemory = { called: {}, near: [] };

export type Alert = { kind: "called"; ticketId: string } | { kind: "near"; ticketId: string; place: number };

export function dueAlerts(
  tickets: readonly AlertInput[],
  nearAt: number | null,
  memory: AlertMemory,
): { alerts: Alert[]; memory: AlertMemory } {
  const alerts: Alert[] = [];
  const called = { ...memory.called };
  const near = new Set(memory.near);
  for (const t of tickets) {
    if (t.status === "called" && t.lastCalledAt && called[t.id] !== t.lastCalledAt) {
      alerts.push({ kind: "called", ticketId: t.id });
      called[t.id] = t.lastCalledAt;
      near.add(t.id);
    } else if (t.status === "waiting" && nearAt !== null && t.place !== null && t.place <= nearAt && !near.has(t.id)) {
      alerts.push({ kind: "near", ticketId: t.id, place: t.place });
      near.add(t.id);
    }
  }
  const changed = alerts.length > 0;
  return { alerts, memory: changed ? { called, near: [...near] } : memory };
}
