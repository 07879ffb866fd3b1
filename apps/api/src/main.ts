import 'reflect-metadata';
import { installShutdown, prepareRuntime, Runtime, startupFailure } from '@zq/runtime';
import { createApiApp } from './app';

let runtime: Runtime | undefined;

/** `npm start`: API and worker in one process (APP_ROLE=all) or the API alone (APP_ROLE=api). */
async function main(): Promise<void> {
  runtime = await prepareRuntime(process.env);
  const app = await createApiApp(runtime);
  installShutdown(() => app.close(), runtime);
  await app.listen(runtime.config.port, '0.0.0.0');
  process.stdout.write(
    `征求意见系统已启动：${runtime.config.publicUrl}（API 文档 ${runtime.config.publicUrl}/api/docs）` +
      (runtime.config.demoMode ? '；演示模式，演示账号密码 demo1234' : '') +
      '\n',
  );
}

main().catch(async (err) => {
  const { text, exitCode } = startupFailure(err);
  process.stderr.write(`${text}\n`);
  // the embedded PostgreSQL this process started goes with it
  await runtime?.stopExternal().catch(() => undefined);
  process.exit(exitCode);
});
