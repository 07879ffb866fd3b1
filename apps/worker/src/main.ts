import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { ConfigError } from '@zq/persistence';
import { installShutdown, prepareRuntime } from '@zq/runtime';
import { Logger } from 'nestjs-pino';
import { WorkerModule } from './worker.module';

/** `npm run start:worker`: BullMQ processors only (needs DATABASE_URL; REDIS_URL at scale). */
async function main(): Promise<void> {
  const runtime = await prepareRuntime({ ...process.env, APP_ROLE: 'worker' });
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(runtime), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  await app.init();
  // closing the workers lets running jobs finish; a job cut off is retried from PostgreSQL's state
  installShutdown(() => app.close(), runtime);
}

main().catch((err) => {
  process.stderr.write(err instanceof ConfigError ? `${err.message}\n` : `启动失败：${err?.stack ?? err}\n`);
  process.exit(err instanceof ConfigError ? 78 : 1);
});
