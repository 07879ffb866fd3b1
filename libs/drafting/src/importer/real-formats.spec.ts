import { readFileSync } from 'fs';
import { join } from 'path';
import JSZip from 'jszip';
import fc from 'fast-check';
import { DomainError } from '@zq/common';
import { demoDirectory, UnitNameResolver } from '@zq/directory';
import type { ImportResult, ParsedClause } from '../clause-tree';
import { importFile, importText } from './import-draft';
import { pdfToText } from './pdf-source';
import { docxXmlBlocks } from './word-xml';

const DIR = join(__dirname, '../../../../test/fixtures/drafts');
const resolver = new UnitNameResolver(demoDirectory());
const file = (name: string) => readFileSync(join(DIR, name));
const load = (name: string) => importFile(file(name), name, { resolver });

function outline(clauses: ParsedClause[], depth = 0): string[] {
  return clauses.flatMap((c) => [`${'  '.repeat(depth)}${c.kind}:${c.label}:${c.heading}`, ...outline(c.children, depth + 1)]);
}
function all(clauses: ParsedClause[]): ParsedClause[] {
  return clauses.flatMap((c) => [c, ...all(c.children)]);
}
async function codeOf(p: Promise<unknown>): Promise<string | undefined> {
  try {
    await p;
  } catch (err) {
    if (err instanceof DomainError) return err.code;
    throw err;
  }
  return undefined;
}

