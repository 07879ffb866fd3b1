import { DomainError } from '@zq/common';
import type { DraftItem } from '../entities/feedback.entity';
import {
  ApprovalInput,
  checkApproval,
  checkItems,
  hasCityApprovalStatement,
  quoteInClause,
  resolveSeals,
  RoundReplyRules,
  RuleClause,
  RuleUnit,
  SealRequest,
} from './reply-rules';

const hangzhou: RuleUnit = { id: 'hz', kind: 'prefecture_city', shortName: '杭州市', officeRole: null, parentId: null };
const office = (role: 'general_office' | 'construction_authority' | 'beautiful_towns_office', name: string): RuleUnit => ({
  id: `hz-${role}`,
  kind: 'city_office',
  shortName: name,
  officeRole: role,
  parentId: 'hz',
});
const hzGeneral = office('general_office', '杭州市政府办公厅');
const hzBuild = office('construction_authority', '杭州市建设局');
const hzTowns = office('beautiful_towns_office', '杭州市美丽城镇办');
const hzOffices = [hzGeneral, hzBuild, hzTowns];
const finance: RuleUnit = { id: 'cz', kind: 'provincial_department', shortName: '省财政厅', officeRole: null, parentId: null };

const letterRules: RoundReplyRules = {
  sealRequired: true,
  cityApproval: { required: true, generalOfficeSuffices: true, requiredSeals: ['construction_authority', 'beautiful_towns_office'] },
};

