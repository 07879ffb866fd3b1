import 'reflect-metadata';
import { ConfigError } from '@zq/persistence';
import { installShutdown, prepareRuntime } from '@zq/runtime';
import { createApiApp } from './app';

/** `npm start`: API and worker in one process (APP_ROLE=all) or the API alone (APP_ROLE=api). */
async function main(): Promise<void> {
  const runtime = await prepareRuntime(process.env);
  const app = await createApiApp(runtime);
  installShutdown(() => app.close(), runtime);
  await app.listen(runtime.config.port, '0.0.0.0');
  process.stdout.write(
    `征求意见系统已启动：${runtime.config.publicUrl}（API 文档 ${runtime.config.publicUrl}/api/docs）` +
      (runtime.config.demoMode ? '；演示模式，演示账号密码 demo1234' : '') +
      '\n',
  );
}

main().catch((err) => {
  if (err instanceof ConfigError) {
    process.stderr.write(`${err.message}\n`);
    process.exit(78); // EX_CONFIG
  }
  process.stderr.write(`启动失败：${err?.stack ?? err}\n`);
  process.exit(1);
});
