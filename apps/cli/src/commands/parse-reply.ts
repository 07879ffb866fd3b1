import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { DomainError } from '@zq/common';
import { demoDirectory, UnitNameResolver } from '@zq/directory';
// the pure parts only: parsing a reply needs no database and no Nest container
import { importFile } from '../../../../libs/drafting/src/pure';
import { parseReply, type ParsedReply } from '../../../../libs/feedback/src/reply-parser';

const USAGE = '用法：npm run cli -- parse-reply <反馈.docx|xlsx|txt|pdf> --draft <征求意见稿.txt|docx> [--json]';
const EXIT_OK = 0;
const EXIT_BAD_INPUT = 2;

const KIND_TEXT = { modify: '修改', delete: '删除', add: '新增', other: '其他' } as const;

/**
 * `parse-reply REPLY --draft DRAFT [--json]`: reads a unit's filled 反馈意见表 or reply letter and
 * resolves its items against the draft, printing DESIGN.md's JSON (--json) or a summary in Chinese.
 * Exit 0, or 2 with the error code when a file is missing or cannot be read.
 */
export async function parseReplyCommand(argv: string[], out: NodeJS.WritableStream, err: NodeJS.WritableStream = out): Promise<number> {
  const args = argv[0] === 'parse-reply' ? argv.slice(1) : argv;
  let values: { draft?: string; json?: boolean; help?: boolean };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { draft: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    }));
  } catch (e) {
    err.write(`[USAGE] ${e.message}\n${USAGE}\n`);
    return EXIT_BAD_INPUT;
  }
  if (values.help) {
    out.write(`${USAGE}\n`);
    return EXIT_OK;
  }
  if (positionals.length !== 1 || !values.draft) {
    err.write(`[USAGE] ${positionals.length !== 1 ? '请给出一个反馈文件' : '请用 --draft 给出征求意见稿'}\n${USAGE}\n`);
    return EXIT_BAD_INPUT;
  }
  const [replyFile] = positionals;
  const files: Buffer[] = [];
  for (const file of [replyFile, values.draft]) {
    try {
      files.push(await readFile(file));
    } catch (e) {
      const code = e?.code === 'ENOENT' ? 'REPLY_FILE_NOT_FOUND' : 'REPLY_FILE_UNREADABLE';
      err.write(`[${code}] ${code === 'REPLY_FILE_NOT_FOUND' ? `找不到文件：${file}` : `无法读取文件：${file}（${e?.code ?? e?.message ?? e}）`}\n`);
      return EXIT_BAD_INPUT;
    }
  }
  let reply: ParsedReply;
  try {
    const draft = await importFile(files[1], values.draft, { resolver: new UnitNameResolver(demoDirectory()) });
    reply = await parseReply(files[0], draft.clauses);
  } catch (e) {
    if (!(e instanceof DomainError)) throw e;
    err.write(`[${e.code}] ${e.message}\n`);
    return EXIT_BAD_INPUT;
  }
  out.write(values.json ? `${JSON.stringify(contractShape(reply), null, 2)}\n` : summary(reply));
  return EXIT_OK;
}

/** Exactly DESIGN.md's parse-reply shape (the parser's extra fields for the web UI left out). */
export function contractShape(r: ParsedReply) {
  return {
    noComment: r.noComment,
    items: r.items.map((i) => ({
      row: i.row,
      clauseLabel: i.clauseLabel,
      clausePath: i.clausePath,
      ...(i.quote ? { quote: i.quote } : {}),
      kind: i.kind,
      proposal: i.proposal,
      reason: i.reason,
      resolved: i.resolved,
      ...(i.why ? { why: i.why } : {}),
    })),
    ...(r.signatory ? { signatory: r.signatory } : {}),
    ...(r.contact ? { contact: r.contact } : {}),
    ...(r.phone ? { phone: r.phone } : {}),
    ...(r.date ? { date: r.date } : {}),
    statesCityApproval: r.statesCityApproval,
  };
}

function summary(r: ParsedReply): string {
  const lines = [
    r.noComment ? '反馈：无意见' : `反馈：${r.items.length} 条意见（${r.items.filter((i) => !i.resolved).length} 条未能对应到条款）`,
    `签发人：${r.signatory ?? '（未识别）'}  联系人：${r.contact ?? '（未识别）'}  电话：${r.phone ?? '（未识别）'}  日期：${r.date ?? '（未识别）'}`,
    `经市政府同意：${r.statesCityApproval ? '有' : '未写明'}`,
  ];
  for (const i of r.items) {
    const where = i.resolved ? i.clausePath.join('') || '总体意见' : `【未对应】${i.clauseLabel || '（未写条款）'}：${i.why}`;
    lines.push(`  ${i.row}. [${KIND_TEXT[i.kind]}] ${where}${i.quote ? ` 原文“${i.quote}”` : ''} ${i.proposal}${i.reason ? `（理由：${i.reason}）` : ''}`);
  }
  return `${lines.join('\n')}\n`;
}
