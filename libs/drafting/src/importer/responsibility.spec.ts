import { demoDirectory, UnitNameResolver } from '@zq/directory';
import { isStandaloneNote, parseNote, ResponsibilityReader, splitTrailingNote } from './responsibility';
import { WarningLog } from './warning-log';

describe('splitTrailingNote', () => {
  it.each([
    ['处置。（责任单位：省建设厅、省水利厅。列第一位的为牵头单位，下同。）', '处置。', '（责任单位：省建设厅、省水利厅。列第一位的为牵头单位，下同。）'],
    ['建设。(责任单位：省建设厅、省自然资源厅)', '建设。', '(责任单位：省建设厅、省自然资源厅)'],
    ['建设。（责任单位：省建设厅、省广电局、省通信管理局)', '建设。', '（责任单位：省建设厅、省广电局、省通信管理局)'],
    ['整改。（责任部门：省建设厅）。', '整改。', '（责任部门：省建设厅）。'],
    ['整改。责任单位：省建设厅、省水利厅。', '整改。', '责任单位：省建设厅、省水利厅。'],
    ['传承。（责任单位：省文化和旅游厅（牵头）、省文物局）', '传承。', '（责任单位：省文化和旅游厅（牵头）、省文物局）'],
  ])('%j', (text, body, note) => expect(splitTrailingNote(text)).toEqual({ body, note }));

  it('leaves a bracket that is not a note', () => {
    const text = '推动乡镇卫生院达到标准（社区卫生服务中心）';
    expect(splitTrailingNote(text)).toEqual({ body: text, note: null });
    expect(splitTrailingNote('明确责任单位：各地要加强统筹，落实责任分工')).toEqual({ body: '明确责任单位：各地要加强统筹，落实责任分工', note: null });
  });

  it('knows a note standing alone', () => {
    expect(isStandaloneNote('（责任单位：省建设厅）')).toBe(true);
    expect(isStandaloneNote('责任部门：省建设厅、省水利厅')).toBe(true);
    expect(isStandaloneNote('（责任单位：省建设厅）其后还有正文。')).toBe(false);
  });
});

describe('parseNote', () => {
  it('reads the list, the lead rule and 下同', () => {
    expect(parseNote('（责任单位：省建设厅、省水利厅。列第一位的为牵头单位，下同。）')).toEqual({
      names: [
        { name: '省建设厅', lead: false },
        { name: '省水利厅', lead: false },
      ],
      firstIsLead: true,
      sticky: true,
    });
  });

  it('reads 牵头单位/配合单位 and （牵头）', () => {
    expect(parseNote('牵头单位：省农业农村厅；配合单位：省商务厅、省文旅厅等').names).toEqual([
      { name: '省农业农村厅', lead: true },
      { name: '省商务厅', lead: false },
      { name: '省文旅厅', lead: false },
    ]);
    expect(parseNote('（责任单位：省建设厅（牵头）、省水利厅）').names[0]).toEqual({ name: '省建设厅', lead: true });
  });
});

describe('ResponsibilityReader', () => {
  it('resolves aliases to short names, keeps unknown names as printed and warns', () => {
    const log = new WarningLog();
    const reader = new ResponsibilityReader(new UnitNameResolver(demoDirectory()), log);
    expect(reader.read('（责任单位：浙江省市场监管局、省外事办）', 12)).toEqual([
      { name: '省市场监督管理局', isLead: false },
      { name: '省外事办', isLead: false },
    ]);
    expect(log.list).toEqual([{ code: 'UNIT_UNKNOWN', message: '第12行：“省外事办”不在单位名录中，请人工确认', line: 12 }]);
  });

  it('says when two units answer to one name', () => {
    const log = new WarningLog('段');
    const resolver = new UnitNameResolver([
      { shortName: '甲', fullName: '甲单位', aliases: ['同名'] },
      { shortName: '乙', fullName: '乙单位', aliases: ['同名'] },
    ]);
    new ResponsibilityReader(resolver, log).read('责任单位：同名', 3);
    expect(log.list[0]).toMatchObject({ code: 'UNIT_AMBIGUOUS', line: 3 });
    expect(log.list[0].message).toContain('第3段');
  });

  it('passes unit ids through when the directory has them', () => {
    const reader = new ResponsibilityReader(new UnitNameResolver([{ id: 'u-1', shortName: '省建设厅', fullName: '浙江省住房和城乡建设厅', aliases: [] }]), new WarningLog());
    expect(reader.read('（责任单位：省建设厅）', 1)).toEqual([{ name: '省建设厅', unitId: 'u-1', isLead: false }]);
  });
});
