/** What a batch run says about each of its jobs, in the order they were given. */
export type JobOutcome<R> = { status: 'done'; value: R } | { status: 'failed'; error: unknown } | { status: 'later' };

export interface KeyedBatcherOptions<J, R> {
  /** most jobs handed to one run */
  maxBatch: number;
  /** runs of one key at once (one can prepare while another appends) */
  maxConcurrent: number;
  /** processes jobs of one key together; throwing fails the run, and each job is then retried alone */
  run: (key: string, jobs: J[]) => Promise<JobOutcome<R>[]>;
}

/**
 * Group commit for one key (a round's chain): jobs that arrive while a run is busy are handed to the
 * next run together, so the serialised part (the chain lock, the commit) is paid once per batch and
 * not once per job. At low load every job runs alone, at once.
 */
export class KeyedBatcher<J, R> {
  private readonly lanes = new Map<string, { queue: { job: J; resolve: (r: R) => void; reject: (e: unknown) => void }[]; running: number }>();

  constructor(private readonly opts: KeyedBatcherOptions<J, R>) {}

  submit(key: string, job: J): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      let lane = this.lanes.get(key);
      if (!lane) this.lanes.set(key, (lane = { queue: [], running: 0 }));
      lane.queue.push({ job, resolve, reject });
      this.pump(key);
    });
  }

  private pump(key: string): void {
    const lane = this.lanes.get(key);
    if (!lane) return;
    while (lane.running < this.opts.maxConcurrent && lane.queue.length) {
      const batch = lane.queue.splice(0, this.opts.maxBatch);
      lane.running++;
      void this.runBatch(key, batch).finally(() => {
        lane.running--;
        if (!lane.running && !lane.queue.length) this.lanes.delete(key);
        else this.pump(key);
      });
    }
  }

  private async runBatch(key: string, batch: { job: J; resolve: (r: R) => void; reject: (e: unknown) => void }[]): Promise<void> {
    let outcomes: JobOutcome<R>[];
    try {
      outcomes = await this.opts.run(key, batch.map((b) => b.job));
    } catch (error) {
      if (batch.length === 1) return batch[0].reject(error);
      // one job's unexpected failure must not fail the others: each runs again on its own
      for (const entry of batch) await this.runBatch(key, [entry]);
      return;
    }
    const later: typeof batch = [];
    batch.forEach((entry, i) => {
      const outcome = outcomes[i];
      if (outcome?.status === 'done') entry.resolve(outcome.value);
      else if (outcome?.status === 'failed') entry.reject(outcome.error);
      else later.push(entry);
    });
    if (later.length) this.lanes.get(key)?.queue.unshift(...later);
  }
}
