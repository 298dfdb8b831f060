import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { digitWords, numberWords } from './number-words.js';

/** Settings → Speak, as stored. */
export interface SpeakSettings {
  speak: boolean;
  /** Digit by digit ("four zero three") rather than as a number ("four hundred and three"). */
  speakDigits: boolean;
}

/** What speaks: the Web Speech API's speechSynthesis, or a test's spy. */
export type Synth = Pick<SpeechSynthesis, 'speak' | 'cancel'>;

export interface SpeechOptions {
  /** Defaults to the browser's speechSynthesis; null where there is none. */
  synth?: Synth | null;
  /** Defaults to navigator.vibrate where the phone has it; null where it has not. */
  vibrate?: ((ms: number) => void) | null;
  /** The stored settings, read when the host connects. */
  settings?: () => Promise<SpeakSettings>;
  /** The browser refused to speak (Chromium wants a tap on the page first): tell the user, once. */
  blocked?: () => void;
}

const defaultSynth = (): Synth | null => (typeof speechSynthesis === 'undefined' ? null : speechSynthesis);
const defaultVibrate = (): ((ms: number) => void) | null =>
  typeof navigator.vibrate === 'function' ? (ms) => void navigator.vibrate(ms) : null;

/** How long the phone buzzes when a number becomes steady: felt, not a ring. */
export const VIBRATE_MS = 60;

/**
 * Settings → Speak, for people who cannot read the sign themselves: each new steady reading is
 * spoken once ("four hundred and three", or digit by digit) with a short vibration where the
 * phone has one. Only the steady reading counts, never a tentative one; pointing at one door says
 * its number once, and the next number is said when it holds steady.
 */
export class SpeechController implements ReactiveController {
  on = false;
  digits = false;
  /** The last number said: it is not said again until another one has been. */
  private said = '';
  private blockedTold = false;
  private readonly synth: Synth | null;
  private readonly vibrate: ((ms: number) => void) | null;

  constructor(
    host: ReactiveControllerHost,
    /** The steady reading now ('' when none). */
    private readonly reading: () => string,
    private readonly opts: SpeechOptions = {},
  ) {
    this.synth = opts.synth === undefined ? defaultSynth() : opts.synth;
    this.vibrate = opts.vibrate === undefined ? defaultVibrate() : opts.vibrate;
    host.addController(this);
  }

  /** Whether this browser can speak at all. */
  get available(): boolean {
    return this.synth !== null;
  }

  hostConnected(): void {
    void this.opts
      .settings?.()
      .then((s) => this.configure(s))
      .catch(() => undefined); // no history (private mode): Speak stays off until switched on
  }

  configure(s: SpeakSettings): void {
    if (s.speak && !this.on) this.said = ''; // switched on: the number in view is said at once
    this.on = s.speak;
    this.digits = s.speakDigits;
  }

  /** After each render: a steady reading not said yet is said now. */
  hostUpdated(): void {
    const reading = this.reading();
    if (!this.on || !reading || reading === this.said) return;
    this.said = reading;
    this.vibrate?.(VIBRATE_MS);
    if (!this.synth) return;
    const u = new SpeechSynthesisUtterance(this.digits ? digitWords(reading) : numberWords(reading));
    u.lang = 'en';
    u.onerror = (e) => {
      if (e.error !== 'not-allowed' || this.blockedTold) return;
      this.blockedTold = true;
      this.opts.blocked?.();
    };
    this.synth.cancel(); // a number still queued is out of date
    this.synth.speak(u);
  }
}
