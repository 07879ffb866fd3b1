import fc from 'fast-check';
import data from './data/zhejiang-units.json';
import { demoDirectory } from './demo-directory';
import { normalizeUnitName, UnitNameResolver } from './name-resolver';

describe('UnitNameResolver', () => {
  const units = demoDirectory();
  const resolver = new UnitNameResolver(units);

  it('resolves every short name, full name and alias in the fixture to its own unit', () => {
    for (const u of data.provincialUnits) {
      for (const spelling of [u.shortName, u.fullName, ...u.aliases]) {
        const r = resolver.resolve(spelling);
        expect(r.status).toBe('resolved');
        expect(r.status === 'resolved' && r.unit.shortName).toBe(u.shortName);
      }
    }
  });

  it('maps 省市场监管局 to 省市场监督管理局 and 省住房城乡建设厅 to 省建设厅', () => {
    const a = resolver.resolve('省市场监管局');
    const b = resolver.resolve('省住房城乡建设厅');
    expect(a.status === 'resolved' && a.unit.shortName).toBe('省市场监督管理局');
    expect(b.status === 'resolved' && b.unit.shortName).toBe('省建设厅');
  });

  it('ignores spaces, full-width characters and a trailing 。', () => {
    const r = resolver.resolve(' 省 通信管理局。');
    expect(r.status === 'resolved' && r.unit.shortName).toBe('省通信管理局');
  });

  it('resolves each city office by any of its spellings', () => {
    const r = resolver.resolve('杭州市建委');
    expect(r.status === 'resolved' && r.unit.shortName).toBe('杭州市建设局');
    expect(r.status === 'resolved' && r.unit.officeRole).toBe('construction_authority');
  });

  it('says a name is unknown instead of guessing', () => {
    expect(resolver.resolve('省外事办')).toEqual({ status: 'unknown', name: '省外事办' });
  });

  it('says a name is ambiguous when two units share it', () => {
    const r = new UnitNameResolver([
      { shortName: '甲', fullName: '甲单位', aliases: ['同名'] },
      { shortName: '乙', fullName: '乙单位', aliases: ['同名'] },
    ]).resolve('同名');
    expect(r.status).toBe('ambiguous');
    expect(r.status === 'ambiguous' && r.candidates.map((c) => c.shortName)).toEqual(['甲', '乙']);
  });

  it('normalising is idempotent', () => {
    fc.assert(fc.property(fc.string(), (s) => normalizeUnitName(normalizeUnitName(s)) === normalizeUnitName(s)));
    // found by that property: quotes doubled, and a quote before the 浙江省 prefix
    for (const s of ['""#', '“"浙江省财政厅”', '「浙江省建设厅」。']) expect(normalizeUnitName(normalizeUnitName(s))).toBe(normalizeUnitName(s));
    expect(normalizeUnitName('""浙江省财政厅')).toBe('省财政厅');
  });
});
