import { demoDirectory, UnitNameResolver } from '@zq/directory';
import { importText } from '@zq/drafting';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { addressesAllCities, letterPart, letterTitle, prefillFromLetter, roundNumberOf } from './letter-prefill';

const LETTER = readFileSync(join(__dirname, '../../../test/fixtures/beautiful-towns-round2-letter.txt'), 'utf8');

describe('pre-filling a round from the reference letter', () => {
  const units = demoDirectory().map((u) => ({ ...u, id: `id:${u.shortName}` }));
  const imported = importText(LETTER, { resolver: new UnitNameResolver(units) });
  const cities = units.filter((u) => u.kind === 'prefecture_city').map((u) => u.id);
  const prefill = prefillFromLetter({ source: LETTER, versionTitle: imported.title, versionLabel: '二次征求意见稿', facts: imported.letter ?? null, cityUnitIds: cities });

  it('asks the 23 units of 附件2 and, because it addresses 各设区市, the 11 cities', () => {
    expect(prefill.recipientUnitIds).toHaveLength(34);
    expect(prefill.recipientUnitIds).toEqual(expect.arrayContaining(['id:省委编办', 'id:省通信管理局', 'id:省市场监督管理局', ...cities]));
    expect(prefill.recipientUnitIds).not.toContain('id:省科技厅');
    expect(prefill.warnings).toEqual([]);
  });

  it('takes the due date, the contact and the reply rules from the letter', () => {
    expect(prefill).toMatchObject({
      deadlineDate: '2023-05-23',
      deadlineWorkdays: null,
      contactName: '陈泽',
      contactPhone: '0571-89892005',
      sealRequired: true,
      silenceRule: 'no_comment_must_be_written',
      cityApproval: { required: true, generalOfficeSuffices: true, requiredSeals: ['construction_authority', 'beautiful_towns_office'] },
      roundNumber: 2,
    });
  });

  it('keeps the letter without its annexes and takes its title line', () => {
    expect(prefill.letterText.startsWith('浙江省城乡环境整治工作领导小组办公室')).toBe(true);
    expect(prefill.letterText.endsWith('2023年5月17日')).toBe(true);
    expect(prefill.title).toBe('省美丽城镇办关于再次征求《关于全面推进现代化美丽城镇建设的意见（二次征求意见稿）》意见的函');
  });
});

describe('letter reading helpers', () => {
  it('cuts the letter at the standalone 附件 1 line, not at the attachment listing', () => {
    expect(letterPart('请反馈。\n附件：1. 意见稿\n\n落款\n附件 1\n正文')).toBe('请反馈。\n附件：1. 意见稿\n\n落款');
    expect(letterPart('没有附件的函')).toBe('没有附件的函');
  });

  it('finds the round number in words, or says nothing', () => {
    expect(roundNumberOf('关于再次征求意见的函')).toBe(2);
    expect(roundNumberOf('第三次征求意见')).toBe(3);
    expect(roundNumberOf('（二次征求意见稿）')).toBe(2);
    expect(roundNumberOf('关于征求意见的函')).toBeNull();
  });

  it('recognises a letter to 各设区市 and one to provincial departments only', () => {
    expect(addressesAllCities('标题\n省级有关部门，各设区市建委（建设局）、美丽城镇办：')).toBe(true);
    expect(addressesAllCities('标题\n省级有关部门：')).toBe(false);
  });

  it('has no title when no line reads like one', () => {
    expect(letterTitle('各单位：\n请反馈。')).toBeNull();
  });

  it('falls back to ten working days and says so when the letter gives no date', () => {
    const p = prefillFromLetter({ source: '关于征求意见的函\n各单位：\n请反馈。', versionTitle: '某意见', versionLabel: '征求意见稿', facts: { rules: [], annexUnits: [{ name: '省某局' }] }, cityUnitIds: ['c1'] });
    expect(p).toMatchObject({ deadlineDate: null, deadlineWorkdays: 10, recipientUnitIds: [], sealRequired: false });
    expect(p.warnings.map((w) => w.code)).toEqual(['LETTER_NO_DEADLINE', 'LETTER_UNIT_UNRESOLVED']);
  });
});
