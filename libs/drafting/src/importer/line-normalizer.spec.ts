import type { SourceBlock } from './blocks';
import { cleanLine, isPageNumber, joinLines } from './line-normalizer';

const lines = (...texts: string[]): SourceBlock[] => texts.map((text, i) => ({ type: 'line', text, line: i + 1 }));
const joined = (...texts: string[]) => joinLines(lines(...texts)).map((b) => (b.type === 'line' ? b.text : '<table>'));

describe('cleanLine', () => {
  it.each([
    ['全省 1000 个左右', '全省1000个左右'],
    ['(一) 指导思想', '(一)指导思想'],
    ['\u3000\u3000推进 5G 网络建设', '推进5G网络建设'],
    ['公共交通导向 TOD 一体化', '公共交通导向TOD一体化'],
    ['smart  city 建设', 'smart city建设'],
    ['1. 5G', '1. 5G'],
    ['附件 1', '附件1'],
    ['a\u0007b', 'ab'],
  ])('%j → %j', (raw, clean) => expect(cleanLine(raw)).toBe(clean));
});

describe('isPageNumber', () => {
  it.each(['2', '- 3 -', '—3—', '－12－', '第3页', '第3页共10页', '3/10'])('%j is a page number', (t) => expect(isPageNumber(t)).toBe(true));
  it.each(['2023年', '附件2', '1.', '（一）', '12345'])('%j is not', (t) => expect(isPageNumber(t)).toBe(false));
});

describe('joinLines', () => {
  it('joins a sentence broken at the line width, without a space', () => {
    expect(joined('——以人为本，全龄友好。满足人民群众对美好生活的向', '往，推动幼有善育。')).toEqual(['——以人为本，全龄友好。满足人民群众对美好生活的向往，推动幼有善育。']);
  });

  it('joins after a comma or enumeration mark however short the line', () => {
    expect(joined('（责任单位：省建设厅、', '省通信管理局)')).toEqual(['（责任单位：省建设厅、省通信管理局)']);
  });

  it('joins a short line left inside an open bracket', () => {
    expect(joined('（责任单位：省建设厅', '、省水利厅）')).toEqual(['（责任单位：省建设厅、省水利厅）']);
    expect(joined('不断提升水平。（责任单位：', '省交通运输厅、省广电局）')).toEqual(['不断提升水平。（责任单位：省交通运输厅、省广电局）']);
  });

  it('goes on after a bracket closed mid-sentence', () => {
    expect(joined('推动乡镇卫生院(社区卫生服务中心)', '达到国家服务能力标准。')).toEqual(['推动乡镇卫生院(社区卫生服务中心)达到国家服务能力标准。']);
  });

  it('ends a paragraph at a heading line, a closed note, a full stop, a date and a short signature line', () => {
    expect(joined('（一）实施设施提标行动，推进基础设施现代化', '加快补齐短板，提升品质。')).toHaveLength(2);
    expect(joined('不断提升水平。（责任单位：省建设厅）', '加快补齐短板，提升品质。')).toHaveLength(2);
    expect(joined('省城乡环境整治工作领导小组', '美丽城镇建设办公室', '2023年5月17日')).toHaveLength(3);
  });

  it('never joins into a line that starts a clause, a bullet, a note or an annex', () => {
    for (const next of ['2. 提升交通服务能力。', '（二）基本原则', '——因地制宜，分类施策。', '（责任单位：省建设厅）', '附件2', '附件：名单']) {
      expect(joined('持续推进以人为核心的新型城镇化，加快提升全省小城镇的', next)).toHaveLength(2);
    }
  });

  it('keeps an annex title whole, however long', () => {
    expect(joined('附件', '推进现代化美丽城镇建设目标值及分年度任务安排表', '序号为各地按实际填写的数值，请于年底前报送。')).toHaveLength(3);
  });

  it('keeps the first line of each physical line, so a warning can point at it', () => {
    const first = '推动多功能智能杆、智慧道路、智慧燃气、智慧水务建设，';
    const [block] = joinLines([
      { type: 'line', text: first, line: 60 },
      { type: 'line', text: '省通信管理局)', line: 70 },
    ]);
    expect(block).toMatchObject({ line: 60, starts: [{ at: 0, line: 60 }, { at: first.length, line: 70 }] });
  });
});
