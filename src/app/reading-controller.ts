import { shownText } from '../detector/whole-frame.js';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { centreX, centreY } from '../detector/box-geometry.js';
import type { FoundNumber, Rect } from '../detector/whole-frame.js';
import type { FrameResult } from '../inference/shared/protocol.js';
import { ReadingSmoother } from './reading-smoother.js';

/** What to tell the user when there is no reading. */
export type Guidance = '' | 'move-closer' | 'aim' | 'none-in-photo';

export const GUIDANCE_TEXT: Record<Exclude<Guidance, ''>, string> = {
  'move-closer': 'Move closer — the number is too small to read',
  aim: 'No number found — aim at the number',
  'none-in-photo': 'No number found in this photo',
};

/** Nothing read for this long in the live view: say so instead of staying silent. */
export const NOTHING_FOUND_MS = 3000;

const centre = (r: Rect): { x: number; y: number } => ({ x: centreX(r), y: centreY(r) });

/**
 * The reading state of the live view (or a chosen photo): every number in view, the one shown
 * (the most prominent, or the one the user tapped and locked onto, followed from frame to frame),
 * whether it has held steady yet, and the guidance to show when nothing is read.
 */
export class ReadingController implements ReactiveController {
  /** The steady reading. */
  reading = '';
  /** The newest reading while it has not held steady yet (shown faded), else ''. */
  tentative = '';
  numbers: FoundNumber[] = [];
  /** The number the reading comes from (outlined as the chosen one), null when none. */
  chosen: FoundNumber | null = null;
  guidance: Guidance = '';
  private lock: { x: number; y: number } | null = null;
  private lastSeen = 0;
  private since = 0;
  private readonly smoother = new ReadingSmoother();

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly now: () => number = () => performance.now(),
  ) {
    host.addController(this);
  }

  hostConnected(): void {}

  get locked(): boolean {
    return this.lock !== null;
  }

  /** A camera frame's result. */
  push(r: FrameResult): void {
    const t = this.now();
    if (!this.since) this.since = t;
    this.numbers = r.numbers;
    const chosen = this.pick(r.numbers);
    this.chosen = chosen;
    if (chosen) {
      this.lastSeen = t;
      if (this.lock) this.lock = centre(chosen.box); // follow the sign as the phone moves
    }
    this.reading = this.smoother.push(chosen ? shownText(chosen) : '');
    this.tentative = chosen && shownText(chosen) !== this.reading ? shownText(chosen) : '';
    if (chosen || this.reading) this.guidance = '';
    else if (r.tooSmall) this.guidance = 'move-closer';
    else this.guidance = t - Math.max(this.lastSeen, this.since) >= NOTHING_FOUND_MS ? 'aim' : '';
    this.host.requestUpdate();
  }

  /** A still photo's result: no history to wait for. */
  still(r: FrameResult): void {
    this.numbers = r.numbers;
    this.lock = null;
    this.chosen = r.numbers[0] ?? null;
    this.reading = this.smoother.set(r.numbers[0] ? shownText(r.numbers[0]) : '');
    this.tentative = '';
    this.guidance = this.reading ? '' : r.tooSmall ? 'move-closer' : 'none-in-photo';
    this.host.requestUpdate();
  }

  /**
   * A tap at (x, y) in frame pixels: lock onto the number there (its reading shows at once), or
   * unlock when the tap is on no number.
   */
  tapAt(x: number, y: number): void {
    const hit = this.numbers.find((n) => x >= n.box.x && x <= n.box.x + n.box.w && y >= n.box.y && y <= n.box.y + n.box.h);
    this.lock = hit ? centre(hit.box) : null;
    const shown = hit ?? this.numbers[0];
    this.chosen = shown ?? null;
    this.reading = this.smoother.set(shown ? shownText(shown) : '');
    this.tentative = '';
    this.host.requestUpdate();
  }

  reset(): void {
    this.smoother.reset();
    this.numbers = [];
    this.chosen = null;
    this.reading = '';
    this.tentative = '';
    this.guidance = '';
    this.lock = null;
    this.lastSeen = 0;
    this.since = 0;
    this.host.requestUpdate();
  }

  /** The number to show: the locked one (nearest its last place), else the most prominent. */
  private pick(numbers: FoundNumber[]): FoundNumber | null {
    if (!numbers.length) return null;
    const lock = this.lock;
    if (!lock) return numbers[0];
    const dist = (n: FoundNumber): number => Math.hypot(centre(n.box).x - lock.x, centre(n.box).y - lock.y);
    const nearest = numbers.reduce((a, b) => (dist(b) < dist(a) ? b : a));
    // A locked sign that left the view is not replaced by another one.
    return dist(nearest) <= 2 * Math.max(nearest.box.w, nearest.box.h) ? nearest : null;
  }
}
