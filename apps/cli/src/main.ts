import 'reflect-metadata';

/**
 * `npm run cli -- <command>`: admin tasks. Commands that need no database (import-draft) do not
 * start one; the others boot the composition root without HTTP or workers.
 */
const commands: Record<string, { summary: string; run: (argv: string[]) => Promise<number> }> = {
  'import-draft': {
    summary: 'import-draft <file.txt|file.docx> [--json]   解析征求意见稿为条款树（不需要数据库）',
    run: async (argv) => (await import('./commands/import-draft')).importDraftCommand(argv, process.stdout),
  },
  'migration-generate': {
    summary: 'migration-generate <Name>   对比实体与迁移，生成新的迁移文件（需 DATABASE_URL 指向临时库）',
    run: async (argv) => (await import('./commands/migration-generate')).migrationGenerateCommand(argv),
  },
  'verify-round': {
    summary: 'verify-round <轮次ID> [--json]   核验一轮全部盖章反馈的摘要、签名与哈希链（异常时退出码 1）',
    run: async (argv) => (await import('./commands/verify-round')).verifyRoundCommand(argv),
  },
  'create-admin': {
    summary: 'create-admin --username <name> --password <pw> [--name <显示名>]   创建第一个管理员',
    run: async (argv) => (await import('./commands/create-admin')).createAdminCommand(argv),
  },
};

async function main(): Promise<number> {
  const [name, ...argv] = process.argv.slice(2);
  const command = name ? commands[name] : undefined;
  if (!command) {
    process.stderr.write(`用法：npm run cli -- <命令>\n\n${Object.values(commands).map((c) => `  ${c.summary}`).join('\n')}\n`);
    return name ? 2 : 0;
  }
  return command.run(argv);
}

main().then(
  (code) => process.exit(code),
  (err) => {
    process.stderr.write(`${err?.code ? `[${err.code}] ` : ''}${err?.message ?? err}\n`);
    process.exit(1);
  },
);