const codeOf = (fn: () => unknown): string | null => {
  try {
    fn();
    return null;
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
};

const seal = (unit: RuleUnit): SealRequest => ({ unitId: unit.id, evidenceFileId: 'scan' });

describe('city approval (经市政府同意)', () => {
  type Case = [string, Partial<ApprovalInput> & { sealed?: RuleUnit[] }, string | null];
  const cases: Case[] = [
    ['accepts a bureau reply stating 经市政府同意 with both seals', { acting: hzBuild, attestation: { channel: 'department', statement: '经市政府同意' }, sealed: [hzBuild, hzTowns] }, null],
    ['refuses a bureau reply without the statement', { acting: hzBuild, attestation: null, sealed: [hzBuild, hzTowns] }, 'CITY_APPROVAL_REQUIRED'],
    ['refuses a bureau reply whose statement says something else', { acting: hzBuild, attestation: { channel: 'department', statement: '经局党组研究' }, sealed: [hzBuild, hzTowns] }, 'CITY_APPROVAL_REQUIRED'],
    ['checks the statement before the seals', { acting: hzBuild, attestation: null, sealed: [] }, 'CITY_APPROVAL_REQUIRED'],
    ['refuses a bureau reply missing the 美丽城镇办 seal', { acting: hzBuild, attestation: { channel: 'department', statement: '经市政府同意' }, sealed: [hzBuild] }, 'SEAL_MISSING'],
    ['refuses a 美丽城镇办 reply missing the bureau seal', { acting: hzTowns, attestation: { channel: 'department', statement: '经市政府同意' }, sealed: [hzTowns] }, 'SEAL_MISSING'],
    ['reads 经杭州市人民政府同意 as the statement', { acting: hzBuild, attestation: { channel: 'department', statement: '本意见已经杭州市人民政府同意。' }, sealed: [hzBuild, hzTowns] }, null],
    ['lets the general office reply by itself', { acting: hzGeneral, attestation: null, sealed: [hzGeneral] }, null],
    ['still wants the general office’s own seal', { acting: hzGeneral, attestation: null, sealed: [] }, 'SEAL_MISSING'],
    ['refuses the general-office channel claimed by a bureau', { acting: hzBuild, attestation: { channel: 'general_office', statement: '经市政府同意' }, sealed: [hzBuild, hzTowns] }, 'ATTESTATION_CHANNEL_INVALID'],
    [
      'wants the statement from the general office when the round says it does not suffice',
      { acting: hzGeneral, attestation: null, sealed: [hzGeneral], rules: { ...letterRules, cityApproval: { ...letterRules.cityApproval, generalOfficeSuffices: false } } },
      'CITY_APPROVAL_REQUIRED',
    ],
    [
      'wants only the acting office’s seal when the round asks no city approval',
      { acting: hzBuild, attestation: null, sealed: [hzBuild], rules: { ...letterRules, cityApproval: { ...letterRules.cityApproval, required: false } } },
      null,
    ],
    [
      'asks no seal at all when the round needs neither seal nor approval',
      { acting: hzBuild, attestation: null, sealed: [], rules: { sealRequired: false, cityApproval: { ...letterRules.cityApproval, required: false } } },
      null,
    ],
    ['accepts a provincial unit with its own seal', { recipient: finance, acting: finance, cityOffices: [], attestation: null, sealed: [finance] }, null],
    ['refuses a provincial unit without its seal', { recipient: finance, acting: finance, cityOffices: [], attestation: null, sealed: [] }, 'SEAL_MISSING'],
    ['refuses an attestation from a provincial unit', { recipient: finance, acting: finance, cityOffices: [], attestation: { channel: 'department', statement: '经市政府同意' }, sealed: [finance] }, 'ATTESTATION_NOT_APPLICABLE'],
  ];

  it.each(cases)('%s', (_, change, expected) => {
    const recipient = change.recipient ?? hangzhou;
    const cityOffices = change.cityOffices ?? hzOffices;
    const run = () =>
      checkApproval({
        rules: change.rules ?? letterRules,
        recipient,
        acting: change.acting ?? hzBuild,
        cityOffices,
        attestation: change.attestation,
        seals: resolveSeals((change.sealed ?? []).map(seal), recipient, cityOffices),
      });
    expect(codeOf(run)).toBe(expected);
  });

  it('names the missing office in the message and the details', () => {
    try {
      checkApproval({
        rules: letterRules,
        recipient: hangzhou,
        acting: hzBuild,
        cityOffices: hzOffices,
        attestation: { channel: 'department', statement: '经市政府同意' },
        seals: resolveSeals([seal(hzBuild)], hangzhou, hzOffices),
      });
      throw new Error('expected SEAL_MISSING');
    } catch (error) {
      expect(error).toMatchObject({ code: 'SEAL_MISSING', message: '缺少杭州市美丽城镇办的公章' });
      expect((error as DomainError).details).toEqual({ missing: [{ unitId: hzTowns.id, unitName: '杭州市美丽城镇办', role: 'beautiful_towns_office' }] });
    }
  });

  it('records the channel the reply came through', () => {
    const viaOffice = checkApproval({ rules: letterRules, recipient: hangzhou, acting: hzGeneral, cityOffices: hzOffices, attestation: null, seals: resolveSeals([seal(hzGeneral)], hangzhou, hzOffices) });
    expect(viaOffice.attestation).toEqual({ channel: 'general_office', statement: null });
    const viaBureau = checkApproval({
      rules: letterRules,
      recipient: hangzhou,
      acting: hzBuild,
      cityOffices: hzOffices,
      attestation: { channel: 'department', statement: ' 经市政府同意 ' },
      seals: resolveSeals([seal(hzBuild), seal(hzTowns)], hangzhou, hzOffices),
    });
    expect(viaBureau.attestation).toEqual({ channel: 'department', statement: '经市政府同意' });
  });

  it.each([
    ['经市政府同意', true],
    ['经 市 政 府 同 意', true],
    ['经宁波市人民政府同意', true],
    ['经市人民政府同意', true],
    ['市政府同意', false],
    ['经市委同意', false],
    ['', false],
  ])('reads %p as the statement: %p', (text, expected) => {
    expect(hasCityApprovalStatement(text)).toBe(expected);
  });
});

describe('resolveSeals', () => {
  it('finds a city office by its role', () => {
    expect(resolveSeals([{ role: 'beautiful_towns_office', evidenceFileId: 'f' }], hangzhou, hzOffices)).toEqual([
      { unitId: hzTowns.id, unitName: '杭州市美丽城镇办', role: 'beautiful_towns_office', evidenceFileId: 'f' },
    ]);
  });

  it.each<[string, SealRequest, string]>([
    ['a stranger’s seal', { unitId: 'nb-construction_authority', evidenceFileId: 'f' }, 'SEAL_UNIT_INVALID'],
    ['a role and a unit that disagree', { unitId: hzBuild.id, role: 'beautiful_towns_office', evidenceFileId: 'f' }, 'SEAL_UNIT_INVALID'],
    ['a seal that names nobody', { evidenceFileId: 'f' }, 'SEAL_INVALID'],
  ])('refuses %s', (_, request, code) => {
    expect(codeOf(() => resolveSeals([request], hangzhou, hzOffices))).toBe(code);
  });
});

describe('checkItems', () => {
  const clause9: RuleClause = { id: 'c9', label: '9.', heading: '加快产业能级提升', text: '建设提升特色小镇、小微企业园、现代农业产业园、科创产业基地、共富工坊等，推动产业用地有机更新。' };
  const clauses = new Map([[clause9.id, clause9]]);
  const item = (change: Partial<DraftItem>): DraftItem => ({
    key: 'k1',
    clauseId: 'c9',
    quote: '推动产业用地有机更新',
    kind: 'modify',
    proposedText: '推动低效产业用地有机更新',
    reason: '表述更准确',
    ...change,
  });

  it.each<[string, 'with_comments' | 'no_comment', Partial<DraftItem>[], string | null]>([
    ['accepts a well-formed modification', 'with_comments', [{}], null],
    ['accepts a general comment without a clause', 'with_comments', [{ clauseId: null, quote: '', kind: 'other', proposedText: '', reason: '建议增加资金保障条款' }], null],
    ['accepts a quote with different spacing', 'with_comments', [{ quote: '推动 产业用地\n有机更新' }], null],
    ['accepts a quote from the heading', 'with_comments', [{ quote: '产业能级' }], null],
    ['refuses a clause of another version', 'with_comments', [{ clauseId: 'other' }], 'CLAUSE_NOT_IN_VERSION'],
    ['refuses a quote that is not in the clause', 'with_comments', [{ quote: '加大城镇路网设施建设' }], 'QUOTE_NOT_IN_CLAUSE'],
    ['refuses a quote without a clause', 'with_comments', [{ clauseId: null }], 'QUOTE_NOT_IN_CLAUSE'],
    ['refuses a modification without the proposed text', 'with_comments', [{ proposedText: ' ' }], 'ITEM_INCOMPLETE'],
    ['refuses a deletion without the quote', 'with_comments', [{ kind: 'delete', quote: '' }], 'ITEM_INCOMPLETE'],
    ['refuses an addition without text', 'with_comments', [{ kind: 'add', quote: '', proposedText: '' }], 'ITEM_INCOMPLETE'],
    ['refuses a reply with comments but no items', 'with_comments', [], 'REPLY_EMPTY'],
    ['refuses a reply whose items are all blank', 'with_comments', [{ clauseId: null, quote: '', proposedText: '', reason: '' }], 'REPLY_EMPTY'],
    ['accepts 无意见 with no items', 'no_comment', [], null],
    ['refuses 无意见 that still carries items', 'no_comment', [{}], 'NO_COMMENT_HAS_ITEMS'],
  ])('%s', (_, kind, items, expected) => {
    expect(codeOf(() => checkItems(kind, items.map(item), clauses))).toBe(expected);
  });

  it('matches quotes in table cells', () => {
    const table: RuleClause = { id: 't', label: '', heading: '', text: '', tableRows: [['指标', '2023年'], ['城镇绿地率', '38%']] };
    expect(quoteInClause('城镇绿地率', table)).toBe(true);
    expect(quoteInClause('城镇绿化率', table)).toBe(false);
  });
});
