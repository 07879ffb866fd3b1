import { DomainError } from '@zq/common';
import { demoDirectory, UnitNameResolver } from '@zq/directory';
import type { ImportResult, ParsedClause } from '../clause-tree';
import { decodeText, importDocx, importFile, importText } from './import-draft';

const resolver = new UnitNameResolver(demoDirectory());
const load = (text: string) => importText(text, { resolver });

/** kind:label:heading of every clause, indented by depth, to compare shapes at a glance. */
function outline(clauses: ParsedClause[], depth = 0): string[] {
  return clauses.flatMap((c) => [`${'  '.repeat(depth)}${c.kind}:${c.label}:${c.heading}`, ...outline(c.children, depth + 1)]);
}

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    if (err instanceof DomainError) return err.code;
    throw err;
  }
  return undefined;
}

describe('drafts in other shapes', () => {
  it('detects item numbering that restarts in each section, whatever the dot', () => {
    const r = load(`关于加强城镇燃气安全管理的实施意见
（征求意见稿）

为加强城镇燃气安全管理，现提出如下意见。

一、重点任务
（一）排查整治
1．全面排查。对城镇燃气管网开展全面排查，建立隐患清单。（责任单位：省建设厅、省应急管理厅）
2．限期整改。对排查发现的隐患，督促责任主体限期整改到位。（责任部门：省建设厅）
(二) 长效管理
1. 健全制度。建立燃气安全管理长效机制，明确各方责任。
2、加强宣传。通过多种渠道普及燃气安全知识，提高群众安全意识。
`);
    expect(r.title).toBe('关于加强城镇燃气安全管理的实施意见（征求意见稿）');
    expect(r.letter).toBeUndefined();
    expect(r.numbering.items).toBe('per_section');
    expect(outline(r.clauses)).toEqual([
      'paragraph::',
      'part:一、:重点任务',
      '  section:（一）:排查整治',
      '    item:1.:全面排查',
      '    item:2.:限期整改',
      '  section:（二）:长效管理',
      '    item:1.:健全制度',
      '    item:2.:加强宣传',
    ]);
    const [first, second] = r.clauses[1].children[0].children;
    // no 列第一位的为牵头单位 in this draft: nobody is lead
    expect(first.responsibleUnits).toEqual([
      { name: '省建设厅', isLead: false },
      { name: '省应急管理厅', isLead: false },
    ]);
    expect(second.responsibleUnits).toEqual([{ name: '省建设厅', isLead: false }]);
    expect(r.warnings).toEqual([
      { code: 'UNIT_UNKNOWN', message: '第8行：“省应急管理厅”不在单位名录中，请人工确认', line: 8, clause: '1.0.0' },
    ]);
  });

  it('nests items directly under parts when a draft has no sections', () => {
    const r = load(`关于推进小城镇环境卫生提升的通知

一、工作任务
1. 清理垃圾。全面清理城镇垃圾死角，做到日产日清。
2. 整治河道。开展河道清淤，恢复水体自净能力。
二、保障措施
3. 加强督查。定期通报各地工作进展，对工作滞后的予以督促。
`);
    expect(outline(r.clauses)).toEqual([
      'part:一、:工作任务',
      '  item:1.:清理垃圾',
      '  item:2.:整治河道',
      'part:二、:保障措施',
      '  item:3.:加强督查',
    ]);
    expect(r.numbering.items).toBe('continuous');
    expect(r.warnings).toEqual([]);
  });

  it('reads notes standing as their own paragraph after the item, bracketed or bare', () => {
    const r = load(`关于深化美丽乡村建设的意见

一、主要任务
1. 改善人居环境。深入推进农村人居环境整治，持续提升村容村貌。
（责任单位：省农业农村厅、省建设厅、省生态环境厅。列第一位的为牵头单位。）
2. 完善基础设施。推进农村公路、供水、电网等设施提档升级。
责任单位：省交通运输厅、省水利厅
3. 发展乡村产业。培育乡村特色产业，促进农民增收。
牵头单位：省农业农村厅；配合单位：省商务厅、省文旅厅
4. 加强文化建设。保护传统村落，传承乡土文化。（责任单位：省文化和旅游厅（牵头）、省文物局）
`);
    const items = r.clauses[0].children;
    expect(items.map((i) => i.children.length)).toEqual([0, 0, 0, 0]);
    expect(items[0].responsibleUnits.map((u) => [u.name, u.isLead])).toEqual([
      ['省农业农村厅', true],
      ['省建设厅', false],
      ['省生态环境厅', false],
    ]);
    // the rule had no 下同: it applied to item 1 only
    expect(items[1].responsibleUnits).toEqual([
      { name: '省交通运输厅', isLead: false },
      { name: '省水利厅', isLead: false },
    ]);
    expect(items[1].responsibilityRaw).toBe('责任单位：省交通运输厅、省水利厅');
    expect(items[2].responsibleUnits).toEqual([
      { name: '省农业农村厅', isLead: true },
      { name: '省商务厅', isLead: false },
      { name: '省文化和旅游厅', isLead: false },
    ]);
    expect(items[3].responsibleUnits).toEqual([
      { name: '省文化和旅游厅', isLead: true },
      { name: '省文物局', isLead: false },
    ]);
    expect(items[3].text).toBe('保护传统村落，传承乡土文化。');
    expect(r.warnings).toEqual([]);
  });

  it('reads four levels: 一、/（一）/1./（1）', () => {
    const r = load(`城镇污水处理提质增效三年行动方案

一、总体要求
（一）工作目标
1. 提升收集率。到2025年，城市生活污水集中收集率达到70%以上。
（1）完善管网。新建改造污水管网1000公里。
（2）消除空白区。基本消除城中村、老旧城区污水收集处理设施空白区。
2. 提升处理能力。加快补齐污水处理能力缺口。
（二）基本原则
——系统推进，标本兼治。统筹污水收集与处理，避免重厂轻网。
`);
    expect(outline(r.clauses)).toEqual([
      'part:一、:总体要求',
      '  section:（一）:工作目标',
      '    item:1.:提升收集率',
      '      subitem:（1）:完善管网',
      '      subitem:（2）:消除空白区',
      '    item:2.:提升处理能力',
      '  section:（二）:基本原则',
      '    paragraph::',
    ]);
    const sub = r.clauses[0].children[0].children[0].children[0];
    expect(sub).toMatchObject({ kind: 'subitem', number: 1, text: '新建改造污水管网1000公里。' });
  });

  it('imports a plain draft with no letter, no title and no numbering as paragraphs', () => {
    const r = load('为规范城镇建设管理，制定本办法。\n\n本办法自发布之日起施行。\n');
    expect(r.title).toBe('');
    expect(r.letter).toBeUndefined();
    expect(r.clauses.map((c) => c.text)).toEqual(['为规范城镇建设管理，制定本办法。', '本办法自发布之日起施行。']);
    expect(r.warnings.map((w) => w.code)).toEqual(['NO_TITLE']);
  });

  it('drops page numbers and joins the sentence they interrupted', () => {
    const r = load(`关于加快发展县域经济的意见

一、总体要求
（一）指导思想。以新发展理念为引领，坚持以人为本，推进县域经济高质量发展，着

- 3 -

力构建现代化产业体系，持续增强县域综合实力和

—4—

5

竞争力。
`);
    const section = r.clauses[0].children[0];
    expect(section.heading).toBe('指导思想');
    expect(section.text).toBe('以新发展理念为引领，坚持以人为本，推进县域经济高质量发展，着力构建现代化产业体系，持续增强县域综合实力和竞争力。');
  });

  it('keeps a heading on its own line apart from the paragraph after it', () => {
    const r = load(`关于推进城镇有机更新的意见

一、主要任务
1. 推进老旧小区改造
以2000年底前建成的老旧小区为重点，完善配套设施。
`);
    const item = r.clauses[0].children[0];
    expect(item).toMatchObject({ heading: '推进老旧小区改造', text: '' });
    expect(item.children.map((c) => c.text)).toEqual(['以2000年底前建成的老旧小区为重点，完善配套设施。']);
  });

  it('warns where numbering skips', () => {
    const r = load(`关于某事项的意见

一、第一部分
1. 甲事项。具体内容甲。
3. 丙事项。具体内容丙。
`);
    expect(r.warnings).toEqual([
      { code: 'NUMBERING_GAP', message: '第5行：编号“3.”与前文不连续，此处应为“2.”', line: 5, clause: '0.1' },
    ]);
  });

  it('reads a letter that counts silence as no comment, with the year rolling over', () => {
    const r = load(`关于征求《城镇燃气管理办法（征求意见稿）》意见的函

各设区市建设局：
现将办法征求意见稿印送你们，请于1月10日前反馈意见，逾期未反馈的视为无意见。
联系人：李明，电话：0571-87050000。

附件：城镇燃气管理办法（征求意见稿）

省建设厅
2023年12月20日

附件1

城镇燃气管理办法
（征求意见稿）

第一部分内容如下。
一、总则
（一）适用范围。本办法适用于本省行政区域内的城镇燃气管理。
`);
    expect(r.title).toBe('城镇燃气管理办法（征求意见稿）');
    expect(r.letter).toEqual({
      deadline: '2024-01-10T23:59:59+08:00',
      contact: { name: '李明', phone: '0571-87050000' },
      rules: ['silence_is_no_comment'],
      annexUnits: [],
      date: '2023-12-20',
    });
    expect(r.clauses.map((c) => c.kind)).toEqual(['paragraph', 'part']);
  });

  it('keeps a draft’s own numbered annexes inside the draft', () => {
    const r = load(`关于征求意见的函
请于6月1日前反馈。联系人：王芳，联系电话：0571-88888888。
附件：1. 关于推进某项工作的意见
2. 征求意见单位名单
2023年5月20日

附件1

关于推进某项工作的意见

一、工作任务
1. 做好甲工作。具体内容。
附件：1. 任务清单 2. 进度安排

附件1

任务清单

序号\t任务
1\t甲
2\t乙

附件2

进度安排

时间\t事项
6月\t启动
7月\t完成

附件2

征求意见单位名单

省建设厅、省水利厅、杭州市建委
`);
    expect(r.clauses.filter((c) => c.kind === 'annex').map((c) => `${c.label}:${c.heading}`)).toEqual(['附件1:任务清单', '附件2:进度安排']);
    expect(r.letter!.annexUnits).toEqual([{ name: '省建设厅' }, { name: '省水利厅' }, { name: '杭州市建设局' }]);
  });

  it('reports unknown and unresolvable names but keeps them as printed', () => {
    const r = load(`关于某事项的意见

1. 甲事项。具体内容甲。（责任单位：省外事办、省建设厅）
`);
    expect(r.clauses[0].responsibleUnits.map((u) => u.name)).toEqual(['省外事办', '省建设厅']);
    expect(r.warnings.map((w) => w.code)).toEqual(['UNIT_UNKNOWN']);
  });

  it('keeps names as printed when no directory is given', () => {
    const r = importText('关于某事项的意见\n\n1. 甲事项。具体内容甲。（责任单位：省市场监管局）\n');
    expect(r.clauses[0].responsibleUnits).toEqual([{ name: '省市场监管局', isLead: false }]);
  });
});