describe('the same drafts as .docx, .doc and PDF', () => {
  let text: ImportResult;
  let jiangsuText: ImportResult;
  beforeAll(() => {
    text = importText(file('regulation-gas-chapters.txt').toString('utf8'), { resolver });
    jiangsuText = importText(file('opinion-jiangsu.txt').toString('utf8'), { resolver });
  });

  it('a .docx numbered by Word (一、 （一） 1. from numbering.xml, parts styled Heading 1) reads as the typed text does', async () => {
    const r = await load('opinion-jiangsu-autonumbered.docx');
    expect(r.title).toBe('关于加快推进城市更新行动的实施意见（征求意见稿）');
    const withoutTables = (o: string[]) => o.filter((l) => !l.trim().startsWith('table:'));
    expect(withoutTables(outline(r.clauses))).toEqual(withoutTables(outline(jiangsuText.clauses)));
    const items = all(r.clauses).filter((c) => c.kind === 'item' && c.responsibleUnits.length);
    expect(items.map((c) => c.label)).toEqual(['1.', '2.', '3.', '4.', '5.', '6.', '7.', '8.']);
    expect(items[0].heading).toBe('优化城市功能布局');
    expect(items[0].responsibleUnits[0]).toEqual({ name: '省自然资源厅', isLead: true });
    expect(r.numbering.items).toBe('continuous');
  });

  it('the same auto-numbered draft saved as Word 97 .doc: Word’s numbers read from its list tables, the outline the typed text gives', async () => {
    const r = await load('opinion-jiangsu-autonumbered.doc');
    expect(r.title).toBe('关于加快推进城市更新行动的实施意见（征求意见稿）');
    const withoutTables = (o: string[]) => o.filter((l) => !l.trim().startsWith('table:'));
    expect(withoutTables(outline(r.clauses))).toEqual(withoutTables(outline(jiangsuText.clauses)));
    // LibreOffice puts the first 一、 and the first 1. in copies of their lists: they still count on
    expect(r.clauses.filter((c) => c.kind === 'part').map((c) => c.label)).toEqual(['一、', '二、', '三、']);
    const items = all(r.clauses).filter((c) => c.kind === 'item' && c.responsibleUnits.length);
    expect(items.map((c) => c.label)).toEqual(['1.', '2.', '3.', '4.', '5.', '6.', '7.', '8.']);
    expect(items[0].responsibleUnits[0]).toEqual({ name: '省自然资源厅', isLead: true });
    expect(r.warnings.filter((w) => w.code === 'DOC_NUMBERING_LOST')).toEqual([]);
  });

  it('keeps a table on the grid Word shows: a header cell spanning two columns, a cell merged downwards', async () => {
    const r = await load('opinion-jiangsu-autonumbered.docx');
    const table = all(r.clauses).find((c) => c.kind === 'table')!.table!.rows;
    expect(table).toEqual([
      ['序号', '任务名称', '完成时限', '', '责任单位'],
      ['1', '老旧小区改造', '2025年', '四季度', '省建设厅'],
      ['2', '燃气管道更新', '2025年', '四季度', '省建设厅'],
      ['3', '海绵城市建设', '2025年', '二季度', '省建设厅'],
    ]);
  });

  it('a Word 97 .doc of the regulation gives the tree the text gives', async () => {
    const r = await load('regulation-gas-chapters.doc');
    expect(r.title).toBe(text.title);
    expect(r.clauses).toEqual(text.clauses);
  });

  it('a text PDF of the regulation: running header and — N — footers gone, lines the page broke joined', async () => {
    const r = await load('regulation-gas-chapters.pdf');
    expect(r.title).toBe(text.title);
    expect(outline(r.clauses)).toEqual(outline(text.clauses));
    const texts = (x: ImportResult) => all(x.clauses).map((c) => c.text);
    expect(texts(r)).toEqual(texts(text));
    expect(r.warnings).toEqual([]);
  });

  it('a PDF of the auto-numbered .docx shows Word’s numbers as text and reads the same outline', async () => {
    const r = await load('opinion-jiangsu-autonumbered.pdf');
    const noAnnex1 = (o: string[]) => o.slice(0, o.indexOf('annex:附件1:城市更新重点任务清单'));
    expect(noAnnex1(outline(r.clauses))).toEqual(noAnnex1(outline(jiangsuText.clauses)));
  });

  it('a PDF of a 管理办法 whose 附件 table wraps its cells onto several lines: each row kept whole, on the grid its borders draw', async () => {
    const r = await load('measures-annex-table.pdf');
    const measures = importText(file('measures-annex-table.txt').toString('utf8'), { resolver });
    expect(r.title).toBe(measures.title);
    // the articles read as the typed text does
    const articles = (x: ImportResult) => x.clauses.filter((c) => c.kind === 'article');
    expect(outline(articles(r))).toEqual(outline(articles(measures)));
    const annex = r.clauses[r.clauses.length - 1];
    expect(annex).toMatchObject({ kind: 'annex', label: '附件', heading: '城市地下管线工程开工备案材料清单' });
    expect(annex.children).toHaveLength(1);
    // the cells are centred in their rows (序号 and 份数 sit beside the middle line of a three-line cell)
    expect(annex.children[0].table!.rows).toEqual([
      ['序号', '材料名称', '份数', '要求'],
      ['1', '管线工程规划许可证（含附图、附件及规划条件）', '1', '复印件，加盖建设单位公章；原件备查'],
      ['2', '施工图设计文件审查合格书', '1', '复印件，须由施工图审查机构出具，并附审查意见及设计单位的书面回复'],
      ['3', '施工合同及监理合同', '1', '复印件'],
      ['4', '管线现状探测报告（由具备相应资质的测绘单位出具，探测范围不小于施工范围外扩五米）', '2', '原件，附探测成果图及电子数据光盘'],
      ['5', '管线工程安全专项方案', '2', '原件，涉及燃气、电力等危险性较大的管线的，应当附专家论证意见'],
    ]);
  });

  it('a ruled table whose cell is merged down over two rows (no border between them there): both rows carry its text, as Word’s merged cells read', async () => {
    // the filled 反馈意见表 of test/fixtures/replies, printed by LibreOffice: 二、（四）12. spans rows 6 and 7
    const lines = (await pdfToText(readFileSync(join(DIR, '../replies/jiaotong-filled.pdf')))).split('\n').map((l) => l.split('\t').map((c) => c.trim()));
    expect(lines.find((l) => l[0] === '6')).toEqual(['6', '二、（四）12.', '重点推进老集镇', '建议修改为“重点推进老集镇、老街区”', '']);
    expect(lines.find((l) => l[0] === '7')).toEqual(['7', '二、（四）12.', '', '建议补充交通干线沿线环境整治内容', '']);
    expect(lines.find((l) => l[0] === '5')?.[1]).toBe('附件表格第 6 行');
  });

  it('recognises the format by content, whatever the name says', async () => {
    const r = await importFile(file('regulation-gas-chapters.docx'), 'draft.txt');
    expect(r.title).toBe(text.title);
    expect(outline(r.clauses)).toEqual(outline(text.clauses));
  });
});

