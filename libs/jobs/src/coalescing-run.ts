/**
 * Runs an idempotent sweep (a relay) on demand, one at a time: a call while it runs returns the
 * running promise and asks for one more pass afterwards, so work committed meanwhile is not missed.
 * Errors are reported and resolve to 0: the next call or the periodic sweep retries.
 *
 * `spacingMs` keeps that long between the end of a pass and the start of the next: under load (a
 * commit every few milliseconds) one pass then takes what several commits wrote, instead of one pass
 * per commit. A call after a quiet spell still starts a pass at once.
 */
export class CoalescingRun {
  private running: Promise<number> | null = null;
  private again = false;
  /** the next pass is waiting out its spacing: what is committed meanwhile is taken by it */
  private waiting = false;
  private lastEndedAt = -Infinity;

  constructor(
    private readonly run: () => Promise<number>,
    private readonly onError: (err: Error) => void,
    private readonly spacingMs = 0,
  ) {}

  kick(): Promise<number> {
    if (this.running) {
      if (!this.waiting) this.again = true;
      return this.running;
    }
    return this.start(this.lastEndedAt + this.spacingMs - performance.now());
  }

  private start(delayMs: number): Promise<number> {
    this.waiting = delayMs > 0;
    const pass = delayMs > 0 ? new Promise<void>((resolve) => setTimeout(resolve, delayMs)).then(() => this.pass()) : this.pass();
    this.running = pass.finally(() => {
      this.running = null;
      this.lastEndedAt = performance.now();
      if (this.again) {
        this.again = false;
        void this.start(this.spacingMs);
      }
    });
    return this.running;
  }

  private pass(): Promise<number> {
    this.waiting = false;
    return this.run().catch((err) => {
      this.onError(err);
      return 0;
    });
  }

  /** Resolves when the pass under way or waiting to start (if any) has finished. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }
}
