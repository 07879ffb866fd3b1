import { BeforeApplicationShutdown, Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@zq/persistence';
import { DataSource, EntityManager } from 'typeorm';
import type { JobRequest } from './queue.service';
import { QueueService } from './queue.service';
import { CoalescingRun } from './coalescing-run';
import { JobName, QUEUE_OF_JOB } from './job-names';

/**
 * The outbox rows for jobs made from another statement's rows, as a data-modifying CTE
 * (`name AS (INSERT INTO outbox …)`) for the caller's `WITH`: jobs written in the same statement as
 * what they are about (a mail row and its send job, say) instead of one statement more.
 * `from` is a CTE or table of the caller's statement; `columns` are SQL expressions over its rows.
 */
export function outboxInsertCte(
  name: string,
  job: JobName,
  from: string,
  columns: { jobId: string; payload: string; availableAt: string },
): string {
  const literal = (text: string) => `'${text.replace(/'/g, "''")}'`;
  return `${name} AS (INSERT INTO outbox (queue, job_name, job_id, payload, available_at)
     SELECT ${literal(QUEUE_OF_JOB[job])}, ${literal(job)}, ${columns.jobId}, ${columns.payload}, ${columns.availableAt} FROM ${from}
     ON CONFLICT DO NOTHING)`;
}

/** the least time from the end of one relay pass to the start of the next (a job waits at most this long more) */
const RELAY_SPACING_MS = 50;

/**
 * The transactional outbox: callers write jobs in their own transaction; the relay hands
 * committed rows to BullMQ (right after commit, and on a sweep for anything a crash left behind).
 */
@Injectable()
export class OutboxService implements BeforeApplicationShutdown {
  private readonly log = new Logger('Outbox');
  // Passes are RELAY_SPACING_MS apart: under load one pass relays what several commits wrote.
  private readonly relayRun = new CoalescingRun(
    () => this.relay(),
    (err) => this.log.warn({ err: err.message }, 'outbox relay failed; the sweep will retry'),
    RELAY_SPACING_MS,
  );
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly queues: QueueService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Writes jobs in the caller's transaction; a jobId written before is ignored. */
  async enqueue(em: EntityManager, requests: JobRequest[], now = new Date()): Promise<void> {
    for (let i = 0; i < requests.length; i += 5000) {
      const rows = requests.slice(i, i + 5000).map((r) => ({
        queue: QUEUE_OF_JOB[r.name],
        job_name: r.name,
        job_id: r.jobId,
        payload: r.payload,
        available_at: r.runAt ?? now,
      }));
      // one statement per 5,000 rows, the rows as one JSON parameter (no per-row bind work)
      await em.query(
        `INSERT INTO outbox (queue, job_name, job_id, payload, available_at)
         SELECT t.queue, t.job_name, t.job_id, t.payload, t.available_at
           FROM json_to_recordset($1::json) AS t(queue text, job_name text, job_id text, payload jsonb, available_at timestamptz)
         ON CONFLICT DO NOTHING`,
        [JSON.stringify(rows)],
      );
    }
  }

  /** Relays every committed, unrelayed row; safe to run concurrently and repeatedly. */
  async relay(): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await this.dataSource.transaction(async (em) => {
        // marked relayed and locked in one statement; if the hand-over to BullMQ fails, the rollback unmarks them
        const [rows]: [{ id: string; job_name: string; job_id: string; payload: Record<string, unknown>; available_at: Date }[], number] =
          await em.query(
            `UPDATE outbox o SET relayed_at = now()
               FROM (SELECT id FROM outbox WHERE relayed_at IS NULL ORDER BY id LIMIT 2000 FOR UPDATE SKIP LOCKED) picked
              WHERE o.id = picked.id
              RETURNING o.id, o.job_name, o.job_id, o.payload, o.available_at`,
          );
        if (!rows.length) return 0;
        await this.queues.addBulk(
          rows.map((r) => ({ name: r.job_name as JobRequest['name'], jobId: r.job_id, payload: r.payload, runAt: r.available_at })),
        );
        return rows.length;
      });
      total += n;
      if (n < 2000) return total;
    }
  }

  /** Runs the relay soon, coalescing calls; errors are logged and left to the sweep. */
  kick(): Promise<number> {
    return this.relayRun.kick();
  }

  startSweeping(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.kick(), this.config.outboxSweepSeconds * 1000);
    this.timer.unref();
    void this.kick();
  }

  /** before the data source closes: no relay may start on a closed pool */
  async beforeApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.relayRun.idle();
  }
}