describe('files that cannot be read', () => {
  it('a password-protected PDF: IMPORT_ENCRYPTED', async () => {
    expect(await codeOf(load('regulation-gas-chapters-password.pdf'))).toBe('IMPORT_ENCRYPTED');
  });

  it('a PDF without a text layer: IMPORT_NO_TEXT_LAYER, saying what to send instead', async () => {
    const pdf = minimalPdf('0 0 1 rg 100 100 200 200 re f');
    const err = await importFile(pdf, 'scan.pdf').catch((e) => e);
    expect(err).toBeInstanceOf(DomainError);
    expect(err.code).toBe('IMPORT_NO_TEXT_LAYER');
    expect(err.message).toMatch(/Word|\.docx/);
  });

  it('a scanned image uploaded as a draft: IMPORT_NO_TEXT_LAYER', async () => {
    expect(await codeOf(importFile(Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), 'x.docx'))).toBe('IMPORT_NO_TEXT_LAYER');
  });

  it('a password-protected .docx (an OLE container with EncryptedPackage): IMPORT_ENCRYPTED', async () => {
    const ole = Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(504), Buffer.from('EncryptionInfo', 'utf16le'), Buffer.from('EncryptedPackage', 'utf16le')]);
    expect(await codeOf(importFile(ole, 'draft.docx'))).toBe('IMPORT_ENCRYPTED');
  });

  it('a corrupt PDF, .doc and .docx: a code and a Chinese message, never a crash', async () => {
    const pdf = file('regulation-gas-chapters.pdf');
    expect(await codeOf(importFile(Buffer.concat([pdf.subarray(0, 2000), Buffer.alloc(3000, 7)]), 'x.pdf'))).toMatch(/^IMPORT_(BAD_PDF|NO_TEXT_LAYER)$/);
    const doc = Buffer.from(file('regulation-gas-chapters.doc'));
    doc.fill(0x41, 1024, 9000);
    expect(await codeOf(importFile(doc, 'x.doc'))).toMatch(/^IMPORT_/);
    const docx = file('opinion-jiangsu-autonumbered.docx');
    expect(await codeOf(importFile(docx.subarray(0, docx.length >> 1), 'x.docx'))).toBe('IMPORT_BAD_DOCX');
  });

  it('an Excel workbook or an .odt: IMPORT_UNSUPPORTED_FORMAT', async () => {
    const zip = new JSZip();
    zip.file('xl/workbook.xml', '<workbook/>');
    expect(await codeOf(importFile(await zip.generateAsync({ type: 'nodebuffer' }), 'x.docx'))).toBe('IMPORT_UNSUPPORTED_FORMAT');
  });

  it('a zip bomb: refused from the sizes it declares, before inflating', async () => {
    const zip = new JSZip();
    zip.file('word/document.xml', '<w:document/>', { compression: 'DEFLATE' });
    const bomb = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
    // a few bytes that say they unpack to 3 GB, as a crafted bomb's entries do
    for (let at = bomb.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])); at >= 0; at = bomb.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), at + 4)) bomb.writeUInt32LE(3_000_000_000, at + 24);
    bomb.writeUInt32LE(3_000_000_000, 22);
    const started = Date.now();
    expect(await codeOf(importFile(bomb, 'x.docx'))).toBe('IMPORT_TOO_LARGE');
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('a zip bomb whose entry lies about its size: inflating stops at the limit', async () => {
    const zip = new JSZip();
    zip.file('word/document.xml', ' '.repeat(4 * 1024 * 1024), { compression: 'DEFLATE' });
    const bomb = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 1 } });
    for (let at = bomb.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])); at >= 0; at = bomb.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), at + 4)) bomb.writeUInt32LE(1000, at + 24);
    bomb.writeUInt32LE(1000, 22);
    // the same reader with a 1 MB limit in place of the real 80 MB one
    expect(await codeOf(docxXmlBlocks(bomb, 1024 * 1024))).toBe('IMPORT_TOO_LARGE');
  });

  it('garbled bytes of any format yield a result or an IMPORT_* DomainError', async () => {
    const seeds = ['opinion-jiangsu-autonumbered.docx', 'regulation-gas-chapters.doc', 'regulation-gas-chapters.pdf'].map(file);
    await fc.assert(
      fc.asyncProperty(fc.nat(seeds.length - 1), fc.array(fc.tuple(fc.nat(), fc.nat(255)), { minLength: 1, maxLength: 20 }), async (k, flips) => {
        const buf = Buffer.from(seeds[k]);
        for (const [at, byte] of flips) buf[at % buf.length] = byte;
        try {
          await importFile(buf, 'x');
        } catch (err) {
          expect(err).toBeInstanceOf(DomainError);
          expect((err as DomainError).code).toMatch(/^IMPORT_[A-Z_]+$/);
        }
      }),
      { numRuns: 40 },
    );
  });
});

/** A one-page PDF whose page draws only the given content stream (no text). */
function minimalPdf(content: string): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}
