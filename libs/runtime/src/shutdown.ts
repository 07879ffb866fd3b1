import type { Runtime } from './boot';

/**
 * Ctrl-C / SIGTERM: close the app (HTTP, workers finish their jobs, pools), then the embedded
 * database. A terminal's Ctrl-C also reaches the embedded postmaster (same process group), so
 * connections it terminates while we stop (57P01) are expected, not crashes.
 */
export function installShutdown(close: () => Promise<void>, runtime: Runtime): void {
  let stopping = 0;
  const stop = async (signal: string) => {
    if (stopping) {
      // npm forwards the terminal's Ctrl-C that node itself received too: a repeat within a second is
      // that echo; a later one is someone who wants out now (the exit hook still stops PostgreSQL)
      if (Date.now() - stopping > 1000) {
        process.stdout.write(`再次收到 ${signal}，立即退出。\n`);
        process.exit(130);
      }
      return;
    }
    stopping = Date.now();
    const consoleError = console.error;
    // drivers print the terminated connections of the stopping cluster; they are not errors here
    console.error = (...args: unknown[]) => {
      if (!args.some((a) => /terminating connection due to administrator command|Connection terminated/.test(String((a as Error)?.message ?? a)))) consoleError(...args);
    };
    process.stdout.write(`\n收到 ${signal}，正在停止…\n`);
    const timer = setTimeout(() => process.exit(1), 20_000).unref();
    try {
      await close();
      await runtime.stopExternal();
    } finally {
      clearTimeout(timer);
    }
    process.stdout.write('已停止。\n');
    process.exit(0);
  };
  process.on('uncaughtException', (err: Error & { code?: string }) => {
    if (stopping && (err.code === '57P01' || /Connection terminated/.test(err.message))) return;
    process.stderr.write(`未处理的异常：${err.stack ?? err}\n`);
    process.exit(1);
  });
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}
