import 'reflect-metadata';
import { parseArgs, type ParseArgsConfig } from 'node:util';

/**
 * `npm run cli -- <command> [options]`: admin tasks. Commands that need no database (import-draft)
 * do not start one; the others boot the composition root without HTTP or workers.
 *
 * Exit codes: 0 done, 1 the task failed, 2 bad usage (unknown command or option, missing argument),
 * 78 a configuration error. The process ends only after stdout and stderr are flushed (a pipe
 * takes writes asynchronously: exiting right after a large write would cut it off at 64 KiB).
 */
export interface CliIo {
  env: NodeJS.ProcessEnv;
  out: NodeJS.WritableStream;
  err: NodeJS.WritableStream;
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
}

export interface CliCommand {
  usage: string;
  summary: string;
  options: NonNullable<ParseArgsConfig['options']>;
  /** how many positionals the command takes: [min, max] */
  positionals: [number, number];
  run(args: { values: Record<string, string | boolean | undefined>; positionals: string[] }, io: CliIo): Promise<number>;
}

const json = { json: { type: 'boolean' } } as const;

export const commands: Record<string, CliCommand> = {
  'import-draft': {
    usage: 'import-draft <文件.txt|.docx|.doc|.pdf> [--json]',
    summary: '解析征求意见稿为条款树（不需要数据库）',
    options: json,
    positionals: [1, 1],
    run: async ({ values, positionals }, io) =>
      (await import('./commands/import-draft')).importDraftCommand([...positionals, ...(values.json ? ['--json'] : [])], io.out, io.err),
  },
  migrate: {
    usage: 'migrate',
    summary: '执行全部未执行的数据库迁移后退出（部署时先于 api/worker 运行）',
    options: {},
    positionals: [0, 0],
    run: async (_args, io) => (await import('./commands/migrate')).migrateCommand(io),
  },
  'parse-reply': {
    usage: 'parse-reply <反馈.docx|xlsx|txt|pdf> --draft <征求意见稿.txt|docx> [--json]',
    summary: '解析反馈意见表或反馈函为逐条意见，对应到征求意见稿条款（不需要数据库）',
    options: { draft: { type: 'string' }, ...json },
    positionals: [1, 1],
    run: async ({ values, positionals }, io) =>
      (await import('./commands/parse-reply')).parseReplyCommand(
        [...positionals, ...(typeof values.draft === 'string' ? ['--draft', values.draft] : []), ...(values.json ? ['--json'] : [])],
        io.out,
        io.err,
      ),
  },
  'migration-generate': {
    usage: 'migration-generate <名称>',
    summary: '对比实体与迁移，生成新的迁移文件（需 DATABASE_URL 指向临时库）',
    options: {},
    positionals: [1, 1],
    run: async ({ positionals }) => (await import('./commands/migration-generate')).migrationGenerateCommand(positionals),
  },
  'verify-round': {
    usage: 'verify-round <轮次ID> [--json]',
    summary: '核验一轮全部盖章反馈的摘要、签名与哈希链（异常时退出码 1）',
    options: json,
    positionals: [1, 1],
    run: async ({ values, positionals }, io) =>
      (await import('./commands/verify-round')).verifyRoundCommand([...positionals, ...(values.json ? ['--json'] : [])], io),
  },
  'create-admin': {
    usage: 'create-admin --username <用户名> [--name <显示名>]   （密码从标准输入读取）',
    summary: '创建办公室管理员；密码在终端里输入两次，或从管道读第一行：printf \'%s\\n\' "$PW" | npm run cli -- create-admin --username li',
    options: { username: { type: 'string' }, name: { type: 'string' } },
    positionals: [0, 0],
    run: async ({ values }, io) =>
      (await import('./commands/create-admin')).createAdminCommand({ username: values.username as string | undefined, name: values.name as string | undefined }, io),
  },
};

export function usage(): string {
  const width = Math.max(...Object.keys(commands).map((n) => n.length));
  return [
    '用法：npm run cli -- <命令> [选项]',
    '',
    '命令：',
    ...Object.entries(commands).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`),
    '',
    '每个命令的用法：npm run cli -- <命令> --help',
    '退出码：0 成功，1 执行失败，2 用法错误，78 配置错误',
    '',
  ].join('\n');
}

/** Runs one command line; returns the exit code (never calls process.exit). */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.out.write(usage());
    return 0;
  }
  const command = Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (!command) {
    io.err.write(`[USAGE] 不认识的命令：${name}\n\n${usage()}`);
    return 2;
  }
  const commandUsage = `用法：npm run cli -- ${command.usage}\n${command.summary}\n`;
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: rest, options: { ...command.options, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
  } catch (e) {
    io.err.write(`[USAGE] ${describeParseError(e as Error & { code?: string })}\n${commandUsage}`);
    return 2;
  }
  if (parsed.values.help) {
    io.out.write(commandUsage);
    return 0;
  }
  const [min, max] = command.positionals;
  if (parsed.positionals.length < min || parsed.positionals.length > max) {
    io.err.write(`[USAGE] ${parsed.positionals.length < min ? '缺少参数' : `多余的参数：${parsed.positionals.slice(max).join(' ')}`}\n${commandUsage}`);
    return 2;
  }
  return command.run({ values: parsed.values as Record<string, string | boolean | undefined>, positionals: parsed.positionals }, io);
}

function describeParseError(e: Error & { code?: string }): string {
  const option = /'([^']+)'/.exec(e.message)?.[1] ?? '';
  if (e.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `不认识的选项：${option}`;
  if (e.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') return `选项 ${option.split(' ')[0]} 的值不对（需要一个值，或不接受值）`;
  return e.message;
}

/** Resolves once everything written so far to `stream` has been handed to the OS. */
function flushed(stream: NodeJS.WriteStream): Promise<void> {
  return new Promise((resolve) => (stream.writableLength === 0 && !stream.writableNeedDrain ? resolve() : stream.write('', () => resolve())));
}

if (require.main === module) {
  const io: CliIo = { env: process.env, out: process.stdout, err: process.stderr, stdin: process.stdin };
  runCli(process.argv.slice(2), io)
    .catch((err) => {
      const config = err?.name === 'ConfigError';
      process.stderr.write(config ? `${err.message}\n` : `${err?.code ? `[${err.code}] ` : ''}${err?.message ?? err}\n`);
      return config ? 78 : 1;
    })
    .then(async (code) => {
      process.exitCode = code;
      await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
      // a driver's idle socket must not keep a finished command alive
      process.exit(code);
    });
}
