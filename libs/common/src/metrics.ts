import { Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * The process's Prometheus registry and the product's named series. Libraries count with one line,
 * e.g. `metrics.mailsSent.inc({ purpose })`; the API serves the text at /metrics (guarded, see
 * apps/api/src/http/operators.ts). One registry per process: several apps in one process (tests)
 * add up, so tests compare before/after.
 */
class ProductMetrics {
  readonly registry = new Registry();

  readonly httpDuration = new Histogram({
    name: 'zq_http_request_duration_seconds',
    help: 'HTTP request latency by route pattern (unmatched: no API route), method and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  readonly mailsSent = new Counter({ name: 'zq_mails_sent_total', help: 'mails handed to the SMTP server (or written as .eml)', labelNames: ['purpose'] as const, registers: [this.registry] });
  readonly mailsFailed = new Counter({ name: 'zq_mails_failed_total', help: 'mail send attempts that failed (retried by the queue)', labelNames: ['purpose'] as const, registers: [this.registry] });
  readonly reminders = new Counter({
    name: 'zq_reminders_total',
    help: 'reminder jobs by outcome (sent, skipped) and the reason a reminder was skipped',
    labelNames: ['outcome', 'reason'] as const,
    registers: [this.registry],
  });
  readonly jobsFailed = new Counter({ name: 'zq_jobs_failed_total', help: 'job attempts that threw (BullMQ retries them with backoff)', labelNames: ['queue', 'job'] as const, registers: [this.registry] });
  readonly seals = new Counter({ name: 'zq_seals_total', help: 'sealed replies by action: seal (by the unit), record (代为录入 by the office), withdraw', labelNames: ['action'] as const, registers: [this.registry] });

  /** sampled on each scrape from the sources the running app registers (queues, the DB pool) */
  readonly queueJobs = new Gauge({ name: 'zq_queue_jobs', help: 'jobs per queue and state (waiting, delayed, active, failed)', labelNames: ['queue', 'state'] as const, registers: [this.registry] });
  readonly dbPool = new Gauge({ name: 'zq_db_pool_connections', help: 'PostgreSQL pool connections: total, idle, waiting (clients queued for one)', labelNames: ['state'] as const, registers: [this.registry] });

  private readonly samplers = new Set<() => Promise<void>>();

  constructor() {
    this.registry.setDefaultLabels({});
  }

  /** Adds a sampler run before each scrape; returns its removal (call it when the app closes). */
  sampleOnScrape(sampler: () => Promise<void>): () => void {
    this.samplers.add(sampler);
    return () => this.samplers.delete(sampler);
  }

  /** The exposition text; samplers that fail leave their series as they were. */
  async text(): Promise<string> {
    await Promise.all([...this.samplers].map((s) => s().catch(() => undefined)));
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}

export const metrics = new ProductMetrics();
export type Metrics = ProductMetrics;
