import { readFileSync } from 'fs';
import { join } from 'path';
import { DomainError } from '@zq/common';
import { demoDirectory, UnitNameResolver } from '@zq/directory';
import fc from 'fast-check';
import type { ClauseKind, ImportResult, ParsedClause } from '../clause-tree';
import { importText } from './import-draft';

const DIR = join(__dirname, '../../../../test/fixtures/drafts');
const resolver = new UnitNameResolver(demoDirectory());
const load = (name: string) => importText(readFileSync(join(DIR, name), 'utf8'), { resolver });

function all(clauses: ParsedClause[]): ParsedClause[] {
  return clauses.flatMap((c) => [c, ...all(c.children)]);
}
const count = (r: ImportResult, kind: ClauseKind) => all(r.clauses).filter((c) => c.kind === kind).length;
const heads = (clauses: ParsedClause[], kind: ClauseKind) => clauses.filter((c) => c.kind === kind).map((c) => `${c.label}${c.heading}`);

describe('a provincial regulation draft with 章 and 节 (regulation-gas-chapters.txt)', () => {
  const r = load('regulation-gas-chapters.txt');
  const articles = all(r.clauses).filter((c) => c.kind === 'article');

  it('takes the title with its stage, and skips the 目录', () => {
    expect(r.title).toBe('浙江省城镇燃气管理条例（修订草案征求意见稿）');
    expect(heads(r.clauses, 'chapter')).toEqual(['第一章总则', '第二章规划与建设', '第三章经营与服务', '第四章燃气使用', '第五章燃气设施保护', '第六章法律责任', '第七章附则']);
    expect(r.clauses.every((c) => c.kind === 'chapter')).toBe(true);
  });

  it('puts 第一节/第二节 as sections of 第二章 only, and numbers 34 articles through the text', () => {
    expect(heads(r.clauses[1].children, 'section')).toEqual(['第一节规划', '第二节建设']);
    expect(r.clauses.filter((c) => c !== r.clauses[1]).every((c) => c.children.every((a) => a.kind === 'article'))).toBe(true);
    expect(articles.map((a) => a.number)).toEqual(Array.from({ length: 34 }, (_, i) => i + 1));
    expect(articles[33]).toMatchObject({ label: '第三十四条', text: '本条例自2024年月日起施行。' });
    expect(r.warnings).toEqual([]);
  });

  it("reads an article's 款 as paragraphs and its （一） as items, the 1. under an item as subitems", () => {
    const art = (n: number) => articles[n - 1];
    expect(art(5).children.map((c) => c.kind)).toEqual(['paragraph', 'paragraph']);
    expect(art(6).children.map((c) => c.kind)).toEqual(['paragraph', ...Array(7).fill('item')]);
    const thirteen = art(13);
    expect(thirteen.children.map((c) => `${c.kind}:${c.label}`)).toEqual(['item:（一）', 'item:（二）', 'item:（三）', 'item:（四）', 'item:（五）', 'paragraph:']);
    expect(thirteen.children[2].children.map((c) => `${c.kind}:${c.label}`)).toEqual(['subitem:1.', 'subitem:2.', 'subitem:3.']);
    expect(thirteen.children[5].text).toBe('燃气经营者违反前款第三项规定的，燃气管理部门应当责令其限期改正。');
    expect(count(r, 'item')).toBe(37);
  });
});

describe('a 管理办法 with only 条 and an 附件 table (measures-annex-table.txt)', () => {
  const r = load('measures-annex-table.txt');
  const articles = r.clauses.filter((c) => c.kind === 'article');

  it('reads 13 articles, 第９条 and 第１０条 in full-width digits among them', () => {
    expect(r.title).toBe('杭州市城市地下管线管理办法（征求意见稿）');
    expect(articles.map((a) => a.label)).toEqual(['第一条', '第二条', '第三条', '第四条', '第五条', '第六条', '第七条', '第八条', '第九条', '第十条', '第十一条', '第十二条', '第十三条']);
  });

  it('reads (一) and mixed 1./2．/3、 as the items of their article', () => {
    expect(articles[3].children.map((c) => c.label)).toEqual(['（一）', '（二）', '（三）']);
    expect(articles[6].children.map((c) => `${c.kind}:${c.label}:${c.text}`)).toEqual([
      'item:1.:管线工程规划许可证；',
      'item:2.:施工图设计文件审查合格书；',
      'item:3.:施工合同及监理合同；',
      'item:4.:管线现状探测报告。',
    ]);
  });

  it('opens the annex at 附件： after the last article, its table under it', () => {
    const annex = r.clauses[r.clauses.length - 1];
    expect(annex).toMatchObject({ kind: 'annex', label: '附件', heading: '城市地下管线工程开工备案材料清单' });
    expect(annex.children[0].table!.rows).toHaveLength(6);
    expect(annex.children[0].table!.rows[0]).toEqual(['序号', '材料名称', '份数', '备注']);
  });
});

