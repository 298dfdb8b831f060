/**
 * Temporal vote over the last readings so the shown number does not flicker: a reading becomes
 * stable when it wins a majority of the window, and stays until another one does or the view
 * has shown nothing for a while.
 */
export class ReadingSmoother {
  private history: string[] = [];
  private current = '';

  constructor(
    private readonly window = 5,
    private readonly minVotes = 3,
  ) {}

  push(reading: string): string {
    this.history.push(reading);
    if (this.history.length > this.window) this.history.shift();
    const counts = new Map<string, number>();
    for (const r of this.history) counts.set(r, (counts.get(r) ?? 0) + 1);
    let best = '';
    let votes = 0;
    for (const [r, n] of counts) {
      if (n > votes) {
        best = r;
        votes = n;
      }
    }
    if (votes >= this.minVotes) this.current = best; // '' winning the vote clears the reading
    return this.current;
  }

  /** A still photo has no history: its reading is stable at once. */
  set(reading: string): string {
    this.history = Array<string>(this.window).fill(reading);
    this.current = reading;
    return reading;
  }

  get stable(): string {
    return this.current;
  }

  reset(): void {
    this.history = [];
    this.current = '';
  }
}
