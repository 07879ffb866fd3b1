import fc from 'fast-check';
import JSZip from 'jszip';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DomainError } from '@zq/common';
import { importText, type ParsedClause } from '@zq/drafting/pure';
import { clauseLabelRows, renderReplyTemplateDocx, renderReplyTemplateXlsx } from '../reply-template';
import { parseRef } from './clause-refs';
import { interpretReply, parseReply, type ParsedReply } from './parse-reply';

const root = join(__dirname, '../../../..');
const draft = importText(readFileSync(join(root, 'test/fixtures/beautiful-towns-round2-letter.txt'), 'utf8'));
const fixture = (name: string) => readFileSync(join(root, 'test/fixtures/replies', name));
const at = (r: ParsedReply) => r.items.map((i) => (i.resolved ? i.clausePath.join('') || '总体' : `?${i.clauseLabel}`));
const txt = (lines: string[]) => Buffer.from(lines.join('\n'));

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'OK';
  } catch (e) {
    if (e instanceof DomainError) return e.code;
    throw e;
  }
}

describe('parse-reply: filled tables', () => {
  it('reads 省交通运输厅’s filled 反馈意见表: labels, item 9, the 附件 table by label and by quoted text, a merged 条款 cell', async () => {
    const r = await parseReply(fixture('jiaotong-filled.docx'), draft.clauses);
    expect(r.format).toBe('docx');
    expect(r.noComment).toBe(false);
    expect(at(r)).toEqual(['二、（一）', '二、（三）9.', '附件', '二、（一）2.', '附件', '二、（四）12.', '二、（四）12.']);
    expect(r.items.map((i) => i.kind)).toEqual(['add', 'modify', 'modify', 'modify', 'delete', 'modify', 'other']);
    expect(r.items[0]).toMatchObject({ proposal: '推进综合交通枢纽与城镇融合发展', reason: '落实交通强省部署' });
    expect(r.items[1]).toMatchObject({ quote: '共富工坊', proposal: '共富工坊、来料加工点', clauseLabel: '9.' });
    expect(r.items[2]).toMatchObject({ quote: '建成区 15 分钟生活圈覆盖率（%）', proposal: '95' });
    expect(r.items[3]).toMatchObject({ row: 4, proposal: '推动高速公路、国道、省道、农村公路提质增量' });
    expect(r.items[6]).toMatchObject({ row: 7, proposal: '建议补充交通干线沿线环境整治内容' });
    expect(r).toMatchObject({ signatory: '李明', contact: '王芳', phone: '0571-83505678', date: '2023-05-22', statesCityApproval: false });
  });

  it('reads another office’s table: title row spanning the table, 条款 | 具体意见 | 修改理由 | 原文内容 in its own order, two numbered comments in one cell', async () => {
    const r = await parseReply(fixture('ningbo-general-office.docx'), draft.clauses);
    expect(at(r)).toEqual(['二、（二）5.', '三、（二）', '三、（二）', '总体']);
    expect(r.items.map((i) => i.row)).toEqual([1, 2, 2, 3]);
    expect(r.items[0]).toMatchObject({ kind: 'modify', quote: '有效扩大保障性住房供给', proposal: '有效增加保障性住房供给' });
    expect(r.items[2]).toMatchObject({ kind: 'add', proposal: '鼓励金融机构开发美丽城镇专项信贷产品' });
    expect(r.items[3]).toMatchObject({ clausePath: [], resolved: true, kind: 'other' });
    expect(r).toMatchObject({ statesCityApproval: true, contact: '赵磊', phone: '0574-89181234', date: '2023-05-23' });
  });

  it('reads an Excel sheet: 编号 | 位置 | 具体意见 | 建议修改为 | 依据, a 位置 cell merged down, a merged title', async () => {
    const r = await parseReply(fixture('wenlv-other-columns.xlsx'), draft.clauses);
    expect(r.format).toBe('xlsx');
    expect(at(r)).toEqual(['二、（四）15.', '二、（四）15.', '二、（四）14.']);
    expect(r.items[0]).toMatchObject({ kind: 'modify', proposal: '构建文化名山、人文水脉、森林古道、古镇古村、红色旅游展示体系', reason: '表述不够准确' });
    expect(r.items[1]).toMatchObject({ kind: 'other' });
    expect(r).toMatchObject({ contact: '钱多多', phone: '13912345678' });
  });

  it('reads a Markdown / pipe table with the columns in another order', async () => {
    const r = await parseReply(fixture('markdown-table.txt'), draft.clauses);
    expect(at(r)).toEqual(['二、（二）7.', '一、（二）']);
    expect(r.items.map((i) => i.kind)).toEqual(['modify', 'delete']);
  });

  it('keeps a row that points nowhere, or at several clauses, with the reason and the row', async () => {
    const r = await parseReply(
      txt([
        '序号\t条款\t原文\t修改意见\t理由',
        '1\t第3页\t\t建议完善\t',
        '2\t（二）\t\t建议补充养老内容\t',
        '3\t第十九条\t\t建议删除\t',
        '4\t\t城镇\t建议修改为“小城镇”\t',
        '5\t第3页\t加快产业能级提升\t建议修改为“加快提升产业能级”\t',
      ]),
      draft.clauses,
    );
    expect(r.items.map((i) => [i.row, i.resolved])).toEqual([
      [1, false],
      [2, false],
      [3, false],
      [4, false],
      [5, true],
    ]);
    expect(r.items[0].why).toContain('页码');
    expect(r.items[1].why).toContain('3处');
    expect(r.items[2].clauseLabel).toBe('第十九条');
    expect(r.items[3].why).toContain('处条款');
    expect(r.items[4].clausePath).toEqual(['二、', '（三）', '9.']);
  });
});

