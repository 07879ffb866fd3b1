import type { LetterFacts, LetterRule } from '../clause-tree';
import type { SourceBlock } from './blocks';
import { joinLines } from './line-normalizer';
import { parseChineseNumeral } from './numerals';
import type { ResponsibilityReader } from './responsibility';
import type { WarningLog } from './warning-log';

/** Asia/Shanghai has had no daylight saving since 1991: a fixed offset is exact. */
const SHANGHAI_OFFSET = '+08:00';

const RULES: { rule: LetterRule; re: RegExp }[] = [
  { rule: 'seal_required', re: /加盖(?:单位)?公章|盖章/ },
  { rule: 'city_approval_required', re: /市政府同意|市人民政府同意/ },
  { rule: 'no_comment_must_be_written', re: /无意见(?:的)?(?:也|亦)(?:请|须|需|应)?(?:书面)?(?:反馈|回复|函复)/ },
  { rule: 'silence_is_no_comment', re: /逾期(?:未|不)(?:反馈|回复|函复)(?:意见)?的?[，,]?(?:视为|按)(?:无意见|同意)/ },
];

/**
 * Reads what a consultation letter asks: the due date (于5月23日前, the year taken from the
 * letter's own date), the contact, the rules for replies, and the units of its 名单 annex.
 */
