import { NestFactory } from '@nestjs/core';
import { AuthService } from '@zq/access';
import { prepareRuntime, RuntimeModule } from '@zq/runtime';
import { parseArgs } from './args';

export async function createAdminCommand(argv: string[]): Promise<number> {
  const { flags } = parseArgs(argv);
  const username = typeof flags.username === 'string' ? flags.username : undefined;
  const password = typeof flags.password === 'string' ? flags.password : process.env.ADMIN_PASSWORD;
  if (!username || !password) {
    process.stderr.write('用法：npm run cli -- create-admin --username <用户名> --password <密码> [--name <显示名>]\n（也可用环境变量 ADMIN_PASSWORD 传入密码）\n');
    return 2;
  }
  const runtime = await prepareRuntime({ ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' });
  const app = await NestFactory.createApplicationContext(RuntimeModule.forRoot(runtime, { startup: false }), { logger: ['error'] });
  try {
    const user = await app.get(AuthService).createUser({ username, password, role: 'office_admin', displayName: typeof flags.name === 'string' ? flags.name : username });
    process.stdout.write(`已创建管理员 ${user.username}\n`);
    return 0;
  } finally {
    await app.close();
    await runtime.stopExternal();
  }
}