describe('opinions from other provinces', () => {
  it('Jiangsu: parts, sections, items 1–8 running on, notes with leads, an 附件 index and two annexes with their own lists', () => {
    const r = load('opinion-jiangsu.txt');
    expect(r.title).toBe('关于加快推进城市更新行动的实施意见（征求意见稿）');
    expect(heads(r.clauses, 'part')).toEqual(['一、总体要求', '二、重点任务', '三、保障措施']);
    expect(r.numbering.items).toBe('continuous');
    const items = all(r.clauses[2].children).filter((c) => c.kind === 'item');
    expect(items.map((c) => c.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(items[0].responsibleUnits[0]).toEqual({ name: '省自然资源厅', isLead: true });
    // 下同: later notes keep the rule
    expect(items[1].responsibleUnits.filter((u) => u.isLead).map((u) => u.name)).toEqual(['省建设厅']);
    // 牵头单位：…；配合单位：… names its lead itself
    expect(items[5].responsibleUnits.filter((u) => u.isLead).map((u) => u.name)).toEqual(['省建设厅']);
    const annexes = r.clauses.filter((c) => c.kind === 'annex');
    expect(annexes.map((a) => `${a.label}${a.heading}`)).toEqual(['附件1城市更新重点任务清单', '附件2城市更新评价指标体系']);
    expect(annexes[1].children.map((c) => `${c.label}${c.heading}`)).toEqual(['一、城市功能指标', '二、城市品质指标']);
    expect(annexes[1].children[0].children.map((c) => c.kind)).toEqual(['item', 'item']);
    expect(r.warnings.filter((w) => w.code === 'NUMBERING_GAP')).toEqual([]);
  });

  it('Guangdong: sections numbered on across parts, 11.121人才… and 1．1—苯基… are items', () => {
    const r = load('opinion-guangdong.txt');
    expect(r.title).toBe('广东省关于推进建筑业高质量发展的若干措施（征求意见稿）');
    expect(all(r.clauses).filter((c) => c.kind === 'section').map((c) => c.number)).toEqual([1, 2, 3, 4, 5]);
    const training = r.clauses[2].children[0];
    expect(training.children.map((c) => c.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(training.children[10]).toMatchObject({ label: '11.', heading: '121人才梯队项目' });
    const prefab = r.clauses[3].children[0];
    expect(prefab.children.map((c) => `${c.label}${c.heading}`)).toEqual(['1.1—苯基类建材限制使用', '2.提高装配率']);
    // the demo directory does not know 省人力资源社会保障厅; no numbering is reported as broken
    expect(r.warnings.map((w) => w.code)).toEqual(['UNIT_UNKNOWN']);
  });
});

describe('documents that come wrapped', () => {
  it('a plan inside a 印发 notice: the plan is the draft, 文号 and issuer are document facts', () => {
    const r = load('notice-wrapped-plan.txt');
    expect(r.title).toBe('宁波市生活垃圾分类提质增效行动方案（2023—2025年）');
    expect(r.document).toMatchObject({
      wrapper: 'notice',
      docNumber: '甬政办发〔2023〕41号',
      issuer: '宁波市人民政府办公厅',
      date: '2023-06-12',
      addressees: '各区（县、市）人民政府，市直及部省属驻甬各单位',
    });
    expect(r.letter).toBeUndefined();
    expect(r.clauses[0].text).toMatch(/^为进一步巩固/);
    expect(heads(r.clauses, 'part')).toEqual(['一、总体目标', '二、主要任务', '三、保障措施']);
    expect(count(r, 'item')).toBe(5);
    expect(all(r.clauses).find((c) => c.number === 3 && c.kind === 'item')!.responsibleUnits.map((u) => u.name)).toEqual(['市综合执法局', '各区〔县、市〕人民政府']);
  });

  it('a web copy of a public notice without its draft: metadata and notes as facts, the letter facts read', () => {
    const r = load('web-copy-consultation.txt');
    expect(r.title).toBe('浙江省住宅小区电动自行车充电设施建设管理办法（征求意见稿）');
    expect(r.clauses).toEqual([]);
    expect(r.letter).toEqual({
      deadline: '2023-08-02T23:59:59+08:00',
      contact: { name: '王晓明', phone: '0571-87054321' },
      email: 'zjjst_csjs@zj.gov.cn',
      address: '杭州市省府路8号省行政中心4号楼浙江省住房和城乡建设厅城市建设处（邮编：310025）',
      fax: '0571-87054322',
      rules: [],
      annexUnits: [],
      date: '2023-07-03',
    });
    expect(r.document).toMatchObject({ wrapper: 'web_copy', docNumber: '浙建公告〔2023〕8号', issuer: '浙江省住房和城乡建设厅', date: '2023-07-03' });
    expect(r.document!.notes).toHaveLength(2);
    expect(r.warnings.map((w) => w.code)).toEqual(['LETTER_WITHOUT_DRAFT']);
  });

  it('a bulletin: the title is the article, bare title lines head parts, masthead and 按 are facts', () => {
    const r = load('bulletin-work-news.txt');
    expect(r.title).toBe('湖州市多措并举全域推进现代化美丽城镇建设');
    expect(r.document).toMatchObject({ wrapper: 'bulletin', wrapperTitle: '浙江建设 工作动态 第14期', issuer: '浙江省住房和城乡建设厅办公室', date: '2023-05-26' });
    expect(r.document!.notes![0]).toMatch(/^近期，湖州市/);
    expect(heads(r.clauses, 'part')).toEqual(['强化规划引领', '突出设施提标', '注重风貌塑造', '创新治理机制']);
    expect(all(r.clauses).some((c) => /^(?:报|送)：|共印/.test(c.text))).toBe(false);
  });

  it('a web copy with metadata wrapping a draft takes the draft', () => {
    const r = importText(`---
标题: 关于印发《某市城镇老旧小区改造实施方案》的通知
文号: 某政办发〔2024〕3号
发布单位: 某市人民政府办公室
---
> 来源：某市人民政府门户网站

某市城镇老旧小区改造实施方案

一、改造范围
（一）改造对象。2000年底前建成的老旧小区。
`);
    expect(r.title).toBe('某市城镇老旧小区改造实施方案');
    expect(r.document).toMatchObject({ wrapper: 'web_copy', docNumber: '某政办发〔2024〕3号', issuer: '某市人民政府办公室' });
    expect(heads(r.clauses, 'part')).toEqual(['一、改造范围']);
  });
});

describe('regulation quirks', () => {
  it('reads an article on the line of its chapter title, and 一、 parts with 第X条 articles inside them', () => {
    const r = importText(`某某实施细则

一、总则
第一条 为了规范管理，制定本细则。
第二条 本细则适用于下列活动：
一、城镇建设；
二、乡村建设。
二、管理
第三条 主管部门负责监督。
第二章 附则 第四条 本细则自发布之日起施行。
`);
    expect(r.clauses.map((c) => `${c.kind}:${c.label}${c.heading}`)).toEqual(['part:一、总则', 'part:二、管理', 'chapter:第二章附则']);
    expect(r.clauses[0].children.map((c) => c.label)).toEqual(['第一条', '第二条']);
    expect(r.clauses[0].children[1].children.map((c) => `${c.kind}:${c.label}`)).toEqual(['item:一、', 'item:二、']);
    expect(r.clauses[2].children).toMatchObject([{ kind: 'article', label: '第四条', text: '本细则自发布之日起施行。' }]);
  });

  it('a wrapped line starting with 第五条规定 continues its sentence, it opens no article', () => {
    const r = importText(`某某办法

第四条 未按照要求报送材料的，依照本办法
第五条规定的，由主管部门责令改正。
第五条 本办法自发布之日起施行。
`);
    expect(r.clauses.map((c) => c.label)).toEqual(['第四条', '第五条']);
    expect(r.clauses[0].text).toBe('未按照要求报送材料的，依照本办法第五条规定的，由主管部门责令改正。');
  });
});

describe('garbled regulations', () => {
  const fragment = fc.oneof(
    fc.constantFrom('第一章', '第二节', '第一百二十三条', '第１２条', '目录', '目 录', '附则', '附件：', '附表1', '（一）', '(二)', '一、', '1．', '11.121', '---', '标题: x', '> 注', '第14期', '按：', '关于印发《某方案》的通知', '关于征求《某办法》意见的函', '联系人：', '截止时间为2023年13月40日', '电子邮箱：a@b.cn'),
    fc.string({ maxLength: 12 }),
  );
  it('yield a result or an IMPORT_* DomainError, nothing else', () => {
    fc.assert(
      fc.property(fc.array(fragment, { maxLength: 40 }), fc.constantFrom('\n', '', ' '), (parts, sep) => {
        try {
          const r = importText(parts.join(sep));
          expect(r.clauses.length > 0 || r.letter !== undefined).toBe(true);
        } catch (err) {
          expect(err).toBeInstanceOf(DomainError);
          expect((err as DomainError).code).toMatch(/^IMPORT_[A-Z_]+$/);
        }
      }),
      { numRuns: 1500 },
    );
  });
});

describe('held-out shapes (written after the parser, from real 征求意见稿 of these kinds)', () => {
  it('a 条例 draft with 章, 节 in one chapter only, 款, 项 and 目 under a 项 (regulation-waste-sections.txt)', () => {
    const r = load('regulation-waste-sections.txt');
    expect(r.title).toBe('浙江省生活垃圾管理条例（草案征求意见稿）');
    expect(heads(r.clauses, 'chapter')).toEqual(['第一章总则', '第二章规划与建设', '第三章分类投放、收集、运输和处理', '第四章促进减量与资源化利用', '第五章法律责任', '第六章附则']);
    expect(heads(r.clauses[2].children, 'section')).toEqual(['第一节分类投放', '第二节收集、运输和处理']);
    expect(r.clauses.filter((c, i) => i !== 2).every((c) => c.children.every((k) => k.kind === 'article'))).toBe(true);
    const articles = all(r.clauses).filter((c) => c.kind === 'article');
    expect(articles).toHaveLength(15);
    expect(articles[14]).toMatchObject({ label: '第十五条', text: '本条例自2025年1月1日起施行。' });
    // 第五条: a 款 that opens the list, its four 项, the third with two 目
    const fifth = articles[4];
    expect(fifth.children.map((c) => `${c.kind}:${c.label}`)).toEqual(['paragraph:', 'item:（一）', 'item:（二）', 'item:（三）', 'item:（四）']);
    expect(fifth.children[3].children.map((c) => `${c.kind}:${c.label}:${c.text}`)).toEqual(['subitem:1.:近期建设项目；', 'subitem:2.:远期建设项目；']);
    // 第四条: three 款; 第七条: four 项 then a 款 after them
    expect(articles[3].children.map((c) => c.kind)).toEqual(['paragraph', 'paragraph']);
    expect(articles[6].children.map((c) => c.kind)).toEqual(['item', 'item', 'item', 'item', 'paragraph']);
    expect(count(r, 'item')).toBe(11);
    expect(r.warnings).toEqual([]);
  });

  it('a 工作简报 issue (year and 总 issue numbers, 编者按, parts headed by bare title lines, distribution list) (bulletin-briefing.txt)', () => {
    const r = load('bulletin-briefing.txt');
    expect(r.title).toBe('湖州市扎实推进城镇燃气安全专项整治');
    expect(r.document).toMatchObject({ wrapper: 'bulletin', wrapperTitle: '住房城乡建设工作简报 2024年第5期（总第128期）', issuer: '浙江省住房和城乡建设厅办公室', date: '2024-05-20' });
    expect(r.document!.notes![0]).toMatch(/^湖州市在全省率先开展/);
    expect(r.clauses.map((c) => `${c.kind}:${c.heading}`)).toEqual(['paragraph:', 'part:压实安全责任', 'part:推进管网更新', 'part:强化执法检查']);
    expect(all(r.clauses).some((c) => /共印|报：|送：/.test(c.text))).toBe(false);
  });

  it('a 方案 in a 印发 notice under a masthead and 文号, with an 附件： line naming it in the notice (notice-wrapped-scheme.txt)', () => {
    const r = load('notice-wrapped-scheme.txt');
    expect(r.title).toBe('浙江省城镇老旧小区改造提升三年行动方案（2024—2026年）');
    expect(r.document).toMatchObject({
      wrapper: 'notice',
      wrapperTitle: '浙江省住房和城乡建设厅关于印发《浙江省城镇老旧小区改造提升三年行动方案（2024—2026年）》的通知',
      docNumber: '浙建〔2024〕12号',
      addressees: '各设区市建委（建设局），省级有关单位',
      issuer: '浙江省住房和城乡建设厅',
      date: '2024-03-15',
    });
    // nothing of the notice among the clauses: the preamble, three parts, the annex with its table
    expect(r.clauses.map((c) => `${c.kind}:${c.label}${c.heading}`)).toEqual(['paragraph:', 'part:一、总体目标', 'part:二、重点任务', 'part:三、保障措施', 'annex:附件城镇老旧小区改造年度计划表']);
    expect(count(r, 'item')).toBe(4);
    const items = all(r.clauses).filter((c) => c.kind === 'item');
    expect(items[1].responsibleUnits.map((u) => u.name)).toEqual(['省建设厅', '省消防救援总队']);
    expect(r.clauses[4].children[0].table!.rows).toHaveLength(3);
    expect(r.warnings.filter((w) => w.code === 'NO_TITLE')).toEqual([]);
  });
});
