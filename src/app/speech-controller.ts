import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { NoticeController } from './notice-controller.js';
import { digitWords, numberWords } from './number-words.js';
import { utter, type Synth } from './utterance.js';

export type { Synth } from './utterance.js';

/** Settings → Speak, as stored. */
export interface SpeakSettings {
  speak: boolean;
  /** Digit by digit ("four zero three") rather than as a number ("four hundred and three"). */
  speakDigits: boolean;
}

/** Chromium speaks only after the page has been tapped: asked for once, taken away by the tap. */
export const TAP_TO_SPEAK = 'Tap the screen once so that Digit Lens can speak the numbers.';
/** An utterance failed (no voice installed, the synthesiser broken): said once, and in Settings. */
export const SPEECH_UNAVAILABLE = 'Speech is not available on this device';

export interface SpeechOptions {
  /** Defaults to the browser's speechSynthesis; null where there is none. */
  synth?: Synth | null;
  /** Defaults to navigator.vibrate where the phone has it; null where it has not. */
  vibrate?: ((ms: number) => void) | null;
  /** The stored settings, read when the host connects. */
  settings?: () => Promise<SpeakSettings>;
  /** The app's notice line: the tap prompt and "not available" go there. */
  notices?: Pick<NoticeController, 'show' | 'clear' | 'message'>;
  /** While true (Find is on), readings are not said: only what Find announces is. */
  quiet?: () => boolean;
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
 * its number once, and the next number is said when it holds steady. The vibration comes with the
 * speech (its start event), so a reading the browser refused to say does not buzz.
 */
export class SpeechController implements ReactiveController {
  on = false;
  digits = false;
  /** The last number said: it is not said again until another one has been. */
  private said = '';
  /** The browser refused to speak before a tap: nothing more is tried until the tap. */
  private waitingForTap = false;
  /** An utterance failed for want of a voice or a working synthesiser: Speak says nothing more. */
  private failed = false;
  private readonly synth: Synth | null;
  private readonly vibrate: ((ms: number) => void) | null;

  constructor(
    private readonly host: ReactiveControllerHost,
    /** The steady reading now ('' when none). */
    private readonly reading: () => string,
    private readonly opts: SpeechOptions = {},
  ) {
    this.synth = opts.synth === undefined ? defaultSynth() : opts.synth;
    this.vibrate = opts.vibrate === undefined ? defaultVibrate() : opts.vibrate;
    host.addController(this);
  }

  /** Whether this device can speak: it has speech synthesis and no utterance has failed. */
  get available(): boolean {
    return this.synth !== null && !this.failed;
  }

  hostConnected(): void {
    void this.opts
      .settings?.()
      .then((s) => this.configure(s))
      .catch(() => undefined); // no history (private mode): Speak stays off until switched on
  }

  hostDisconnected(): void {
    this.stopWaiting();
  }

  configure(s: SpeakSettings): void {
    if (s.speak && !this.on) this.said = ''; // switched on: the number in view is said at once
    this.on = s.speak;
    this.digits = s.speakDigits;
  }

  /** A number as Speak says it: as a number, or digit by digit. */
  words(text: string): string {
    return this.digits ? digitWords(text) : numberWords(text);
  }

  /** After each render: a steady reading not said yet is said now. */
  hostUpdated(): void {
    const reading = this.reading();
    if (this.opts.quiet?.()) this.said = reading; // Find is on: only its own news is said
    if (!this.on || !reading || reading === this.said || this.waitingForTap) return;
    this.said = reading;
    this.say(this.words(reading));
  }

  /** Says `text` (with Speak on), with a short vibration as it starts unless `buzz` is false. */
  say(text: string, buzz = true): void {
    if (!this.on || !this.synth || this.failed) return;
    utter(this.synth, text, {
      started: () => buzz && this.vibrate?.(VIBRATE_MS),
      refused: () => this.refused(),
      failed: () => this.fail(),
    });
  }

  /** Refused until the page is tapped: ask once, and say the reading in view on the tap. */
  private refused(): void {
    this.said = '';
    if (this.waitingForTap) return;
    this.waitingForTap = true;
    this.opts.notices?.show(TAP_TO_SPEAK, 'problem');
    // A click (or key) is what gives the page user activation; its handler may speak at once.
    addEventListener('click', this.onTap, true);
    addEventListener('keydown', this.onTap, true);
  }

  private readonly onTap = (): void => {
    this.stopWaiting();
    if (this.opts.notices?.message === TAP_TO_SPEAK) this.opts.notices.clear();
    const reading = this.reading();
    if (!this.on || !reading || this.opts.quiet?.()) return;
    this.said = reading;
    this.say(this.words(reading));
  };

  private stopWaiting(): void {
    this.waitingForTap = false;
    removeEventListener('click', this.onTap, true);
    removeEventListener('keydown', this.onTap, true);
  }

  private fail(): void {
    if (this.failed) return;
    this.failed = true;
    this.opts.notices?.show(SPEECH_UNAVAILABLE, 'problem');
    this.host.requestUpdate(); // Settings shows it too
  }
}
