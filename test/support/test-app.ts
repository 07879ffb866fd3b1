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

/**
 * Everything a test file opened and has not closed yet (apps, browsers): test/support/close-leftovers.ts
 * closes them after the file's own afterAll, so a beforeAll that fails half-way cannot keep jest alive.
 */
export const closeOnExit: Set<() => Promise<void>> = ((globalThis as { __zqCloseOnExit?: Set<() => Promise<void>> }).__zqCloseOnExit ??= new Set());

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
export function startTestApp(label: string, opts: { clock?: Clock; env?: Record<string, string>; workers?: boolean } = {}): Promise<TestApp> {
  // registered before it has started: a beforeAll whose other half failed (Promise.all) must not
  // leave this start running past the end of the file
  const started = startApp(label, opts);
  const closeLeftover = async () => {
    closeOnExit.delete(closeLeftover);
    await (await started.catch(() => null))?.close();
  };
  closeOnExit.add(closeLeftover);
  return started.then(
    (t) => {
      const close = t.close;
      t.close = () => {
        closeOnExit.delete(closeLeftover);
        return close();
      };
      return t;
    },
    (e) => {
      closeOnExit.delete(closeLeftover);
      throw e;
    },
  );
}

async function startApp(label: string, opts: { clock?: Clock; env?: Record<string, string>; workers?: boolean }): Promise<TestApp> {
  // whatever is opened is closed again if a later step fails: a failing beforeAll leaves no handle behind
  const undo: (() => Promise<unknown>)[] = [];
  const unwind = async () => {
    for (const step of undo.splice(0).reverse()) await step().catch(() => undefined);
  };
  try {
    const db = await createTestDatabase(label);
    undo.push(() => db.drop());
    const smtp = await new SmtpSink().start();
    undo.push(() => smtp.stop());
    const dataDir = await mkdtemp(join(tmpdir(), 'zq-test-'));
    undo.push(() => rm(dataDir, { recursive: true, force: true }));
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
    undo.push(() => runtime.queueConnection.close());
    const app = await createApiApp(runtime, { clock: opts.clock });
    undo.push(() => app.close());
    await app.init();
    const http = () => request(app.getHttpServer());
    let closing: Promise<void> | undefined;
    const close = () => (closing ??= closeOnce());
    const closeOnce = async () => {
      // leave nothing of this test's queues in the shared Redis
      const queues = app.get(QueueService);
      await Promise.all(Object.values(QueueName).map((q) => queues.queue(q).obliterate({ force: true }).catch(() => undefined)));
      await unwind();
    };
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
      close,
    };
  } catch (e) {
    await unwind();
    throw e;
  }
}
