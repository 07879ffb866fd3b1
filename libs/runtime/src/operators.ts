import { Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { metrics } from '@zq/common';
import { QueueName, QueueService } from '@zq/jobs';
import type { AppConfig } from '@zq/persistence';
import type { IncomingMessage } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import { DataSource } from 'typeorm';

/**
 * Samples what /metrics reports as gauges (queue depths, DB pool use) on each scrape, in every
 * role (the API serves /metrics on its port, the worker on WORKER_HEALTH_PORT).
 */
@Injectable()
export class OperatorMetrics implements OnApplicationBootstrap, OnModuleDestroy {
  private remove?: () => void;

  constructor(
    private readonly queues: QueueService,
    private readonly dataSource: DataSource,
  ) {}

  onApplicationBootstrap(): void {
    this.remove = metrics.sampleOnScrape(async () => {
      for (const name of Object.values(QueueName)) {
        const counts = await this.queues.queue(name).getJobCounts('waiting', 'delayed', 'active', 'failed');
        for (const [state, n] of Object.entries(counts)) metrics.queueJobs.set({ queue: name, state }, n);
      }
      const pool = (this.dataSource.driver as unknown as { master?: { totalCount: number; idleCount: number; waitingCount: number } }).master;
      if (pool) {
        metrics.dbPool.set({ state: 'total' }, pool.totalCount);
        metrics.dbPool.set({ state: 'idle' }, pool.idleCount);
        metrics.dbPool.set({ state: 'waiting' }, pool.waitingCount);
      }
    });
  }

  onModuleDestroy(): void {
    this.remove?.();
  }
}

/** Readiness: the database answers and the queue backend answers (what /health/ready reports). */
@Injectable()
export class Readiness {
  constructor(
    private readonly queues: QueueService,
    private readonly dataSource: DataSource,
  ) {}

  async check(): Promise<{ ready: boolean; database: string; queue: string; backend: string }> {
    const timeout = <T>(p: Promise<T>) => Promise.race([p, new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout after 3 s')), 3000).unref())]);
    const [database, queue] = await Promise.all([
      timeout(this.dataSource.query('SELECT 1')).then(() => 'up', (e: Error) => `down: ${e.message}`),
      timeout(this.queues.queue(QueueName.Mail).getJobCounts('waiting')).then(() => 'up', (e: Error) => `down: ${e.message}`),
    ]);
    return { ready: database === 'up' && queue === 'up', database, queue, backend: this.queues.connection.backend };
  }
}

export type MetricsAccess = { ok: true } | { ok: false; status: 401 | 403; code: string; message: string };

/**
 * Who may read /metrics: a client whose address is in METRICS_ALLOW (default loopback), or one
 * sending `Authorization: Bearer <METRICS_TOKEN>`.
 */
export function metricsAccess(config: AppConfig, req: IncomingMessage): MetricsAccess {
  const address = (req.socket.remoteAddress ?? '').replace(/^::ffff:/, '');
  if (config.metricsAllow.includes(address)) return { ok: true };
  const header = req.headers.authorization;
  const token = typeof header === 'string' && header.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
  if (!token) return { ok: false, status: 401, code: 'METRICS_TOKEN_REQUIRED', message: '读取指标需要 Authorization: Bearer <METRICS_TOKEN>' };
  const expected = config.metricsToken;
  const same = !!expected && token.length === expected.length && timingSafeEqual(Buffer.from(token), Buffer.from(expected));
  return same ? { ok: true } : { ok: false, status: 403, code: 'METRICS_TOKEN_INVALID', message: '指标令牌不对' };
}

export const operatorProviders = [OperatorMetrics, Readiness];
