import { existsSync, readFileSync } from 'fs';
import { join } from 'path';
import { demoDirectory, UnitNameResolver } from '@zq/directory';
import type { ImportResult, ParsedClause } from '../clause-tree';
import { importText } from './import-draft';

const FIXTURE = join(__dirname, '../../../../test/fixtures/beautiful-towns-round2-letter.txt');
/** the shared original, present on the team's machines only */
const SHARED = join(__dirname, '../../../../../shared/fixtures/beautiful-towns-round2-letter.txt');

describe('importing the 美丽城镇 round-2 letter', () => {
  let result: ImportResult;
  const byKind = (kind: string, clauses = result.clauses) => clauses.filter((c) => c.kind === kind);
  const items = () => byKind('part')[1].children.flatMap((s) => byKind('item', s.children));
  const item = (n: number) => items().find((c) => c.number === n)!;

  beforeAll(() => {
    result = importText(readFileSync(FIXTURE, 'utf8'), { resolver: new UnitNameResolver(demoDirectory()) });
  });

  (existsSync(SHARED) ? it : it.skip)('uses a copy identical to the shared fixture', () => {
    expect(readFileSync(FIXTURE, 'utf8')).toBe(readFileSync(SHARED, 'utf8'));
  });

  it('takes the title from the draft, brackets full-width', () => {
    expect(result.title).toBe('关于全面推进现代化美丽城镇建设的意见（二次征求意见稿）');
  });

  it('reads the three parts with 3, 5 and 3 sections', () => {
    const parts = byKind('part');
    expect(parts.map((p) => `${p.label}${p.heading}`)).toEqual(['一、总体要求', '二、主要任务', '三、保障措施']);
    expect(parts.map((p) => byKind('section', p.children).length)).toEqual([3, 5, 3]);
    expect(byKind('section', parts[1].children).map((s) => s.heading)).toEqual([
      '实施设施提标行动，推进基础设施现代化',
      '实施服务提质行动，推进公共服务现代化',
      '实施产城融合行动，推进产业园区现代化',
      '实施风貌彰显行动，推进人文环境现代化',
      '实施治理增效行动，推进综合治理现代化',
    ]);
  });

  it('numbers items 1–18 straight through the sections of 二、主要任务 and says so', () => {
    expect(items().map((c) => c.number)).toEqual(Array.from({ length: 18 }, (_, i) => i + 1));
    expect(items().map((c) => c.label).slice(0, 3)).toEqual(['1.', '2.', '3.']);
    expect(result.numbering.items).toBe('continuous');
  });

  it('splits an item into heading and text, and cuts the note off the text', () => {
    const first = item(1);
    expect(first.heading).toBe('提升市政设施品质');
    expect(first.text.startsWith('按照适度超前、协同高效、持续发展的建设理念')).toBe(true);
    expect(first.text.endsWith('全面消除垃圾违法倾倒处置。')).toBe(true);
    expect(first.responsibilityRaw).toBe('（责任单位：省建设厅、省生态环境厅、省交通运输厅、省水利厅、省农业农村厅、省商务厅。列第一位的为牵头单位，下同。）');
  });

  it("reads item 1's units with 省建设厅 as lead", () => {
    expect(item(1).responsibleUnits).toEqual([
      { name: '省建设厅', isLead: true },
      { name: '省生态环境厅', isLead: false },
      { name: '省交通运输厅', isLead: false },
      { name: '省水利厅', isLead: false },
      { name: '省农业农村厅', isLead: false },
      { name: '省商务厅', isLead: false },
    ]);
  });

  it('keeps 列第一位的为牵头单位 for later items because the note says 下同', () => {
    expect(item(2).responsibleUnits[0]).toEqual({ name: '省交通运输厅', isLead: true });
    expect(item(17).responsibleUnits.filter((u) => u.isLead).map((u) => u.name)).toEqual(['省自然资源厅']);
  });

  it('reads the note of item 4 broken over lines and closed by a half-width bracket', () => {
    expect(item(4).responsibleUnits.map((u) => u.name)).toEqual(['省建设厅', '省经信厅', '省广电局', '省通信管理局']);
    expect(item(4).text.endsWith('提升城镇智能服务水平。')).toBe(true);
  });

  it('resolves 省市场监督管理局 (item 8) and 省市场监管局 (item 10) to the same unit', () => {
    expect(item(8).responsibleUnits.map((u) => u.name)).toContain('省市场监督管理局');
    expect(item(10).responsibleUnits.map((u) => u.name)).toContain('省市场监督管理局');
    expect(item(10).responsibilityRaw).toContain('省市场监管局');
  });

  it('joins sentences broken by blank lines and page breaks without adding spaces', () => {
    const principles = byKind('part')[0].children[1];
    expect(principles.heading).toBe('基本原则');
    expect(principles.children).toHaveLength(4);
    expect(principles.children.every((c) => c.kind === 'paragraph' && c.text.startsWith('——'))).toBe(true);
    expect(principles.children[0].text).toContain('对美好生活的向往，推动幼有善育');
    expect(item(12).text).toContain('重点推进老集镇');
  });

  it('removes spaces next to Chinese text', () => {
    const guiding = byKind('part')[0].children[0];
    expect(guiding.children[0].text).toContain('加快提升全省1000个左右小城镇');
    expect(item(2).text).toContain('公共交通导向TOD一体化开发');
  });

  it('reads 保障措施 as sections with a heading and text', () => {
    const safeguards = byKind('part')[2].children;
    expect(safeguards.map((s) => s.heading)).toEqual(['强化组织领导', '强化要素保障', '强化改革创新']);
    expect(safeguards[2].text).toMatch(/^持续推进农业人口转移市民化，探索与农业转移人口/);
    expect(safeguards.every((s) => s.children.length === 0)).toBe(true);
  });

  it('keeps the preamble as a top-level paragraph', () => {
    expect(result.clauses[0].kind).toBe('paragraph');
    expect(result.clauses[0].text).toMatch(/^为贯彻党的二十大精神.*提出如下意见。$/);
  });

  it('imports the draft annex with its table of 18 target rows, kept as printed', () => {
    const annex = byKind('annex')[0];
    expect(annex.heading).toBe('推进现代化美丽城镇建设目标值');
    const table = annex.children[0] as ParsedClause;
    expect(table.kind).toBe('table');
    const rows = table.table!.rows;
    expect(rows[0]).toEqual(['序号', '指标类别', '主要指标', '2023年', '2025年', '2027年']);
    expect(rows).toHaveLength(19);
    expect(rows.slice(1).map((r) => r[0])).toEqual(Array.from({ length: 18 }, (_, i) => String(i + 1)));
    expect(rows[9][2]).toBe('建成区15分钟生活圈覆盖率（%）');
  });

  it('warns about the two rows the PDF extraction shifted, pointing at their lines', () => {
    const suspects = result.warnings.filter((w) => w.code === 'TABLE_ROW_SUSPECT');
    expect(suspects.map((w) => w.line)).toEqual([148, 149]);
    expect(suspects[0].message).toContain('表格第14行');
  });

  it('reads the letter: deadline with the letter year, contact and rules', () => {
    expect(result.letter).toMatchObject({
      deadline: '2023-05-23T23:59:59+08:00',
      date: '2023-05-17',
      contact: { name: '陈泽', phone: '0571-89892005' },
    });
    expect(result.letter!.rules).toEqual(['seal_required', 'city_approval_required', 'no_comment_must_be_written']);
  });

  it('reads the 23 units of 附件2, all resolved to the directory', () => {
    const units = result.letter!.annexUnits;
    expect(units).toHaveLength(23);
    const inAnnex = demoDirectory().filter((u) => u.inRound2Annex).map((u) => u.shortName);
    expect(units.map((u) => u.name).sort()).toEqual([...inAnnex].sort());
    expect(result.warnings.filter((w) => w.code.startsWith('UNIT_'))).toEqual([]);
  });

  it('keeps the letter and its unit list out of the clause tree', () => {
    const all = JSON.stringify(result.clauses);
    expect(all).not.toContain('联系人');
    expect(all).not.toContain('省委编办');
  });

  it('has no warnings other than the shifted table rows', () => {
    expect(result.warnings.map((w) => w.code)).toEqual(['TABLE_ROW_SUSPECT', 'TABLE_ROW_SUSPECT']);
  });
});
