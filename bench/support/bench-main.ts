import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Actor } from '@zq/access';
import { prepareRuntime, Runtime, RuntimeModule } from '@zq/runtime';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createScratchDatabase } from './scratch-database';

/** Runs a bench's main: its result is the exit code, an error is printed and exits 1. */
export function runBench(main: () => Promise<number>): void {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (err) => {
      process.stderr.write(`${err?.stack ?? err}\n`);
      process.exitCode = 1;
    },
  );
}

export interface OfficeBench {
  app: INestApplicationContext;
  runtime: Runtime;
  /** an office admin as the services see one */
  actor: Actor;
  dbUrl: string;
}

/**
 * A bench of services without HTTP: a scratch database (migrated), a data folder, the runtime module
 * with mail to files, and an office actor; all of it dropped after `work` (BENCH_KEEP_DB keeps the database).
 */
export async function withOfficeBench(label: string, adminUrl: string, work: (bench: OfficeBench) => Promise<number>): Promise<number> {
  const db = await createScratchDatabase(`zq_bench_${label}`, adminUrl);
  const dataDir = await mkdtemp(join(tmpdir(), `zq-bench-${label}-`));
  const runtime = await prepareRuntime({
    NODE_ENV: 'production',
    DATABASE_URL: db.url,
    DATA_DIR: dataDir,
    DEMO_MODE: 'false',
    MAIL_TO_FILES: 'true',
    JWT_SECRET: randomBytes(48).toString('base64url'),
    LOG_LEVEL: 'warn',
    QUEUE_PREFIX: `zqbench${Date.now()}`,
    ...(process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL } : {}),
  });
  const app = await NestFactory.createApplicationContext(RuntimeModule.forRoot(runtime, { startup: false }), {
    logger: process.env.BENCH_VERBOSE ? ['error', 'warn'] : ['error'],
  });
  const actor: Actor = { userId: randomUUID(), username: 'bench', displayName: '压力测试', role: 'office_admin', unitId: null, parentUnitId: null };
  try {
    return await work({ app, runtime, actor, dbUrl: db.url });
  } finally {
    await app.close();
    await runtime.stopExternal();
    if (process.env.BENCH_KEEP_DB) process.stdout.write(`kept ${db.url}\n`);
    else await db.drop();
    await rm(dataDir, { recursive: true, force: true });
  }
}
