import { chime } from "../sound.ts";
import { callSentence } from "./spoken.ts";
import type { Call } from "./view.ts";

/**
 * Reads calls out one after another: a chime, then the sentence in Bahasa
 * Indonesia through speechSynthesis when the browser has an Indonesian voice
 * (chime only otherwise). Calls arriving meanwhile wait their turn.
 */
export interface Announcer {
  announce(calls: readonly Call[]): void;
  hasVoice(): boolean;
  dispose(): void;
}

function indonesianVoice(): SpeechSynthesisVoice | null {
  const synth = globalThis.speechSynthesis;
  if (!synth) return null;
  const voices = synth.getVoices();
  return (
    voices.find((v) => v.lang.toLowerCase().replace("_", "-") === "id-id") ??
    voices.find((v) => v.lang.toLowerCase().startsWith("id")) ??
    null
  );
}

export function createAnnouncer(onSpeak?: (call: Call) => void): Announcer {
  const queue: Call[] = [];
  let busy = false;
  let disposed = false;
  let voice = indonesianVoice();
  const synth = globalThis.speechSynthesis;
  const onVoices = () => {
    voice = indonesianVoice();
  };
  synth?.addEventListener?.("voiceschanged", onVoices);

  const wait = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

  function speak(text: string): Promise<void> {
    return new Promise((resolve) => {
      if (!synth || !voice) return resolve();
      const u = new SpeechSynthesisUtterance(text);
      u.voice = voice;
      u.lang = voice.lang;
      u.rate = 0.9;
      u.onend = () => resolve();
      u.onerror = () => resolve();
      synth.speak(u);
      // never stall the queue on a voice that does not answer
      setTimeout(resolve, 12_000);
    });
  }

  async function run(): Promise<void> {
    if (busy) return;
    busy = true;
    while (queue.length > 0 && !disposed) {
      const call = queue.shift() as Call;
      onSpeak?.(call);
      const len = chime();
      await wait(len + 200);
      await speak(callSentence(call.number, call.deskId));
      await wait(600);
    }
    busy = false;
  }

  return {
    announce(calls) {
      queue.push(...calls);
      void run();
    },
    hasVoice: () => voice !== null,
    dispose() {
      disposed = true;
      synth?.removeEventListener?.("voiceschanged", onVoices);
    },
  };
}
