/** What speaks: the Web Speech API's speechSynthesis, or a test's spy. */
export type Synth = Pick<SpeechSynthesis, 'speak' | 'cancel'>;

export interface UtteranceEvents {
  /** The browser began to say it. */
  started(): void;
  /** The browser refused for want of a tap on the page ('not-allowed'). */
  refused(): void;
  /** It could not be said at all: no voice, the synthesiser failed. */
  failed(): void;
}

/** Errors that mean "said no more", not "cannot speak": our own cancel of an out-of-date number. */
const STOPPED = new Set<string>(['interrupted', 'canceled']);

/** Says `text` in English, in place of anything still queued (a number queued is out of date). */
export function utter(synth: Synth, text: string, on: UtteranceEvents): void {
  const u = new SpeechSynthesisUtterance(text);
  u.lang = 'en';
  u.addEventListener('start', () => on.started(), { once: true });
  u.addEventListener('error', (e) => {
    if (e.error === 'not-allowed') on.refused();
    else if (!STOPPED.has(e.error)) on.failed();
  });
  synth.cancel();
  synth.speak(u);
}
