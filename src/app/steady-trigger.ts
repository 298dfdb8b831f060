/**
 * Decides when auto-capture fires: once the stable reading has held the same number for
 * `holdMs`, and only if that number is not the one captured last (pointing at one door keeps
 * one capture; the next house's number gets its own).
 */
export class SteadyTrigger {
  private current = '';
  private since = 0;
  private last = '';

  constructor(private readonly holdMs = 1500) {}

  /** Feed every stable reading with its time; returns the reading to capture now, or null. */
  push(reading: string, now: number): string | null {
    if (reading !== this.current) {
      this.current = reading;
      this.since = now;
    }
    if (!reading || reading === this.last || now - this.since < this.holdMs) return null;
    this.last = reading;
    return reading;
  }
}
