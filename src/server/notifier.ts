import { EventEmitter } from "node:events";

/**
 * Tells live streams that an event has new operations. In-process now; with
 * several server instances on PostgreSQL (issue 6) the same interface is
 * backed by LISTEN/NOTIFY, so a push through one instance wakes devices
 * connected to any other.
 */
export interface Notifier {
  publish(eventId: string, seq: number): void;
  /** returns the unsubscribe function */
  subscribe(eventId: string, listener: (seq: number) => void): () => void;
  close(): void;
}

export function createLocalNotifier(): Notifier {
  const emitter = new EventEmitter();
  // One listener per connected device: a busy clinic has hundreds.
  emitter.setMaxListeners(0);
  return {
    publish(eventId, seq) {
      emitter.emit(eventId, seq);
    },
    subscribe(eventId, listener) {
      emitter.on(eventId, listener);
      return () => emitter.off(eventId, listener);
    },
    close() {
      emitter.removeAllListeners();
    },
  };
}
