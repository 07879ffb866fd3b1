import { LetterFacts, parseChineseNumeral } from '@zq/drafting';
import type { CityApprovalRule, SilenceRule } from './entities/round.entity';

export interface PrefillWarning {
  code: string;
  message: string;
}

/** A draft round as the letter describes it, for the office to review before launch. */
export interface LetterPrefill {
  title: string;
  roundNumber: number | null;
  letterText: string;
  deadlineDate: string | null;
  deadlineWorkdays: number | null;
  contactName: string;
  contactPhone: string;
  sealRequired: boolean;
  cityApproval: CityApprovalRule;
  silenceRule: SilenceRule;
  recipientUnitIds: string[];
  warnings: PrefillWarning[];
}

/** Without a readable due date the draft gets this many working days, flagged for the office. */
export const FALLBACK_WORKDAYS = 10;

export const DEFAULT_CITY_APPROVAL: CityApprovalRule = {
  required: false,
  generalOfficeSuffices: true,
  requiredSeals: ['construction_authority', 'beautiful_towns_office'],
};

/** The letter itself: the text before its first standalone "附件 1" line (the draft follows). */
export function letterPart(source: string): string {
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  const annex = lines.findIndex((l) => /^\s*附\s*件\s*[1１一]\s*$/.test(l));
  return (annex > 0 ? lines.slice(0, annex) : lines).join('\n').trim();
}

/** The letter's own title line: "…关于…意见的函". */
export function letterTitle(letter: string): string | null {
  const line = letter
    .split('\n')
    .map((l) => l.replace(/\s+/g, '').replace(/\(/g, '（').replace(/\)/g, '）'))
    .find((l) => /关于.+的函$/.test(l) && l.length <= 120);
  return line ?? null;
}

/** 第二次 / 二次征求意见 / 再次征求 → 2; null when the letter does not say. */
export function roundNumberOf(...texts: string[]): number | null {
  const joined = texts.join('\n');
  const explicit = /第?([一二三四五六七八九十]+)次征求/.exec(joined);
  if (explicit) {
    const n = parseChineseNumeral(explicit[1]);
    if (n && n > 0) return n;
  }
  return /再次征求/.test(joined) ? 2 : null;
}

/** Does the letter address 各设区市 (all prefecture cities) besides its annex list? */
export function addressesAllCities(letter: string): boolean {
  const head = letter.split('\n').slice(0, 12).join('\n');
  return /各设区市|各市(?:人民)?政府|各市[、，,]/.test(head);
}

/**
 * Pre-fills a draft round from a letter: deadline, contact, reply rules, and the recipients
 * (the units of its annex list, plus every prefecture city when it addresses 各设区市).
 */
export function prefillFromLetter(input: {
  source: string;
  versionTitle: string;
  versionLabel: string;
  facts: LetterFacts | null;
  cityUnitIds: string[];
}): LetterPrefill {
  const warnings: PrefillWarning[] = [];
  const letter = letterPart(input.source);
  const facts = input.facts;
  if (!facts) warnings.push({ code: 'LETTER_NOT_FOUND', message: '未识别出征求意见函，请人工填写截止日期、联系人和征求对象' });

  const deadlineDate = facts?.deadline ? facts.deadline.slice(0, 10) : null;
  if (facts && !deadlineDate) {
    warnings.push({ code: 'LETTER_NO_DEADLINE', message: `函中未找到反馈截止日期，已暂定为发出后 ${FALLBACK_WORKDAYS} 个工作日，请核对` });
  }

  const rules = new Set(facts?.rules ?? []);
  const cityApproval: CityApprovalRule = rules.has('city_approval_required')
    ? {
        required: true,
        generalOfficeSuffices: /市政府办公厅|市政府办公室|市人民政府办公/.test(letter) || !facts,
        requiredSeals: requiredSealsOf(letter),
      }
    : { ...DEFAULT_CITY_APPROVAL };

  const recipients: string[] = [];
  for (const u of facts?.annexUnits ?? []) {
    if (u.unitId) recipients.push(u.unitId);
    else warnings.push({ code: 'LETTER_UNIT_UNRESOLVED', message: `附件名单中的“${u.name}”未能对应到单位目录，请手工选择` });
  }
  if (addressesAllCities(letter)) recipients.push(...input.cityUnitIds);

  return {
    title: letterTitle(letter) ?? `关于征求《${input.versionTitle}》意见的函`,
    roundNumber: roundNumberOf(letter, input.versionLabel, input.versionTitle),
    letterText: letter,
    deadlineDate,
    deadlineWorkdays: deadlineDate ? null : FALLBACK_WORKDAYS,
    contactName: facts?.contact?.name ?? '',
    contactPhone: facts?.contact?.phone ?? '',
    sealRequired: rules.has('seal_required'),
    cityApproval,
    silenceRule: rules.has('silence_is_no_comment') && !rules.has('no_comment_must_be_written') ? 'silence_is_no_comment' : 'no_comment_must_be_written',
    recipientUnitIds: [...new Set(recipients)],
    warnings,
  };
}

/** Which city offices must seal a reply stating 经市政府同意, as the letter names them. */
function requiredSealsOf(letter: string): CityApprovalRule['requiredSeals'] {
  const seals: CityApprovalRule['requiredSeals'] = [];
  if (/建设主管部门|建委|建设局|住建局/.test(letter)) seals.push('construction_authority');
  if (/美丽城镇办/.test(letter)) seals.push('beautiful_towns_office');
  return seals.length ? seals : [...DEFAULT_CITY_APPROVAL.requiredSeals];
}
