import { BeforeApplicationShutdown, Inject, Injectable, Logger } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { metrics } from '@zq/common';
import { DelayedError, Job, Queue, Worker } from 'bullmq';
import { JOB_HANDLER, JobHandler } from './job-handler';
import { DEFAULT_JOB_OPTIONS, JobName, QUEUE_OF_JOB, QueueName } from './job-names';
import type { QueueConnection } from './queue-connection';

export const QUEUE_CONNECTION = Symbol('QUEUE_CONNECTION');

export interface JobRequest {
  name: JobName;
  jobId: string;
  payload: Record<string, unknown>;
  /** when it should run; omitted or past = now */
  runAt?: Date;
}

/**
 * Owns the BullMQ queues and, in worker processes, one Worker per queue that dispatches by job
 * name to the single handler registered for it.
 */
@Injectable()
export class QueueService implements BeforeApplicationShutdown {
  private readonly log = new Logger('Jobs');
  private readonly queues = new Map<QueueName, Queue>();
  private readonly workers: Worker[] = [];
  private handlers = new Map<JobName, JobHandler>();

  constructor(
    @Inject(QUEUE_CONNECTION) readonly connection: QueueConnection,
    private readonly discovery: DiscoveryService,
  ) {}

  queue(name: QueueName): Queue {
    let q = this.queues.get(name);
    if (!q) {
      q = new Queue(name, { ...this.connection.options(), defaultJobOptions: DEFAULT_JOB_OPTIONS } as never);
      this.queues.set(name, q);
    }
    return q;
  }

  /** Adds jobs in bulk; a jobId already known to the queue is not added again. */
  async addBulk(requests: JobRequest[], now = Date.now()): Promise<void> {
    const byQueue = new Map<QueueName, JobRequest[]>();
    for (const r of requests) {
      const q = QUEUE_OF_JOB[r.name];
      byQueue.set(q, [...(byQueue.get(q) ?? []), r]);
    }
    for (const [queueName, list] of byQueue) {
      const queue = this.queue(queueName);
      for (let i = 0; i < list.length; i += 5000) {
        await queue.addBulk(
          list.slice(i, i + 5000).map((r) => ({
            name: r.name,
            data: r.payload,
            opts: { jobId: r.jobId, delay: r.runAt ? Math.max(0, r.runAt.getTime() - now) : 0 },
          })),
        );
      }
    }
  }

  /** Finds the handlers and fails if a job name has none or two (immich's JobRepository.setup). */
  discoverHandlers(): Map<JobName, JobHandler> {
    const found = new Map<JobName, JobHandler>();
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as JobHandler | undefined;
      if (!instance || !wrapper.metatype) continue;
      const name = Reflect.getMetadata(JOB_HANDLER, wrapper.metatype) as JobName | undefined;
      if (!name) continue;
      if (found.has(name)) throw new Error(`job ${name} has two handlers`);
      found.set(name, instance);
    }
    const missing = Object.values(JobName).filter((n) => !found.has(n));
    if (missing.length) throw new Error(`jobs without a handler: ${missing.join(', ')}`);
    this.handlers = found;
    return found;
  }

  async startWorkers(opts: { concurrency?: number; lockDuration?: number; stalledInterval?: number } = {}): Promise<void> {
    this.discoverHandlers();
    for (const name of Object.values(QueueName)) {
      const worker = new Worker(name, (job: Job, token?: string) => this.dispatch(job, token), {
        ...this.connection.options(),
        concurrency: opts.concurrency ?? 20,
        lockDuration: opts.lockDuration ?? 30_000,
        stalledInterval: opts.stalledInterval ?? 30_000,
      } as never);
      worker.on('failed', (job, err) => {
        metrics.jobsFailed.inc({ queue: name, job: job?.name ?? '' });
        this.log.warn({ jobId: job?.id, name: job?.name, err: err.message }, 'job failed');
      });
      worker.on('error', (err) => this.log.error({ err: err.message }, 'worker error'));
      this.workers.push(worker);
    }
    await Promise.all(this.workers.map((w) => w.waitUntilReady()));
  }

  private async dispatch(job: Job, token?: string) {
    const handler = this.handlers.get(job.name as JobName);
    if (!handler) throw new Error(`no handler for ${job.name}`);
    const outcome = await handler.handle(job.data, { jobId: String(job.id), attempt: job.attemptsMade + 1 });
    if (outcome.status === 'deferred') {
      // BullMQ's pattern for "later, same job, not a failed attempt"
      await job.moveToDelayed(Math.max(outcome.until, Date.now() + 10), token);
      throw new DelayedError();
    }
    this.log.debug({ jobId: job.id, name: job.name, outcome }, 'job finished');
    return outcome;
  }

  async stopWorkers(): Promise<void> {
    await Promise.all(this.workers.splice(0).map((w) => w.close()));
  }

  /** workers finish their jobs while the database is still open */
  async beforeApplicationShutdown(): Promise<void> {
    await this.stopWorkers();
    await Promise.all([...this.queues.values()].map((q) => q.close()));
    this.queues.clear();
    await this.connection.close();
  }
}
