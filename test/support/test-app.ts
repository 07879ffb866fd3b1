import { INestApplication } from '@nestjs/common';
import { Clock } from '@zq/common';
import { QueueName, QueueService } from '@zq/jobs';
import { prepareRuntime, Runtime } from '@zq/runtime';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createApiApp } from '../../apps/api/src/app';
import { createTestDatabase } from './database';
import { SmtpSink } from './smtp-sink';

export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export interface TestApp {
  app: INestApplication;
  runtime: Runtime;
  dataSource: DataSource;
  smtp: SmtpSink;
  http: () => ReturnType<typeof request>;
  /** signs in and returns an Authorization header value */
  login(username: string, password?: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * The whole product on real parts: its own PostgreSQL database (migrated on start), its own
 * BullMQ prefix on the real Redis, and an in-process SMTP server.
 */
export async function startTestApp(label: string, opts: { clock?: Clock; env?: Record<string, string>; workers?: boolean } = {}): Promise<TestApp> {
  const db = await createTestDatabase(label);
  const smtp = await new SmtpSink().start();
  const dataDir = await mkdtemp(join(tmpdir(), 'zq-test-'));
  const runtime = await prepareRuntime({
    NODE_ENV: 'test',
    DATABASE_URL: db.url,
    REDIS_URL,
    SMTP_URL: smtp.url,
    DATA_DIR: dataDir,
    DEMO_MODE: 'true',
    QUEUE_PREFIX: `zqtest-${label}-${process.pid}-${Date.now()}`,
    JWT_SECRET: 'test-secret-test-secret-test-secret-0123456789',
    OUTBOX_SWEEP_SECONDS: '1',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'error',
    APP_ROLE: opts.workers === false ? 'api' : 'all',
    ...opts.env,
  });
  const app = await createApiApp(runtime, { clock: opts.clock });
  await app.init();
  const http = () => request(app.getHttpServer());
  return {
    app,
    runtime,
    dataSource: app.get(DataSource),
    smtp,
    http,
    login: async (username, password = 'demo1234') => {
      const res = await http().post('/api/v1/auth/login').send({ username, password });
      if (res.status !== 200) throw new Error(`login ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
      return `Bearer ${res.body.accessToken}`;
    },
    close: async () => {
      // leave nothing of this test's queues in the shared Redis
      const queues = app.get(QueueService);
      await Promise.all(Object.values(QueueName).map((q) => queues.queue(q).obliterate({ force: true }).catch(() => undefined)));
      await app.close();
      await smtp.stop();
      await db.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