export function extractLetterFacts(
  letter: SourceBlock[],
  unitList: SourceBlock[] | null,
  units: ResponsibilityReader,
  warnings: WarningLog,
): LetterFacts {
  const lines = joinLines(letter).flatMap((b) => (b.type === 'line' ? [b] : []));
  const text = lines.map((b) => b.text).join('\n');
  const date = letterDate(lines.map((b) => b.text));
  const reported = warnings.list.length;
  const deadline = readDeadline(text, date, warnings);
  if (!deadline && warnings.list.length === reported) warnings.add('LETTER_NO_DEADLINE', '征求意见函中未找到反馈截止日期（如“于5月23日前”）');
  const contact = readContact(text);
  if (!contact) warnings.add('LETTER_NO_CONTACT', '征求意见函中未找到联系人和联系电话');
  const email = /(?:电子邮箱|电子信箱|邮箱|E-?mail|email)\s*[：:]?\s*([A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,})/i.exec(text)?.[1];
  const address = /(?:通信地址|通讯地址|邮寄地址|地址)\s*[：:]\s*([^\n；;。（(，,]{4,80})/.exec(text);
  const postcode = /邮(?:政)?编(?:码)?\s*[：:]?\s*(\d{6})/.exec(text)?.[1];
  const fax = /传真\s*[：:]?\s*([0-9０-９][0-9０-９\-－—]{5,}[0-9０-９])/.exec(text)?.[1];
  const annexUnits = unitList ? readUnitList(unitList).map((u) => units.resolveName(u.name, u.line)) : [];
  return {
    ...(deadline ? { deadline } : {}),
    ...(contact ? { contact } : {}),
    ...(email ? { email } : {}),
    ...(address ? { address: `${address[1].trim()}${postcode ? `（邮编：${postcode}）` : ''}` } : {}),
    ...(fax ? { fax: fax.normalize('NFKC').replace(/[－—]/g, '-') } : {}),
    rules: RULES.filter((r) => r.re.test(text)).map((r) => r.rule),
    annexUnits,
    ...(date ? { date: isoDate(date.y, date.m, date.d) } : {}),
  };
}

type Ymd = { y: number; m: number; d: number };

/** The letter's date: the last date standing on a line of its own (below the signature), else the last one. */
function letterDate(lines: string[]): Ymd | null {
  const ARABIC = /(\d{4})年(\d{1,2})月(\d{1,2})日/;
  const CHINESE = /([〇零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日/;
  const read = (line: string): Ymd | null => {
    const a = ARABIC.exec(line);
    if (a) return { y: Number(a[1]), m: Number(a[2]), d: Number(a[3]) };
    const c = CHINESE.exec(line);
    if (!c) return null;
    const y = Number([...c[1]].map((ch) => (ch === '〇' ? 0 : '零一二三四五六七八九'.indexOf(ch))).join(''));
    const m = parseChineseNumeral(c[2]);
    const d = parseChineseNumeral(c[3]);
    return m && d ? { y, m, d } : null;
  };
  const reversed = [...lines].reverse();
  // below the signature the date stands alone; otherwise take the last date in the letter
  const standalone = reversed.find((l) => /^[〇零一二三四五六七八九十\d]+年[一二三四五六七八九十\d]+月[一二三四五六七八九十\d]+日$/.test(l));
  for (const line of standalone ? [standalone] : reversed) {
    const date = read(line);
    if (date) return date;
  }
  return null;
}

function readDeadline(text: string, letterDate: Ymd | null, warnings: WarningLog): string | null {
  const m = deadlineMatch(text);
  if (!m) return null;
  return deadlineOf(m, letterDate, warnings);
}

/** 于5月23日前 · 截止时间为2023年6月30日 · 征求意见时间为6月1日至6月30日 · 反馈截止：2023年6月30日17:00 */
function deadlineMatch(text: string): RegExpExecArray | null {
  const before = /(?:于|在|请于|截至|截止(?:到)?)(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日(?:[（(][^）)]{1,6}[）)])?(?:(?:上午|下午)?(\d{1,2})\s*[:：时点]\s*(\d{1,2})?\s*分?|下班)?(?:前|之前|以前|止)/.exec(text);
  if (before) return before;
  return (
    /(?:截止(?:时间|日期)?|反馈时间|反馈期限|意见截止)\s*(?:为|是|到|至)?\s*[：:]?\s*(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日(?:[（(][^）)]{1,6}[）)])?(?:(?:上午|下午)?(\d{1,2})\s*[:：时点]\s*(\d{1,2})?\s*分?)?/.exec(text) ??
    /(?:征求意见|公示|反馈)(?:时间|期限|期)[^。\n]{0,20}?至(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日(?:[（(][^）)]{1,6}[）)])?(?:(?:上午|下午)?(\d{1,2})\s*[:：时点]\s*(\d{1,2})?\s*分?)?/.exec(text)
  );
}

function deadlineOf(m: RegExpExecArray, letterDate: Ymd | null, warnings: WarningLog): string | null {
  const month = Number(m[2]);
  const day = Number(m[3]);
  let year = m[1] ? Number(m[1]) : letterDate?.y;
  if (year === undefined) {
    warnings.add('LETTER_DEADLINE_YEAR_UNKNOWN', '反馈截止日期没有年份，函中也没有落款日期，请人工填写截止日期');
    return null;
  }
  // a letter dated in December asking for replies by 1月5日 means next January
  if (!m[1] && letterDate && (month < letterDate.m || (month === letterDate.m && day < letterDate.d))) year++;
  if (!validDate(year, month, day)) {
    warnings.add('LETTER_DEADLINE_INVALID', `反馈截止日期“${m[0]}”不是有效日期，请人工填写`);
    return null;
  }
  let hour = m[4] !== undefined ? Number(m[4]) : null;
  if (hour !== null && /下午/.test(m[0]) && hour < 12) hour += 12;
  const minute = Number(m[5] ?? 0);
  if (hour === null || hour > 23 || minute > 59) return `${isoDate(year, month, day)}T23:59:59${SHANGHAI_OFFSET}`;
  return `${isoDate(year, month, day)}T${pad(hour)}:${pad(minute)}:00${SHANGHAI_OFFSET}`;
}

function readContact(text: string): { name: string; phone: string } | null {
  const name = /联系人\s*[：:]?\s*([\u4e00-\u9fff]{2,4}?)(?=[^\u4e00-\u9fff]|联系|电话|手机|$)/.exec(text);
  const phone = /(?:联系方式|联系电话|电话|手机|座机)\s*[：:]?\s*((?:[0-9０-９][0-9０-９\-－—]{5,}[0-9０-９])(?:\s*[、，,或\/]\s*[0-9０-９][0-9０-９\-－—]{5,}[0-9０-９])*)/.exec(text);
  if (!name && !phone) return null;
  return { name: name?.[1] ?? '', phone: (phone?.[1] ?? '').normalize('NFKC').replace(/[－—]/g, '-') };
}

/** Unit names of a 名单 annex, from lines ("A、B、C") or a table (its 单位/名称 column). */
function readUnitList(blocks: SourceBlock[]): { name: string; line: number }[] {
  const names: { name: string; line: number }[] = [];
  blocks.forEach((b, k) => {
    if (b.type === 'table') {
      const header = b.rows[0] ?? [];
      let col = header.findIndex((c) => /单位|名称|部门/.test(c));
      const rows = col >= 0 ? b.rows.slice(1) : b.rows;
      if (col < 0) col = header.length - 1;
      rows.forEach((r, i) => r[col] && names.push({ name: r[col], line: b.rowLines[i + (b.rows.length - rows.length)] }));
      return;
    }
    if (k === 0 && (b.text.includes('名单') || !/[、，,；;]/.test(b.text))) return; // the annex title
    for (const piece of b.text.split(/[、，,；;\s]+/)) {
      const name = piece.replace(/^\d{1,3}[.．、]/, '').replace(/[。.]+$/, '');
      if (name) names.push({ name, line: b.line });
    }
  });
  return names;
}

function validDate(y: number, m: number, d: number): boolean {
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

function isoDate(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, '0')}-${pad(m)}-${pad(d)}`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