describe('parse-reply: letters', () => {
  it('reads a letter whose items are Word auto-numbered paragraphs, a numbered heading giving its sub-items their part', async () => {
    const r = await parseReply(fixture('caizheng-autonumbered.docx'), draft.clauses);
    expect(at(r)).toEqual(['三、（二）', '三、（三）', '二、（五）18.']);
    expect(r.items.map((i) => i.kind)).toEqual(['modify', 'other', 'delete']);
    expect(r.items[2]).toMatchObject({ quote: '投建管运一体化', reason: '相关机制尚在探索。' });
    expect(r).toMatchObject({ contact: '孙红', phone: '0571-87058888', date: '2023-05-19' });
  });

  it('reads a GBK text letter of 1. 2. 3. paragraphs; a page number alone and a part that does not exist stay unresolved', async () => {
    const r = await parseReply(fixture('ziranziyuan-letter-gbk.txt'), draft.clauses);
    expect(r.items).toHaveLength(3);
    expect(r.items[0]).toMatchObject({ resolved: true, clausePath: ['二、', '（五）', '17.'], kind: 'modify', proposal: '坚持山水林田湖草沙一体化保护和系统治理' });
    expect(r.items[1]).toMatchObject({ resolved: false, clauseLabel: '第3页第（二）项' });
    expect(r.items[2]).toMatchObject({ resolved: false, clauseLabel: '第五部分' });
    expect(r).toMatchObject({ contact: '周强', date: '2023-05-20' });
  });

  it('reads the same letter printed to a text PDF by LibreOffice into the same items and fields (quotes drawn in a fallback font put back in place)', async () => {
    const fromPdf = await parseReply(fixture('ziranziyuan-letter.pdf'), draft.clauses);
    const fromText = await parseReply(fixture('ziranziyuan-letter-gbk.txt'), draft.clauses);
    expect(fromPdf.format).toBe('pdf');
    // LibreOffice prints 第3页 with its autospace (第 3 页): the reference reads the same
    const unspaced = (r: typeof fromPdf) => ({ ...r, format: 'txt', items: r.items.map((i) => ({ ...i, clauseLabel: i.clauseLabel.replace(/ /g, ''), why: i.why?.replace(/ /g, ''), source: undefined })) });
    expect(unspaced(fromPdf)).toEqual(unspaced(fromText));
    expect(fromPdf.items[0]).toMatchObject({ quote: '坚持山水林田湖草一体化保护和系统治理', proposal: '坚持山水林田湖草沙一体化保护和系统治理' });
  });

  it('reads the filled 反馈意见表 printed to a text PDF by LibreOffice: wrapped cells joined, the cell merged over two rows in both, the same items as the .docx', async () => {
    const fromPdf = await parseReply(fixture('jiaotong-filled.pdf'), draft.clauses);
    const fromDocx = await parseReply(fixture('jiaotong-filled.docx'), draft.clauses);
    expect(fromPdf.format).toBe('pdf');
    // (the row as printed, `source`, keeps LibreOffice's autospace: 第 9 项)
    const bare = (r: typeof fromPdf) => ({ ...r, format: 'any', items: r.items.map(({ source: _s, ...i }) => i) });
    expect(bare(fromPdf)).toEqual(bare(fromDocx));
    expect(fromPdf.items.map((i) => i.clausePath.join(''))).toEqual(['二、（一）', '二、（三）9.', '附件', '二、（一）2.', '附件', '二、（四）12.', '二、（四）12.']);
  });

  it('reads 一、关于第二部分第（三）项第9条… and a heading named in quotes as the part of its sub-items', async () => {
    const r = await parseReply(
      txt([
        '现提出如下意见：',
        '一、关于第二部分第（三）项第9条，建议将“共富工坊”修改为“共富工坊、乡村工坊”。',
        '二、关于“主要任务”部分',
        '1. 第3页第（二）项：建议补充养老内容。',
        '2. 第12条中“重点推进老集镇”建议删除。',
        '特此函复。',
      ]),
      draft.clauses,
    );
    expect(at(r)).toEqual(['二、（三）9.', '二、（二）', '二、（四）12.']);
    expect(r.items.map((i) => i.kind)).toEqual(['modify', 'other', 'delete']);
  });

  it('a city letter stating 经市政府同意 and one that does not', async () => {
    expect((await parseReply(fixture('ningbo-general-office.docx'), draft.clauses)).statesCityApproval).toBe(true);
    const hz = await parseReply(fixture('hangzhou-construction-paper.txt'), draft.clauses);
    expect(hz.statesCityApproval).toBe(false);
    expect(at(hz)).toEqual(['二、（一）1.', '附件']);
    expect(hz.items[1]).toMatchObject({ kind: 'add', proposal: '城镇燃气管网更新改造完成率' });
  });
});

