import { NestFactory } from '@nestjs/core';
import { formatRoundVerification, ReceiptService } from '@zq/feedback';
import { prepareRuntime, RuntimeModule } from '@zq/runtime';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * `npm run cli -- verify-round <roundId> [--json]`: checks every sealed submission of a round (digest,
 * signature, stored rows) and the round's hash chain; exit code 1 when anything fails.
 */
export async function verifyRoundCommand(
  argv: string[],
  io: { env?: NodeJS.ProcessEnv; out?: NodeJS.WritableStream; err?: NodeJS.WritableStream } = {},
): Promise<number> {
  const { env = process.env, out = process.stdout, err = process.stderr } = io;
  // main.ts has parsed and checked the command line; argv is `<roundId> [--json]`
  const json = argv.includes('--json');
  const roundId = argv.find((a) => !a.startsWith('-'));
  if (!roundId || !UUID.test(roundId)) {
    err.write('用法：npm run cli -- verify-round <轮次ID> [--json]\n');
    return 2;
  }
  const runtime = await prepareRuntime({ ...env, LOG_LEVEL: env.LOG_LEVEL ?? 'warn' });
  const app = await NestFactory.createApplicationContext(RuntimeModule.forRoot(runtime, { startup: false }), { logger: ['error'] });
  try {
    const report = await app.get(ReceiptService).verifyRound(roundId);
    out.write(json ? `${JSON.stringify(report, null, 2)}\n` : formatRoundVerification(report));
    return report.ok ? 0 : 1;
  } finally {
    await app.close();
    await runtime.stopExternal();
  }
}
