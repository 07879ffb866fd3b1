import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { installShutdown, prepareRuntime, startupFailure } from '@zq/runtime';
import { Logger } from 'nestjs-pino';
import { startWorkerHealth } from './health-server';
import { WorkerModule } from './worker.module';

/** `npm run start:worker`: BullMQ processors only (needs DATABASE_URL; REDIS_URL at scale). */
async function main(): Promise<void> {
  const runtime = await prepareRuntime({ ...process.env, APP_ROLE: 'worker' });
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(runtime), { bufferLogs: true, abortOnError: false });
  app.useLogger(app.get(Logger));
  await app.init();
  const port = runtime.config.workerHealthPort;
  const health = port ? await startWorkerHealth(app, runtime, port) : undefined;
  // closing the workers lets running jobs finish; a job cut off is retried from PostgreSQL's state
  installShutdown(async () => {
    health?.closeAllConnections();
    await new Promise((resolve) => (health ? health.close(resolve) : resolve(undefined)));
    await app.close();
  }, runtime);
  if (port) app.get(Logger).log(`worker health on :${port} (/health/live, /health/ready, /metrics)`);
}

main().catch((err) => {
  const { text, exitCode } = startupFailure(err, 'WORKER_HEALTH_PORT');
  process.stderr.write(`${text}\n`);
  process.exit(exitCode);
});
