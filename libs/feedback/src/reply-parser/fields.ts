// the pure part of drafting only (no entities, no Nest)
import { parseChineseNumeral } from '@zq/drafting/pure';
import { hasCityApprovalStatement } from '../rules/reply-rules';

export interface SignoffFields {
  signatory?: string;
  contact?: string;
  phone?: string;
  /** ISO date, e.g. 2023-05-20 */
  date?: string;
  /** 填报单位 as written */
  unit?: string;
}

type Field = keyof SignoffFields;

const LABELS: [RegExp, Field][] = [
  [/^(?:签发人|签发领导|签发|单位负责人|负责人)$/, 'signatory'],
  [/^(?:联系人(?:及(?:联系)?(?:电话|方式))?|经办人|填表人|承办人)$/, 'contact'],
  [/^(?:联系电话|电话|手机|联系方式|办公电话)$/, 'phone'],
  [/^(?:填报日期|报送日期|反馈日期|签发日期|日期|时间)$/, 'date'],
  [/^(?:填报单位|反馈单位|报送单位|单位名称|单位)(?:[（(]\s*(?:盖章|公章)\s*[）)])?$/, 'unit'],
];

const LABEL_RE =
  /(签发人|签发领导|签发|单位负责人|联系人(?:及(?:联系)?(?:电话|方式))?|经办人|填表人|承办人|联系电话|办公电话|电话|手机|联系方式|填报日期|报送日期|反馈日期|签发日期|日期|填报单位|反馈单位|报送单位|单位名称|(?<!\p{Script=Han})单位(?:[（(]\s*(?:盖章|公章)\s*[）)])?)\s*[：:]\s*/gu;

/** A cell that is a 签发人：/联系人：/电话：/日期： field, not a comment. */
export function isSignoffCell(cell: string): boolean {
  const m = /^\s*([^：:]{1,12})[：:]/u.exec(cell);
  return !!m && LABELS.some(([re]) => re.test(m[1].replace(/\s+/g, ''))) && !/意见|建议/.test(cell.slice(0, 12));
}

const PHONE = /(?:\+?86[-\s]?)?(?:0\d{2,3}[-\s－—]?\d{7,8}(?:[-转]\d{1,5})?|1[3-9]\d{9})/u;

