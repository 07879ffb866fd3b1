import { readFile } from 'node:fs/promises';
import { DomainError } from '@zq/common';
import { demoDirectory, UnitNameResolver } from '@zq/directory';
// the pure part of drafting only: importing a file needs no database and no Nest container
import { importFile, type ImportResult, type LetterRule, type ParsedClause } from '../../../../libs/drafting/src/pure';

const USAGE = '用法：npm run cli -- import-draft <文件.txt|.docx|.doc|.pdf> [--json]（格式按内容识别）';
const EXIT_OK = 0;
const EXIT_BAD_INPUT = 2;

/**
 * `import-draft <file.txt|.docx|.doc|.pdf> [--json]`: imports a draft against the demo directory and
 * prints the clause tree as JSON (--json) or a short summary in Chinese. Exit 0, or 2 with a
 * message naming the error code when the file is missing or is not a draft. Messages go to `out`
 * unless an `err` stream is given.
 */
export async function importDraftCommand(argv: string[], out: NodeJS.WritableStream, err: NodeJS.WritableStream = out): Promise<number> {
  const args = argv[0] === 'import-draft' ? argv.slice(1) : argv;
  if (args.includes('--help') || args.includes('-h')) {
    out.write(`${USAGE}\n`);
    return EXIT_OK;
  }
  const json = args.includes('--json');
  const unknown = args.filter((a) => a.startsWith('-') && a !== '--json');
  const files = args.filter((a) => !a.startsWith('-'));
  if (unknown.length || files.length !== 1) {
    err.write(`[USAGE] ${unknown.length ? `不认识的选项：${unknown.join(' ')}` : '请给出一个要导入的文件'}\n${USAGE}\n`);
    return EXIT_BAD_INPUT;
  }

  const [file] = files;
  let buffer: Buffer;
  try {
    buffer = await readFile(file);
  } catch (e) {
    const code = e?.code === 'ENOENT' ? 'IMPORT_FILE_NOT_FOUND' : 'IMPORT_FILE_UNREADABLE';
    const message = code === 'IMPORT_FILE_NOT_FOUND' ? `找不到文件：${file}` : `无法读取文件：${file}（${e?.code ?? e?.message ?? e}）`;
    err.write(`[${code}] ${message}\n`);
    return EXIT_BAD_INPUT;
  }

  let result: ImportResult;
  try {
    result = await importFile(buffer, file, { resolver: new UnitNameResolver(demoDirectory()) });
  } catch (e) {
    if (!(e instanceof DomainError)) throw e;
    err.write(`[${e.code}] ${e.message}\n`);
    return EXIT_BAD_INPUT;
  }
  out.write(json ? `${JSON.stringify(result, null, 2)}\n` : summary(result));
  return EXIT_OK;
}

const RULE_TEXT: Record<LetterRule, string> = {
  seal_required: '书面反馈须加盖公章',
  city_approval_required: '设区市反馈须经市政府同意',
  no_comment_must_be_written: '无意见也须书面反馈',
  silence_is_no_comment: '逾期未反馈视为无意见',
};

function summary(r: ImportResult): string {
  const count: Record<string, number> = {};
  const units = new Set<string>();
  let withUnits = 0;
  const walk = (clauses: ParsedClause[]) =>
    clauses.forEach((c) => {
      count[c.kind] = (count[c.kind] ?? 0) + 1;
      if (c.responsibleUnits.length) withUnits++;
      c.responsibleUnits.forEach((u) => units.add(u.name));
      walk(c.children);
    });
  walk(r.clauses);
  const n = (kind: string) => count[kind] ?? 0;

  const lines = [
    `标题：${r.title || '（未识别）'}`,
    ...(n('chapter') || n('article') ? [`法规结构：${n('chapter')} 章，${n('article')} 条`] : []),
    `条款：${n('part')} 个部分，${n('section')} 节，${n('item')} 条，${n('subitem')} 项，${n('paragraph')} 段文字，${n('annex')} 个附件（${n('table')} 张表格）`,
    `条目编号：${r.numbering.items === 'continuous' ? '跨节连续编号' : '每节重新编号'}`,
    `责任单位：${withUnits} 处注明，涉及 ${units.size} 个单位`,
  ];
  if (r.document) {
    const d = r.document;
    lines.push(`文件信息：${[d.docNumber && `文号 ${d.docNumber}`, d.issuer && `发布单位 ${d.issuer}`, d.date && `日期 ${d.date}`].filter(Boolean).join('，') || '（无）'}`);
  }
  if (r.letter) {
    const l = r.letter;
    lines.push('征求意见函：');
    lines.push(`  反馈截止：${l.deadline ? `${l.deadline.slice(0, 10)} ${l.deadline.slice(11, 16)}（北京时间）` : '（未识别）'}`);
    lines.push(`  联系人：${l.contact ? `${l.contact.name} ${l.contact.phone}`.trim() : '（未识别）'}`);
    if (l.email) lines.push(`  电子邮箱：${l.email}`);
    if (l.address) lines.push(`  通信地址：${l.address}`);
    lines.push(`  反馈要求：${l.rules.length ? l.rules.map((x) => RULE_TEXT[x]).join('；') : '（未识别）'}`);
    lines.push(`  征求意见单位：${l.annexUnits.length} 个`);
  }
  if (r.warnings.length) {
    lines.push(`请核对（${r.warnings.length} 处）：`);
    for (const w of r.warnings) lines.push(`  [${w.code}] ${w.message}`);
  }
  return `${lines.join('\n')}\n`;
}