describe('parse-reply: 无意见', () => {
  it('a letter that says 无修改意见 is a no-comment reply, with its 签发人 and a date in Chinese numerals', async () => {
    const r = await parseReply(fixture('minzheng-no-comment.txt'), draft.clauses);
    expect(r).toMatchObject({ noComment: true, items: [], signatory: '陈立', contact: '何静', date: '2023-05-21' });
  });

  it.each(['☑ 无意见', '√无意见', '■ 无意见', '无意见（√）', '我单位没有意见。', '经研究，无意见。'])('reads “%s” as 无意见', async (line) => {
    const r = await parseReply(txt(['序号\t章节条款\t原文\t修改意见\t理由', '1\t\t\t\t', line]), draft.clauses);
    expect(r.noComment).toBe(true);
  });

  it.each(['□ 无意见（对征求意见稿没有修改意见的，勾选本项）', '如无意见，请勾选', '无意见也请书面反馈'])('does not read the template’s own “%s” as 无意见', async (line) => {
    expect(await codeOf(parseReply(txt(['序号\t章节条款\t原文\t修改意见\t理由', '1\t\t\t\t', line]), draft.clauses))).toBe('REPLY_EMPTY');
  });
});

describe('parse-reply: files that cannot be read', () => {
  it.each([
    ['an empty file', 'REPLY_EMPTY_FILE', Buffer.alloc(0)],
    ['a JPEG scan', 'REPLY_IMAGE_ONLY', Buffer.from('ffd8ffe000104a464946', 'hex')],
    ['a PNG', 'REPLY_IMAGE_ONLY', Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex')],
    ['a password-protected Word file', 'REPLY_ENCRYPTED', Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(512), Buffer.from('EncryptionInfo', 'utf16le')])],
    ['an old .doc', 'REPLY_UNSUPPORTED_FORMAT', Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(512), Buffer.from('WordDocument', 'utf16le')])],
    ['a truncated .docx', 'REPLY_CORRUPT', fixture('jiaotong-filled.docx').subarray(0, 2000)],
    ['a corrupt PDF', 'REPLY_CORRUPT', Buffer.from('%PDF-1.7\n garbage')],
    ['a table with no recognisable columns', 'REPLY_NO_COLUMNS', txt(['姓名\t年龄\t地址', '张三\t30\t杭州'])],
    ['an empty 反馈意见表 not ticked 无意见', 'REPLY_EMPTY', txt(['序号\t章节条款/页码\t原文\t修改意见/建议\t理由/依据', '1\t\t\t\t', '2\t\t\t\t', '□ 无意见'])],
    ['binary garbage', 'REPLY_UNSUPPORTED_FORMAT', Buffer.from([0, 1, 2, 3, 0, 0, 5])],
  ])('%s → %s', async (_name, code, buffer) => {
    expect(await codeOf(parseReply(buffer as Buffer, draft.clauses))).toBe(code);
  });

  it('a Word file holding only a pasted scan → REPLY_IMAGE_ONLY', async () => {
    const zip = await JSZip.loadAsync(fixture('jiaotong-filled.docx'));
    zip.file('word/document.xml', '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:drawing/></w:r></w:p></w:body></w:document>');
    zip.file('word/media/image1.png', Buffer.from('89504e47', 'hex'));
    expect(await codeOf(parseReply(await zip.generateAsync({ type: 'nodebuffer' }), draft.clauses))).toBe('REPLY_IMAGE_ONLY');
  });
});