/** 签发人 / 联系人 / 电话 / 日期 / 填报单位 from labelled lines (签发人：张三  联系人：李四 …). */
export function readSignoff(lines: string[]): SignoffFields {
  const out: SignoffFields = {};
  for (const line of lines) {
    const marks = [...line.matchAll(LABEL_RE)];
    marks.forEach((m, i) => {
      const field = LABELS.find(([re]) => re.test(m[1].replace(/\s+/g, '')))?.[1];
      if (!field || out[field]) return;
      const end = i + 1 < marks.length ? marks[i + 1].index! : line.length;
      let value = line.slice(m.index! + m[0].length, end).replace(/[_＿\s]+$/u, '').replace(/^[_＿]+/u, '').replace(/[，,；;。]+$/u, '').trim();
      if (!value || /^[_＿\s]*$/u.test(value)) return;
      if (field === 'contact') {
        const phone = PHONE.exec(value);
        if (phone) {
          if (!out.phone) out.phone = phone[0].replace(/[\s－—]/g, '-');
          value = value.replace(phone[0], '').replace(/[，,；;、\s]+$/u, '').trim();
        }
        if (!value) return;
      }
      if (field === 'phone') {
        const phone = PHONE.exec(value);
        if (!phone) return;
        value = phone[0].replace(/[\s－—]/g, '-');
      }
      if (field === 'date') {
        const date = findDates(value)[0];
        if (!date) return;
        value = date;
      }
      if (field === 'signatory' || field === 'contact') value = value.replace(/[（(].*$/u, '').trim().slice(0, 40);
      if (value) out[field] = value;
    });
  }
  if (!out.date) {
    const dates = lines.flatMap(findDates);
    if (dates.length) out.date = dates[dates.length - 1];
  }
  return out;
}

const CN_YEAR_DIGITS: Record<string, string> = { 〇: '0', 零: '0', Ｏ: '0', O: '0', 一: '1', 二: '2', 三: '3', 四: '4', 五: '5', 六: '6', 七: '7', 八: '8', 九: '9' };

/** Dates as offices write them: 2023年5月20日, 2023-05-20, 2023.5.20, 二〇二三年五月二十日. */
export function findDates(text: string): string[] {
  const out: string[] = [];
  const t = text.normalize('NFKC');
  const re = /(\d{4})\s*(?:年|[-./])\s*(\d{1,2})\s*(?:月|[-./])\s*(\d{1,2})\s*日?|([〇零Ｏ一二三四五六七八九]{4})\s*年\s*([一二三四五六七八九十]{1,3})\s*月\s*([一二三四五六七八九十]{1,3})\s*日/gu;
  for (const m of t.matchAll(re)) {
    const y = m[1] ? Number(m[1]) : Number([...m[4]].map((c) => CN_YEAR_DIGITS[c] ?? '').join(''));
    const mo = m[1] ? Number(m[2]) : parseChineseNumeral(m[5]);
    const d = m[1] ? Number(m[3]) : parseChineseNumeral(m[6]);
    if (!y || !mo || !d || y < 1990 || y > 2100 || mo > 12 || d > 31) continue;
    out.push(`${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
  }
  return out;
}

const TICK = '[☑☒√✓✔■▣⊠✅✗✘]';
const NONE = '(?:无|没有)(?:任何|修改|修改补充|补充|具体|不同)?(?:意见|建议)';
const TICKED_NONE = new RegExp(`${TICK}\\s*[（(]?\\s*${NONE}|${NONE}\\s*[（(：:]?\\s*${TICK}`, 'u');
const SAYS_NONE = new RegExp(`${NONE}|无异议|没有异议|原则同意|完全同意|表示同意|同意(?:该|此|本)?(?:文件|稿|征求意见稿)`, 'u');
const CONDITIONAL = /如|若|倘|假如|如果|也请|也须|也应|请勾选|勾选|无意见的|□|☐|视为/u;

export interface NoCommentSigns {
  /** a 无意见 box is ticked */
  ticked: boolean;
  /** the reply says it has no comments (无意见 / 无修改意见 / 没有意见 / 无异议 …) */
  says: boolean;
}

/** 无意见: a ticked ☑/√/■ 无意见 line, or a sentence saying so (not the template's own “如无意见，请勾选”). */
export function noCommentSigns(lines: string[]): NoCommentSigns {
  let ticked = false;
  let says = false;
  for (const line of lines) {
    const compact = line.replace(/\s+/g, '');
    if (TICKED_NONE.test(compact)) ticked = true;
    for (const sentence of compact.split(/[。；;！!]/u)) {
      if (SAYS_NONE.test(sentence) && !CONDITIONAL.test(sentence) && !/其他意见|其它意见/.test(sentence)) says = true;
    }
  }
  return { ticked, says };
}

/** 无其他意见 after comments: only meaningful when no comment was found. */
export function saysNoOtherComments(lines: string[]): boolean {
  return lines.some((l) => /(?:无|没有)其[他它](?:意见|建议)/u.test(l));
}

const UNTICKED = /[□☐]/u;
const REQUIREMENT = /[须需应要]经/u;

/** 经市政府同意 stated by the reply — not an unticked box, nor a restated requirement (须经市政府同意). */
export function statesCityApproval(lines: string[]): boolean {
  return lines.some((line) =>
    line
      .split(/[。；;]/u)
      .some((s) => hasCityApprovalStatement(s) && !REQUIREMENT.test(s.replace(/\s+/g, '')) && (!UNTICKED.test(s) || new RegExp(TICK, 'u').test(s))),
  );
}
