import { mergedCategories } from './merged-categories';
import { readFileSync } from 'fs';
import { join } from 'path';
import { inflateRawSync } from 'zlib';
import { demoDirectory, UnitNameResolver } from '@zq/directory';
import type { ImportResult, ParsedClause } from '../clause-tree';
import { importDocx, importText } from '../importer/import-draft';
import { composeNote } from './clause-lines';
import { renderDocx } from './render-docx';
import { renderText } from './render-text';

const FIXTURE = join(__dirname, '../../../../test/fixtures/beautiful-towns-round2-letter.txt');
const resolver = new UnitNameResolver(demoDirectory());

/** What a round trip must keep of a clause. */
function essence(c: ParsedClause): unknown {
  return {
    kind: c.kind,
    label: c.label,
    number: c.number,
    heading: c.heading,
    text: c.text,
    units: c.responsibleUnits,
    rows: c.table ? mergedCategories(c.table.rows) : undefined,
    children: c.children.map(essence),
  };
}

/** One file out of a .docx (a ZIP), read through its central directory. */
function zipEntry(zip: Buffer, name: string): string {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  let at = zip.readUInt32LE(eocd + 16);
  for (let n = zip.readUInt16LE(eocd + 10); n > 0; n--) {
    const method = zip.readUInt16LE(at + 10);
    const size = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const extra = zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    if (zip.toString('utf8', at + 46, at + 46 + nameLength) === name) {
      const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
      const data = zip.subarray(start, start + size);
      return (method === 8 ? inflateRawSync(data) : data).toString('utf8');
    }
    at += 46 + nameLength + extra;
  }
  throw new Error(`${name} not in the archive`);
}

describe('renderers', () => {
  let reference: ImportResult;
  beforeAll(() => {
    reference = importText(readFileSync(FIXTURE, 'utf8'), { resolver });
  });

  it('renders the reference draft as text that imports to the same tree', () => {
    const text = renderText(reference);
    const back = importText(text, { resolver });
    expect(back.title).toBe(reference.title);
    expect(back.clauses.map(essence)).toEqual(reference.clauses.map(essence));
    expect(back.numbering).toEqual(reference.numbering);
  });

  it('writes clean text: title first, one clause a paragraph, notes after their text, tables by tabs', () => {
    const lines = renderText(reference).trimEnd().split('\n\n');
    expect(lines[0]).toBe('关于全面推进现代化美丽城镇建设的意见（二次征求意见稿）');
    expect(lines).toContain('一、总体要求');
    expect(lines).toContain('（一）指导思想');
    expect(lines.find((l) => l.startsWith('4.'))).toMatch(/^4\.推进新型城市基础设施建设。推动.*提升城镇智能服务水平。（责任单位：省建设厅、省经信厅、省广电局、省通信管理局\)$/);
    expect(lines).toContain('附件');
    expect(lines.find((l) => l.startsWith('序号'))!.split('\n')).toHaveLength(19);
  });

  it('exports the reference draft to .docx and imports it back to the same tree', async () => {
    const docx = await renderDocx(reference);
    const back = await importDocx(docx, { resolver });
    expect(back.title).toBe(reference.title);
    expect(back.clauses.map(essence)).toEqual(reference.clauses.map(essence));
    expect(back.numbering).toEqual(reference.numbering);
  });

  it('typesets the .docx as an official document', async () => {
    const xml = zipEntry(await renderDocx(reference), 'word/document.xml');
    const paragraphOf = (text: string) => {
      const at = xml.indexOf(`>${text}<`);
      return xml.slice(xml.lastIndexOf('<w:p>', at) >= 0 ? xml.lastIndexOf('<w:p>', at) : xml.lastIndexOf('<w:p ', at), at);
    };
    // a title too long for one line of 二号 breaks before its （…稿）, not inside a word
    const [, main, stage] = /^(.+?)(（[^（）]+）)$/.exec(reference.title)!;
    const title = paragraphOf(main);
    expect(xml.slice(xml.indexOf(`>${main}<`), xml.indexOf(`>${stage}<`))).toContain('<w:br/>');
    expect(title).toContain('w:eastAsia="方正小标宋简体"');
    expect(title).toContain('<w:jc w:val="center"/>');
    expect(title).toContain('<w:sz w:val="44"/>');
    expect(paragraphOf('一、总体要求')).toContain('w:eastAsia="黑体"');
    expect(paragraphOf('（一）指导思想')).toContain('w:eastAsia="楷体_GB2312"');
    const body = paragraphOf(reference.clauses[0].text);
    expect(body).toContain('w:eastAsia="仿宋_GB2312"');
    expect(body).toContain('<w:sz w:val="32"/>');
    expect(body).toMatch(/w:firstLineChars="200"/);
    expect(xml.match(/<w:tbl>/g)).toHaveLength(1);
    expect(xml.match(/<w:tr>|<w:tr /g)).toHaveLength(19);
    // the 指标类别 printed once for its rows: merged cells, the header row repeated on each page
    expect(xml).toContain('<w:vMerge w:val="restart"/>');
    expect(xml).toContain('<w:vMerge w:val="continue"/>');
    expect(xml).toContain('<w:tblHeader/>');
  });

  it('numbers the pages as GB/T 9704 does: "— 1 —" in 4号 宋体, odd pages right, even pages left', async () => {
    const docx = await renderDocx(reference);
    expect(zipEntry(docx, 'word/settings.xml')).toContain('<w:evenAndOddHeaders/>');
    const xml = zipEntry(docx, 'word/document.xml');
    const refs = [...xml.matchAll(/<w:footerReference w:type="(\w+)" r:id="(\w+)"\/>/g)].map((m) => m[1]).sort();
    expect(refs).toEqual(['default', 'even']);
    const footers = [1, 2].map((n) => zipEntry(docx, `word/footer${n}.xml`));
    for (const f of footers) {
      expect(f).toMatch(/PAGE/);
      expect(f).toContain('w:eastAsia="宋体"');
      expect(f).toContain('<w:sz w:val="28"/>');
      expect(f).toContain('— ');
    }
    expect(footers.map((f) => /<w:jc w:val="(\w+)"\/>/.exec(f)![1]).sort()).toEqual(['left', 'right']);
  });

  it('writes a note from the units when the clause has none printed', () => {
    expect(composeNote([])).toBe('');
    expect(composeNote([{ name: '省建设厅', isLead: false }, { name: '省水利厅', isLead: false }])).toBe('（责任单位：省建设厅、省水利厅）');
    expect(composeNote([{ name: '省建设厅', isLead: true }, { name: '省水利厅', isLead: false }])).toBe('（责任单位：省建设厅、省水利厅。列第一位的为牵头单位。）');
    expect(composeNote([{ name: '省建设厅', isLead: false }, { name: '省水利厅', isLead: true }])).toBe('（牵头单位：省水利厅；配合单位：省建设厅）');
  });

  it('renders a clause built by hand, with units but no printed note, so that it imports back', () => {
    const doc = {
      title: '关于测试的意见',
      clauses: [
        {
          kind: 'item' as const,
          label: '1.',
          number: 1,
          heading: '加强领导',
          text: '各地要加强组织领导，明确责任分工。',
          responsibleUnits: [
            { name: '省建设厅', isLead: true },
            { name: '省水利厅', isLead: false },
          ],
          children: [],
        },
      ],
    };
    const back = importText(renderText(doc), { resolver });
    expect(back.clauses[0]).toMatchObject({ heading: '加强领导', text: doc.clauses[0].text, responsibleUnits: doc.clauses[0].responsibleUnits });
  });
});