describe('scale', () => {
  it('joins 100,000 wrapped lines in linear time', () => {
    const text = `关于某事项的意见\n\n1. 加强领导。${Array.from({ length: 100_000 }, () => '城镇建设城镇建设城镇建设城镇建设').join('\n')}。`;
    const started = Date.now();
    const r = importText(text);
    expect(r.clauses[0]).toMatchObject({ heading: '加强领导', children: [] });
    expect(r.clauses[0].text).toHaveLength(1_600_001);
    expect(Date.now() - started).toBeLessThan(10_000); // a quadratic join takes minutes
  });
});

describe('import errors', () => {
  it('refuses an empty file', () => {
    expect(codeOf(() => importText(' \n\n\u3000\n'))).toBe('IMPORT_EMPTY');
  });

  it('refuses a file with a title and nothing else', () => {
    expect(codeOf(() => importText('关于某事项的意见\n'))).toBe('IMPORT_NO_CLAUSES');
  });

  it('refuses binary content and names the line', () => {
    try {
      importText('关于某事项的意见\n正文。\n\u0000\u0001');
      throw new Error('expected an error');
    } catch (err) {
      expect(err).toBeInstanceOf(DomainError);
      expect(err).toMatchObject({ code: 'IMPORT_NOT_TEXT', details: { line: 3 } });
      expect(err.message).toContain('第3行');
    }
  });

  it('refuses a .docx that is not one', async () => {
    await expect(importDocx(Buffer.from('not a zip file'))).rejects.toMatchObject({ code: 'IMPORT_BAD_DOCX' });
  });

  it('reads a GB18030 text file as Chinese', async () => {
    const gbk = Buffer.from('b9d8d3dab2e2cad4b5c4d2e2bcfb0a0a312e20b2e2cad4a1a3c4dac8dda1a30a', 'hex'); // 关于测试的意见\n\n1. 测试。内容。
    expect(decodeText(gbk)).toBe('关于测试的意见\n\n1. 测试。内容。\n');
    const r: ImportResult = await importFile(gbk, 'draft.txt');
    expect(r.title).toBe('关于测试的意见');
  });

  it('reads a UTF-16 text file saved by Notepad', async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('关于测试的意见\n\n1. 测试。内容。\n', 'utf16le')]);
    expect((await importFile(utf16, 'draft.txt')).title).toBe('关于测试的意见');
  });
});
