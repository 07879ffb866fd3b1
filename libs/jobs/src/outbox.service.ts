import { BeforeApplicationShutdown, Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, AppConfig, OutboxEntry } from '@zq/persistence';
import { DataSource, EntityManager } from 'typeorm';
import type { JobRequest } from './queue.service';
import { QueueService } from './queue.service';
import { CoalescingRun } from './coalescing-run';
import { QUEUE_OF_JOB } from './job-names';

/**
 * The transactional outbox: callers write jobs in their own transaction; the relay hands
 * committed rows to BullMQ (right after commit, and on a sweep for anything a crash left behind).
 */
@Injectable()
export class OutboxService implements BeforeApplicationShutdown {
  private readonly log = new Logger('Outbox');
  private readonly relayRun = new CoalescingRun(() => this.relay(), (err) => this.log.warn({ err: err.message }, 'outbox relay failed; the sweep will retry'));
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
        const rows: { id: string; job_name: string; job_id: string; payload: Record<string, unknown>; available_at: Date }[] =
          await em.query(
            `SELECT id, job_name, job_id, payload, available_at FROM outbox
              WHERE relayed_at IS NULL ORDER BY id LIMIT 2000 FOR UPDATE SKIP LOCKED`,
          );
        if (!rows.length) return 0;
        await this.queues.addBulk(
          rows.map((r) => ({ name: r.job_name as JobRequest['name'], jobId: r.job_id, payload: r.payload, runAt: r.available_at })),
        );
        await em.query(`UPDATE outbox SET relayed_at = now() WHERE id = ANY($1::bigint[])`, [rows.map((r) => r.id)]);
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
