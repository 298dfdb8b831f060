import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { FoundNumber, Rect } from '../detector/whole-frame.js';
import { isWanted, sideOf, type Side } from './find-match.js';
import { loadWanted, saveWanted } from './find-store.js';

/** Seen in this many frames in a row before it counts: one misread frame raises no alert. */
export const CONFIRM_FRAMES = 2;
/** Missed in this many frames in a row before it counts as gone: a flicker raises no second alert. */
export const LOST_FRAMES = 8;
/** Find's buzz: longer than Speak's and in two, so it is told apart in a pocket. */
export const FOUND_BUZZ = [120, 80, 120];

export interface FindOptions {
  /** Speak (with Speak on): the phrase, and the number in the words Speak uses. */
  speech?: { say(text: string, buzz?: boolean): void; words(text: string): string };
  /** Defaults to navigator.vibrate where the phone has it. */
  vibrate?: ((pattern: number[]) => void) | null;
  /** Defaults to this device's storage (find-store.ts). */
  load?: () => string;
  save?: (wanted: string) => void;
}

const defaultVibrate = (): ((pattern: number[]) => void) | null =>
  typeof navigator !== 'undefined' && typeof navigator.vibrate === 'function' ? (p) => void navigator.vibrate(p) : null;

/**
 * Find a number: every live frame is searched for the wanted number. When it comes into view it is
 * marked, the phone vibrates and (with Speak on) "402 found, right" is said, once; it stays marked
 * while in view. Until then nothing is said.
 */
export class FindController implements ReactiveController {
  /** The number looked for ('' when Find is off). */
  wanted: string;
  /** Where the wanted number is in the frame while it is in view, else null. */
  box: Rect | null = null;
  /** What the reading's live region says while Find is on: "402 found, right" while in view. */
  announcement = '';
  private seen = 0;
  private missed = 0;
  private readonly vibrate: ((pattern: number[]) => void) | null;
  private readonly save: (wanted: string) => void;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly opts: FindOptions = {},
  ) {
    this.wanted = (opts.load ?? loadWanted)();
    this.save = opts.save ?? saveWanted;
    this.vibrate = opts.vibrate === undefined ? defaultVibrate() : opts.vibrate;
    host.addController(this);
  }

  hostConnected(): void {}

  get active(): boolean {
    return this.wanted !== '';
  }

  /** Looks for `wanted` from now on ('' stops looking), and keeps it across reloads. */
  set(wanted: string): void {
    this.wanted = wanted;
    this.save(wanted);
    this.reset();
  }

  /** The picture changed (another photo, the camera again): what was found is no longer in view. */
  reset(): void {
    this.box = null;
    this.announcement = '';
    this.seen = 0;
    this.missed = 0;
    this.host.requestUpdate();
  }

  /** One live frame's numbers, in a frame `frameWidth` pixels wide. */
  frame(numbers: FoundNumber[], frameWidth: number): void {
    if (!this.active) return;
    const match = numbers.find((n) => isWanted(n, this.wanted));
    if (!match) {
      this.seen = 0;
      if (this.box && ++this.missed >= LOST_FRAMES) this.reset();
      return;
    }
    this.missed = 0;
    if (++this.seen < CONFIRM_FRAMES && !this.box) return;
    const first = !this.box;
    this.box = match.box;
    if (first) this.alert(sideOf(match.box, frameWidth));
    this.host.requestUpdate();
  }

  private alert(side: Side): void {
    this.announcement = `${this.wanted} found, ${side}`;
    this.vibrate?.(FOUND_BUZZ);
    const speech = this.opts.speech;
    speech?.say(`${speech.words(this.wanted)} found, ${side}`, false);
  }
}
