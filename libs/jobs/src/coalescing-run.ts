/**
 * Runs an idempotent sweep (a relay) on demand, one at a time: a call while it runs returns the
 * running promise and asks for one more pass afterwards, so work committed meanwhile is not missed.
 * Errors are reported and resolve to 0: the next call or the periodic sweep retries.
 */
export class CoalescingRun {
  private running: Promise<number> | null = null;
  private again = false;

  constructor(
    private readonly run: () => Promise<number>,
    private readonly onError: (err: Error) => void,
  ) {}

  kick(): Promise<number> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.run()
      .catch((err) => {
        this.onError(err);
        return 0;
      })
      .finally(() => {
        this.running = null;
        if (this.again) {
          this.again = false;
          void this.kick();
        }
      });
    return this.running;
  }

  /** Resolves when the pass under way (if any) has finished. */
  async idle(): Promise<void> {
    await this.running;
  }
}