describe('parse-reply: properties', () => {
  /** Every numbered clause with its full citation (二、（三）9.) and the path the parser answers. */
  const targets: { ref: string; path: string[]; text: string }[] = [];
  const walk = (nodes: ParsedClause[], path: string[]) =>
    nodes.forEach((n) => {
      const p = n.label ? [...path, n.label] : path;
      if (n.label && n.kind !== 'annex') targets.push({ ref: p.join(''), path: p, text: n.text });
      walk(n.children, p);
    });
  walk(draft.clauses, []);

  it('random bytes and random tables never throw anything but a DomainError', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.uint8Array({ maxLength: 400 }).map((a) => Buffer.from(a)),
          fc.array(fc.array(fc.string({ maxLength: 30 }), { maxLength: 6 }), { maxLength: 8 }).map((rows) => txt(rows.map((r) => r.join('\t')))),
          fc.array(fc.constantFrom('序号', '条款', '原文', '修改意见', '理由', '第9条', '二、（一）', '“共富工坊”', '修改为', '删除', '无意见', '☑', '|', '\t', '\n', '1.', '（二）', '附件'), { maxLength: 40 }).map((parts) => Buffer.from(parts.join(''))),
        ),
        async (buffer) => {
          try {
            await parseReply(buffer, draft.clauses);
          } catch (e) {
            if (!(e instanceof DomainError)) throw e;
            expect(e.code).toMatch(/^REPLY_/);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('a table of random clause picks, cited by full label or by 第N条, resolves back to those clauses', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: targets.length - 1 }), fc.boolean()), { minLength: 1, maxLength: 30 }), (picks) => {
        const rows = picks.map(([i, byArticle]) => {
          const t = targets[i];
          const item = /^\d+\.$/.test(t.path[t.path.length - 1]);
          return [byArticle && item ? `第${parseInt(t.path[t.path.length - 1], 10)}条` : t.ref, '建议进一步完善表述'];
        });
        const r = interpretReply([{ type: 'table', rows: [['章节条款', '修改意见'], ...rows] }], draft.clauses);
        expect(r.items.map((i) => i.clausePath)).toEqual(picks.map(([i]) => targets[i].path));
        expect(r.items.every((i) => i.resolved)).toBe(true);
      }),
    );
  });

  it('parses a 200-row table in under 300 ms', async () => {
    const rows = Array.from({ length: 200 }, (_, n) => `${n + 1}\t${targets[n % targets.length].ref}\t\t建议将“城镇”修改为“小城镇”\t理由${n}`);
    const buffer = await renderReplyTemplateDocx({
      roundTitle: 'R',
      documentTitle: draft.title,
      rows: rows.map((r) => {
        const [, clause, , comment, reason] = r.split('\t');
        return { clause, comment, reason };
      }),
    });
    await parseReply(buffer, draft.clauses); // warm up
    // CPU time, not wall time: the shared test machine runs other suites at the same time
    const started = process.cpuUsage();
    const r = await parseReply(buffer, draft.clauses);
    const used = process.cpuUsage(started);
    expect((used.user + used.system) / 1000).toBeLessThan(300);
    expect(r.items).toHaveLength(200);
  });

  it('reads references the way offices write them', () => {
    const keys = (s: string) => parseRef(s).tokens.map((t) => t.primary.map((k) => `${k.style}:${k.n}`).join('|'));
    expect(keys('第二部分第（三）项第9条')).toEqual(['bufen:2|cn-dun:2', 'cn-paren:3', 'article:9']);
    expect(keys('二、（一）')).toEqual(['cn-dun:2', 'cn-paren:1']);
    expect(keys('第十二条')).toEqual(['article:12']);
    expect(keys('附件 第5行')).toEqual(['annex:0']);
    expect(parseRef('第3页').page).toBe(true);
  });
});

