import { BeforeApplicationShutdown, Inject, Injectable, Logger } from '@nestjs/common';
import { Clock } from '@zq/common';
import { JobName, JobRequest, QueueName, QueueService, CoalescingRun } from '@zq/jobs';
import { APP_CONFIG, AppConfig } from '@zq/persistence';
import type { JobState, Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { reminderQueueJobId } from '../schedule/reminder-job-id';

/** A schedule row as the queue needs it (snake_case: straight from SQL). */
export interface ScheduledRow {
  id: string;
  round_id: string;
  unit_id: string;
  slot: string;
  generation: number;
  due_at: Date;
}

export interface SweepReport {
  /** scheduled reminders whose due time has come */
  due: number;
  /** delayed jobs moved forward to run now */
  promoted: number;
  /** jobs that were missing (or finished early) and were added to run now */
  added: number;
}

export interface ReconcileReport {
  /** scheduled reminder rows looked at */
  scheduled: number;
  /** of those, jobs already waiting in the queue */
  present: number;
  /** jobs that were missing and were added again */
  restored: number;
}

/** States in which a job will still run by itself. */
const LIVE_STATES: JobState[] = ['delayed', 'waiting', 'active', 'prioritized', 'waiting-children'];
const BATCH = 5000;
/** per-job Redis round trips (state, promote, remove) run this many at a time */
const PARALLEL = 200;

/** This many reminders due at the same instant are a burst: one batch job fires them (see FireDueRemindersHandler). */
const BURST_MIN = 50;
const burstJobId = (at: number) => `remind-burst.${at}`;

/** Advisory lock key of the scheduler tick: one process at a time hands rows over and sweeps. */
const TICK_LOCK = `hashtextextended('zq.reminders.tick', 0)`;

/**
 * Hands reminder rows to BullMQ as delayed jobs and keeps the two in step. PostgreSQL is the
 * source of truth: jobs carry only the row id, so any of them can be rebuilt from the rows. Only
 * rows due within the horizon (REMINDER_HORIZON_MINUTES) are jobs: a round planned weeks ahead
 * costs Redis nothing until its reminders come near, and the scheduler tick hands them over as they
 * enter the horizon.
 */
@Injectable()
export class ReminderQueue implements BeforeApplicationShutdown {
  private readonly log = new Logger('Reminders');
  private readonly relayRun = new CoalescingRun(() => this.relay(), (err) => this.log.warn({ err: err.message }, 'reminder relay failed; the sweep will retry'));

  constructor(
    private readonly dataSource: DataSource,
    private readonly queues: QueueService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The end of the horizon by the injected clock: rows due up to here are (or are about to be) jobs. */
  horizonEnd(): Date {
    return new Date(this.clock.now().getTime() + this.config.reminderHorizonMinutes * 60_000);
  }

  private get queue(): Queue {
    return this.queues.queue(QueueName.Reminders);
  }

  private request(row: ScheduledRow, runAt?: Date): JobRequest {
    const jobId = reminderQueueJobId(row.id);
    return { name: JobName.FireReminder, jobId, payload: { reminderId: String(row.id) }, runAt };
  }

  /**
   * Adds a delayed job for every committed scheduled row within the horizon not handed over yet;
   * safe to run concurrently. Rows are marked in the same transaction as the hand-over, so a failed
   * addBulk leaves them for the next run (a job added twice is a no-op: same id).
   */
  async relay(): Promise<number> {
    let total = 0;
    for (;;) {
      const horizon = this.horizonEnd();
      const n = await this.dataSource.transaction(async (em) => {
        const [rows]: [ScheduledRow[], number] = await em.query(
          `UPDATE reminder SET enqueued_at = now()
            WHERE id IN (SELECT id FROM reminder WHERE status = 'scheduled' AND due_at <= $1 AND enqueued_at IS NULL
                          ORDER BY due_at LIMIT ${BATCH} FOR UPDATE SKIP LOCKED)
            RETURNING id, round_id, unit_id, slot, generation, due_at`,
          [horizon],
        );
        if (!rows.length) return 0;
        // delays count from the injected clock, so a test's clock decides when reminders are due
        await this.addJobs(this.withBursts(rows));
        return rows.length;
      });
      total += n;
      if (n < BATCH) return total;
    }
  }

  /**
   * The jobs for rows handed over: for each instant at which BURST_MIN or more fall due one batch
   * job (remind-burst.<ms>) at that instant and no job per row (the batch job gives rows it cannot
   * claim their own; the tick's sweep gives any row still scheduled past its grace its own); every
   * other row its own job (remind.<rowId>).
   */
  private withBursts(rows: ScheduledRow[]): JobRequest[] {
    const perInstant = new Map<number, number>();
    for (const r of rows) perInstant.set(r.due_at.getTime(), (perInstant.get(r.due_at.getTime()) ?? 0) + 1);
    const bursts = new Set([...perInstant].filter(([, n]) => n >= BURST_MIN).map(([at]) => at));
    return [
      ...[...bursts].map((at): JobRequest => ({ name: JobName.FireDueReminders, jobId: burstJobId(at), payload: { dueAt: new Date(at).toISOString() }, runAt: new Date(at) })),
      ...rows.filter((r) => !bursts.has(r.due_at.getTime())).map((r) => this.request(r, r.due_at)),
    ];
  }

  /** Gives scheduled rows their own jobs now (rows a burst's batch job could not claim). */
  async handOver(ids: string[]): Promise<void> {
    const [rows]: [ScheduledRow[], number] = await this.dataSource.query(
      `UPDATE reminder SET enqueued_at = coalesce(enqueued_at, now()) WHERE id = ANY($1::bigint[]) AND status = 'scheduled'
        RETURNING id, round_id, unit_id, slot, generation, due_at`,
      [ids],
    );
    if (rows.length) await this.addJobs(rows.map((r) => this.request(r)));
  }

  /** Resolves once every relay run under way has finished (tests, benches, shutdown). */
  async settled(): Promise<void> {
    await this.kick();
  }

  /**
   * The scheduler tick (worker timers): hands over the rows entering the horizon and sweeps the
   * overdue ones, in one process at a time (a session advisory lock; a process that does not get it
   * skips this tick, the holder does the work).
   */
  async tick(opts: { graceMs?: number } = {}): Promise<{ handedOver: number; sweep: SweepReport } | null> {
    const runner = this.dataSource.createQueryRunner();
    try {
      await runner.connect();
      const [{ locked }] = await runner.query(`SELECT pg_try_advisory_lock(${TICK_LOCK}) AS locked`);
      if (!locked) return null;
      try {
        const handedOver = await this.kick();
        return { handedOver, sweep: await this.sweepDue({ graceMs: opts.graceMs }) };
      } finally {
        await runner.query(`SELECT pg_advisory_unlock(${TICK_LOCK})`);
      }
    } finally {
      await runner.release();
    }
  }

  /** Runs the relay soon, coalescing calls; errors are logged and left to the sweep. */
  kick(): Promise<number> {
    return this.relayRun.kick();
  }

  /**
   * Makes every scheduled reminder that is due by the clock run now: its delayed job is promoted,
   * a missing one is added under the same id. BullMQ delays follow the wall clock; this follows
   * the injected Clock (timers call it with a grace period, tests right after moving the clock).
   */
  async sweepDue(opts: { graceMs?: number; roundId?: string } = {}): Promise<SweepReport> {
    const cutoff = new Date(this.clock.now().getTime() - (opts.graceMs ?? 0));
    const report: SweepReport = { due: 0, promoted: 0, added: 0 };
    let afterId = '0';
    for (;;) {
      const rows: ScheduledRow[] = await this.dataSource.query(
        `SELECT id, round_id, unit_id, slot, generation, due_at FROM reminder
          WHERE status = 'scheduled' AND due_at <= $1 AND id > $2 AND ($3::uuid IS NULL OR round_id = $3)
          ORDER BY id LIMIT ${BATCH}`,
        [cutoff, afterId, opts.roundId ?? null],
      );
      if (!rows.length) break;
      afterId = rows[rows.length - 1].id;
      report.due += rows.length;
      const toAdd: ScheduledRow[] = [];
      await inParallel(rows, async (row) => {
        const jobId = this.request(row).jobId;
        const state = await this.queue.getJobState(jobId);
        if (state === 'delayed') {
          const job = await this.queue.getJob(jobId);
          // it may have started meanwhile: then it no longer needs promoting
          if (job && (await job.promote().then(() => true, () => false))) report.promoted++;
        } else if (state === 'unknown') {
          toAdd.push(row);
        } else if (state === 'completed' || state === 'failed') {
          // finished while the row stayed scheduled (e.g. ran before the clock said it was due)
          await this.queue.remove(jobId);
          toAdd.push(row);
        }
      });
      if (toAdd.length) {
        await this.addJobs(toAdd.map((r) => this.request(r)));
        await this.dataSource.query(`UPDATE reminder SET enqueued_at = coalesce(enqueued_at, now()) WHERE id = ANY($1::bigint[])`, [toAdd.map((r) => r.id)]);
        report.added += toAdd.length;
      }
      if (rows.length < BATCH) break;
    }
    return report;
  }

  /**
   * Rebuilds the queue from the schedule: every scheduled reminder within the horizon whose job is
   * not waiting in the queue (after a Redis flush or restore) gets it back under the same id; present
   * jobs are left alone. Rows beyond the horizon are marked not handed over, so the tick hands them
   * over when they come near (a job of theirs that survived is the same id: adding it is a no-op).
   */
  async reconcile(opts: { roundId?: string } = {}): Promise<ReconcileReport> {
    const horizon = this.horizonEnd();
    await this.dataSource.query(
      `UPDATE reminder SET enqueued_at = NULL
        WHERE status = 'scheduled' AND due_at > $1 AND enqueued_at IS NOT NULL AND ($2::uuid IS NULL OR round_id = $2)`,
      [horizon, opts.roundId ?? null],
    );
    const live = new Set(await this.queue.getRanges(LIVE_STATES, 0, -1));
    const finished = new Set(await this.queue.getRanges(['completed', 'failed'], 0, -1));
    const report: ReconcileReport = { scheduled: 0, present: 0, restored: 0 };
    let afterId = '0';
    for (;;) {
      const rows: ScheduledRow[] = await this.dataSource.query(
        `SELECT id, round_id, unit_id, slot, generation, due_at FROM reminder
          WHERE status = 'scheduled' AND due_at <= $3 AND id > $1 AND ($2::uuid IS NULL OR round_id = $2)
          ORDER BY id LIMIT ${BATCH}`,
        [afterId, opts.roundId ?? null, horizon],
      );
      if (!rows.length) break;
      afterId = rows[rows.length - 1].id;
      report.scheduled += rows.length;
      // a row of a burst is present while its instant's batch job is
      const missing = rows.filter((r) => !live.has(this.request(r).jobId) && !live.has(burstJobId(r.due_at.getTime())));
      report.present += rows.length - missing.length;
      const requests = this.withBursts(missing);
      // a finished job keeps its id in Redis and would block re-adding it
      await inParallel(
        requests.filter((r) => finished.has(r.jobId)),
        (r) => this.queue.remove(r.jobId),
      );
      if (missing.length) {
        await this.addJobs(requests);
        await this.dataSource.query(`UPDATE reminder SET enqueued_at = now() WHERE id = ANY($1::bigint[])`, [missing.map((r) => r.id)]);
        report.restored += missing.length;
      }
      if (rows.length < BATCH) break;
    }
    if (report.restored) this.log.warn(report, 'reminder jobs restored from the schedule');
    return report;
  }

  /** Removes the queued jobs of cancelled reminders (best effort: a job left behind is skipped when it fires). */
  async discard(rows: { id: string }[]): Promise<void> {
    await inParallel(rows, (r) => this.queue.remove(reminderQueueJobId(r.id)).catch(() => 0));
  }

  /**
   * Adds reminder jobs with delays counted from the injected clock. A completed reminder job is
   * removed at once: its row is the record, and Redis keeps only what is still to run.
   */
  private async addJobs(requests: JobRequest[]): Promise<void> {
    const now = this.clock.now().getTime();
    for (let i = 0; i < requests.length; i += BATCH) {
      await this.queue.addBulk(
        requests.slice(i, i + BATCH).map((r) => ({
          name: r.name,
          data: r.payload,
          opts: { jobId: r.jobId, delay: r.runAt ? Math.max(0, r.runAt.getTime() - now) : 0, removeOnComplete: true },
        })),
      );
    }
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.relayRun.idle();
  }
}

async function inParallel<T>(items: T[], work: (item: T) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < items.length; i += PARALLEL) await Promise.all(items.slice(i, i + PARALLEL).map(work));
}
