import { BeforeApplicationShutdown, Inject, Injectable, Logger } from '@nestjs/common';
import type IORedis from 'ioredis';
import { randomUUID } from 'node:crypto';
import type { QueueConnection } from './queue-connection';
import { QUEUE_CONNECTION } from './queue.service';

/** How often the marker key is looked at (a single SET NX). */
export const MARKER_CHECK_MS = 2000;

/**
 * Notices a Redis that lost its queues — flushed, or restarted without persistence — by a marker key
 * that only vanishes with them, checked every couple of seconds and on every reconnect; then runs the
 * registered reconcilers (reminder jobs, mail jobs) at once instead of waiting for their sweeps.
 */
@Injectable()
export class QueueLossWatcher implements BeforeApplicationShutdown {
  private readonly log = new Logger('Jobs');
  private readonly reconcilers: { name: string; run: () => Promise<unknown> }[] = [];
  private client: IORedis | null = null;
  private timer: NodeJS.Timeout | null = null;
  private checking: Promise<void> | null = null;
  private reconciling: Promise<void> | null = null;
  private readonly epoch = randomUUID();
  /** how many losses this process has noticed (tests and metrics read it) */
  lossesSeen = 0;

  constructor(@Inject(QUEUE_CONNECTION) private readonly connection: QueueConnection) {}

  get markerKey(): string {
    return `${this.connection.prefix}:zq:queues-alive`;
  }

  /** Registers what to run when the queues are found lost. */
  onQueuesLost(name: string, run: () => Promise<unknown>): void {
    this.reconcilers.push({ name, run });
  }

  /** Worker processes only. The first check sets the marker (a fresh Redis counts as a loss: harmless). */
  start(): void {
    if (this.timer || this.connection.backend !== 'redis') return;
    this.client = this.connection.housekeepingClient();
    this.client?.on('ready', () => void this.check());
    this.timer = setInterval(() => void this.check(), MARKER_CHECK_MS);
    this.timer.unref();
    void this.check();
  }

  /** Looks at the marker now; resolves after any reconcile it started. */
  check(): Promise<void> {
    this.checking ??= this.runCheck().finally(() => (this.checking = null));
    return this.checking;
  }

  private async runCheck(): Promise<void> {
    if (!this.client || this.client.status !== 'ready') return;
    let created: string | null;
    try {
      created = await this.client.set(this.markerKey, this.epoch, 'NX');
    } catch {
      return; // Redis away: the next check (or the reconnect) looks again
    }
    if (created !== 'OK') return;
    this.lossesSeen++;
    this.log.warn({ marker: this.markerKey }, 'queue marker missing (Redis flushed or restarted): reconciling reminders and mail from PostgreSQL');
    await this.reconcile();
  }

  private reconcile(): Promise<void> {
    this.reconciling ??= (async () => {
      for (const r of this.reconcilers) {
        try {
          await r.run();
        } catch (err) {
          this.log.warn({ reconciler: r.name, err: (err as Error).message }, 'reconcile after queue loss failed; its sweep will catch up');
        }
      }
    })().finally(() => (this.reconciling = null));
    return this.reconciling;
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.checking;
    await this.reconciling;
  }
}
