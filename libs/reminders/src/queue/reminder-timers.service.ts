import { BeforeApplicationShutdown, Inject, Injectable, Logger } from '@nestjs/common';
import { JobName, QueueService } from '@zq/jobs';
import { APP_CONFIG, AppConfig } from '@zq/persistence';
import { ReminderQueue } from './reminder-queue.service';

/** Normal firing is BullMQ's delay; the sweep only catches what it missed, so it waits this long first. */
const SWEEP_GRACE_MS = 30_000;

/**
 * Started by the runtime's StartupService in worker processes (never in the CLI): a reconcile job at start (Redis may have been flushed while we were down)
 * and a timer (the scheduler tick, one process at a time) that hands over the rows entering the
 * reminder horizon and sweeps overdue ones. Timers only enqueue.
 */
@Injectable()
export class ReminderTimers implements BeforeApplicationShutdown {
  private readonly log = new Logger('Reminders');
  private timer: NodeJS.Timeout | null = null;
  private sweeping: Promise<unknown> | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly queues: QueueService,
    private readonly reminders: ReminderQueue,
  ) {}

  start(): void {
    if (this.config.role === 'api' || this.timer) return;
    // one reconcile per process start (wall time names the start, not business time); not awaited,
    // so an unreachable queue backend delays reminders, not the boot
    this.queues
      .addBulk([{ name: JobName.ReconcileReminders, jobId: `reconcile-reminders.boot.${process.pid}.${Date.now()}`, payload: {} }])
      .catch((err) => this.log.warn({ err: err.message }, 'could not enqueue the start-up reconcile; the sweep still runs'));
    this.timer = setInterval(() => this.tick(), this.config.outboxSweepSeconds * 1000);
    this.timer.unref();
  }

  private tick(): void {
    if (this.sweeping) return;
    this.sweeping = this.reminders
      .tick({ graceMs: SWEEP_GRACE_MS })
      .catch((err) => this.log.warn({ err: err.message }, 'reminder sweep failed; next tick retries'))
      .finally(() => (this.sweeping = null));
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.sweeping;
  }
}
