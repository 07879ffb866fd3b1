import { NestFactory } from '@nestjs/core';
import { AuthService } from '@zq/access';
import { prepareRuntime, RuntimeModule } from '@zq/runtime';
import type { CliIo } from '../main';

const USAGE = '用法：npm run cli -- create-admin --username <用户名> [--name <显示名>]（密码从标准输入读取）';

/**
 * `create-admin --username li [--name 李四]`: creates an office admin. The password never goes on
 * the command line (it would show in `ps` and the shell history): in a terminal it is asked twice
 * without echo; otherwise the first line of standard input is the password
 * (`printf '%s\n' "$PW" | npm run cli -- create-admin --username li`).
 */
export async function createAdminCommand(flags: { username?: string; name?: string }, io: CliIo): Promise<number> {
  const username = flags.username?.trim();
  if (!username) {
    io.err.write(`[USAGE] 缺少 --username\n${USAGE}\n`);
    return 2;
  }
  const password = io.stdin.isTTY ? await askTwice(io) : await firstLine(io.stdin);
  if (password === null) {
    io.err.write('[USAGE] 两次输入的密码不一致\n');
    return 2;
  }
  if (!password) {
    io.err.write(`[USAGE] 标准输入中没有密码\n${USAGE}\n`);
    return 2;
  }
  const runtime = await prepareRuntime({ ...io.env, LOG_LEVEL: io.env.LOG_LEVEL ?? 'warn' });
  const app = await NestFactory.createApplicationContext(RuntimeModule.forRoot(runtime, { startup: false }), { logger: ['error'] });
  try {
    const user = await app.get(AuthService).createUser({ username, password, role: 'office_admin', displayName: flags.name?.trim() || username });
    io.out.write(`已创建管理员 ${user.username}\n`);
    return 0;
  } finally {
    await app.close();
    await runtime.stopExternal();
  }
}

/** The first line of a piped standard input (without its line ending). */
async function firstLine(stdin: NodeJS.ReadableStream): Promise<string> {
  let text = '';
  for await (const chunk of stdin) {
    text += chunk.toString();
    if (text.includes('\n')) break;
  }
  return text.split(/\r?\n/)[0];
}

async function askTwice(io: CliIo): Promise<string | null> {
  const first = await ask(io, '新管理员的密码：');
  const second = await ask(io, '再输入一次：');
  return first === second ? first : null;
}

/** Reads one line from the terminal without echoing it. */
function ask(io: CliIo, prompt: string): Promise<string> {
  const tty = io.stdin as NodeJS.ReadStream;
  io.err.write(prompt);
  return new Promise((resolve, reject) => {
    let line = '';
    tty.setRawMode(true);
    tty.resume();
    tty.setEncoding('utf8');
    const onData = (s: string) => {
      for (const ch of s) {
        if (ch === '\u0003') {
          done();
          reject(Object.assign(new Error('已取消'), { code: 'CANCELLED' }));
          return;
        }
        if (ch === '\r' || ch === '\n' || ch === '\u0004') {
          done();
          resolve(line);
          return;
        }
        if (ch === '\u007f' || ch === '\b') line = line.slice(0, -1);
        else line += ch;
      }
    };
    const done = () => {
      tty.off('data', onData);
      tty.setRawMode(false);
      tty.pause();
      io.err.write('\n');
    };
    tty.on('data', onData);
  });
}