describe('反馈意见表 template', () => {
  const input = { roundTitle: '二次征求意见', documentTitle: draft.title, unitName: '省交通运输厅', deadlineText: '2023年5月23日' };

  it.each(['docx', 'xlsx'] as const)('a blank %s template reads back as empty (REPLY_EMPTY), ticked 无意见 as a no-comment reply', async (format) => {
    const render = format === 'docx' ? renderReplyTemplateDocx : renderReplyTemplateXlsx;
    expect(await codeOf(parseReply(await render(input), draft.clauses))).toBe('REPLY_EMPTY');
    expect(await codeOf(parseReply(await render({ ...input, rows: clauseLabelRows(draft.clauses) }), draft.clauses))).toBe('REPLY_EMPTY');
    const ticked = await parseReply(await render({ ...input, forCity: true, noComment: true, signoff: { signatory: '李明', contact: '王芳', phone: '0571-83505678', date: '2023年5月22日' } }), draft.clauses);
    expect(ticked).toMatchObject({ noComment: true, items: [], signatory: '李明', contact: '王芳', phone: '0571-83505678', date: '2023-05-22', statesCityApproval: false });
  });

  it.each(['docx', 'xlsx'] as const)('a filled %s template round-trips through the parser, clause labels pre-filled', async (format) => {
    const render = format === 'docx' ? renderReplyTemplateDocx : renderReplyTemplateXlsx;
    const labels = clauseLabelRows(draft.clauses);
    expect(labels.map((l) => l.clause)).toContain('二、（三）9. 加快产业能级提升');
    const rows = labels.map((l) =>
      l.clause.startsWith('二、（三）9.')
        ? { ...l, quote: '共富工坊', comment: '建议修改为“共富工坊、来料加工点”', reason: '表述更完整' }
        : l.clause === '附件 推进现代化美丽城镇建设目标值'
          ? { ...l, quote: '城镇生活垃圾分类处理率（%）', comment: '建议删除' }
          : l,
    );
    const r = await parseReply(await render({ ...input, rows, signoff: { signatory: '李明' } }), draft.clauses);
    expect(r.items.map((i) => [i.clausePath.join(''), i.kind, i.quote, i.proposal, i.reason])).toEqual([
      ['二、（三）9.', 'modify', '共富工坊', '共富工坊、来料加工点', '表述更完整'],
      ['附件', 'delete', '城镇生活垃圾分类处理率（%）', '', ''],
    ]);
    expect(r).toMatchObject({ noComment: false, signatory: '李明' });
  });
});
