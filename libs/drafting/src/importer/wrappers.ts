import type { DocumentFacts } from '../clause-tree';
import type { SourceBlock, SourceLine } from './blocks';
import { similar } from './document-split';
import { isDateLine, startsStructure } from './markers';

export interface Unwrapped {
  /** what is left to read as the draft (or the letter, for a letter without its draft) */
  blocks: SourceBlock[];
  document?: DocumentFacts;
  /** a consultation letter or public notice that did not come with its draft */
  letterOnly?: { letter: SourceBlock[]; draftTitle: string };
  /** the letter in front of a draft it names (关于征求《X》意见的函 + X), when no 附件1 line separates them */
  letter?: SourceBlock[];
  /** a bulletin: its parts are headed by bare title lines */
  bulletin?: boolean;
}

const DOC_NUMBER = /[\u4e00-\u9fff]{1,10}[〔［\[【(（]\s*\d{4}\s*[〕］\]】)）]\s*\d{1,5}\s*号/;
const HEAD_SCAN = 15;

/**
 * Takes off what wraps a draft: a web copy's `---` metadata block and `> ` notes, a 关于印发《X》的
 * 通知 in front of the plan X, a bulletin's masthead and 按 — keeping their facts — and recognises a
 * consultation letter that names a draft it does not contain.
 */
export function unwrap(input: SourceBlock[]): Unwrapped {
  const document: DocumentFacts = {};
  let blocks = webCopy(input, document);

  const bulletin = readBulletin(blocks, document);
  if (bulletin) return { blocks: bulletin, document, bulletin: true };

  const head = lineTexts(blocks, HEAD_SCAN);
  const titled = wrapperTitle(head);
  if (titled) {
    const { kind, inner, start, end } = titled;
    const rest = blocks.slice(end);
    const at = findDraftStart(rest, inner);
    const wrapper = at >= 0 ? rest.slice(0, at) : rest;
    if (kind === 'notice') {
      document.wrapper = document.wrapper ?? 'notice';
      document.wrapperTitle = head.slice(start, end).map((l) => l.text).join('');
      readNoticeFacts([...blocks.slice(0, end), ...wrapper], document);
      if (at >= 0) return { blocks: rest.slice(at), document };
      // the plan's own title is missing: it starts after the notice's date
      const date = wrapper.findIndex((b) => b.type === 'line' && isDateLine(b.text));
      if (date >= 0 && date + 1 < rest.length) return { blocks: [{ type: 'line', text: inner, line: rest[date].line }, ...rest.slice(date + 1)], document };
    } else if (hasAnnexMarker(rest)) {
      // the draft is the letter's 附件1: the letter and its annexes are split as a letter's are
    } else if (at >= 0) {
      return { blocks: rest.slice(at), letter: [...blocks.slice(0, end), ...wrapper], ...facts(document) };
    } else {
      return { blocks, letterOnly: { letter: blocks, draftTitle: inner }, ...facts(document) };
    }
  }
  if (blocks !== input) return { blocks, ...facts(document) };
  return { blocks };
}

function facts(document: DocumentFacts): { document?: DocumentFacts } {
  return Object.keys(document).length ? { document } : {};
}

function lineTexts(blocks: SourceBlock[], n: number): (SourceLine & { index: number })[] {
  const out: (SourceLine & { index: number })[] = [];
  for (let i = 0; i < blocks.length && out.length < n; i++) {
    const b = blocks[i];
    if (b.type === 'line') out.push({ ...b, index: i });
  }
  return out;
}

/** ---\n标题: …\n文号: …\n发布单位: …\n---, then `> ` notes: metadata of a page saved from a government website. */
function webCopy(blocks: SourceBlock[], document: DocumentFacts): SourceBlock[] {
  let start = 0;
  const first = blocks[0];
  let out = blocks;
  if (first?.type === 'line' && /^-{3,}$/.test(first.text)) {
    const close = blocks.findIndex((b, i) => i > 0 && b.type === 'line' && /^-{3,}$/.test(b.text));
    if (close > 0 && close < 40) {
      for (const b of blocks.slice(1, close)) {
        if (b.type !== 'line') continue;
        const m = /^([^:：]{1,10})\s*[:：]\s*(.*)$/.exec(b.text);
        if (!m) continue;
        const [key, value] = [m[1].trim(), m[2].trim()];
        if (!value) continue;
        if (/链接|网址|地址|url/i.test(key) || /^https?:/i.test(value)) continue;
        if (/标题|题目|名称/.test(key)) document.wrapperTitle = value;
        else if (/文号|字号/.test(key)) document.docNumber = value;
        else if (/发布单位|发文机关|发文单位|来源|发布机构|发布机关/.test(key)) document.issuer = value;
        else if (/日期|时间/.test(key)) {
          const d = isoDay(value);
          if (d) document.date = d;
        }
      }
      document.wrapper = 'web_copy';
      start = close + 1;
      out = blocks.slice(start);
    }
  }
  // "> 注：本文为征求意见稿…": a web page's notes, not the draft
  const notes: string[] = [];
  const kept = out.filter((b) => {
    if (b.type === 'line' && /^[>＞](?![=＝])/.test(b.text)) {
      const note = b.text.replace(/^[>＞]\s*/, '');
      if (note) notes.push(note);
      return false;
    }
    return true;
  });
  if (notes.length) {
    document.notes = notes;
    document.wrapper = document.wrapper ?? 'web_copy';
  }
  if (kept.length === blocks.length) return blocks;
  // the page's title when the text does not repeat it
  const firstLine = kept.find((b) => b.type === 'line') as SourceLine | undefined;
  if (document.wrapperTitle && firstLine && !similar(firstLine.text, document.wrapperTitle) && !document.wrapperTitle.includes(firstLine.text)) {
    return [{ type: 'line', text: document.wrapperTitle, line: firstLine.line }, ...kept];
  }
  return kept;
}

/**
 * The title of a wrapper among the first lines: 关于印发《X》的通知 (notice) or 关于征求《X》意见的函 /
 * 关于《X》公开征求意见的公告 (letter), possibly broken over two lines.
 */
function wrapperTitle(head: (SourceLine & { index: number })[]): { kind: 'notice' | 'letter'; inner: string; start: number; end: number } | null {
  // a title on one line before one broken over two or three: the masthead (…文件) and the 文号 above it are not part of it
  for (let n = 1; n <= 3; n++) {
    for (let i = 0; i + n <= head.length; i++) {
      const text = head
        .slice(i, i + n)
        .map((l) => l.text)
        .join('');
      if (text.length > 120) break;
      const notice = /关于(?:印发|转发|发布|公布)《(.+)》的(?:通知|决定)$/.exec(text) ?? /^关于印发(.+)的通知$/.exec(text);
      if (notice) return { kind: 'notice', inner: notice[1], start: i, end: head[i + n - 1].index + 1 };
      const letter = /(?:征求|征询)《(.+)》(?:的)?(?:修改)?意见(?:建议)?的(?:函|通知|公告)$/.exec(text) ?? /《(.+)》(?:公开)?(?:征求|征询)(?:意见|社会各界意见)的(?:函|通知|公告)$/.exec(text);
      if (letter) return { kind: 'letter', inner: letter[1], start: i, end: head[i + n - 1].index + 1 };
    }
  }
  return null;
}

/** Where the draft named in the wrapper's title starts: its title printed again (perhaps over two lines). */
function findDraftStart(blocks: SourceBlock[], title: string): number {
  const bare = stripStage(title);
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i];
    // the notice's 附件：X line names the draft; the draft's own title comes after the signature
    if (b.type !== 'line' || b.text.length < 4 || /^附\s*件/.test(b.text)) continue;
    const text = stripStage(b.text);
    if (text.length > bare.length + 12 || /[。；]/.test(text)) continue;
    if (text === bare || (text.length >= 6 && bare.startsWith(text)) || (similar(text, bare) && !/现将|印发给你们/.test(text))) return i;
  }
  return -1;
}

function stripStage(title: string): string {
  return title.replace(/[（(][^（()）]*[）)]\s*$/, '').replace(/[《》\s]/g, '');
}

function hasAnnexMarker(blocks: SourceBlock[]): boolean {
  return blocks.some((b) => b.type === 'line' && /^附\s*件\s*[0-9０-９一二三]?$/.test(b.text));
}

/** 文号, addressees (各区人民政府…：), the signing office and the date of a 印发 notice. */
function readNoticeFacts(blocks: SourceBlock[], document: DocumentFacts): void {
  const lines = blocks.flatMap((b) => (b.type === 'line' ? [b.text] : []));
  for (const l of lines) {
    const m = DOC_NUMBER.exec(l);
    if (m && !document.docNumber && l.length <= 40) document.docNumber = m[0].replace(/\s+/g, '');
  }
  const addressees = lines.find((l) => /[：:]$/.test(l) && l.length <= 120 && /政府|部门|单位|厅|局|委|办|各/.test(l));
  if (addressees) document.addressees = addressees.replace(/[：:]$/, '');
  const dateAt = lines.findIndex((l) => isDateLine(l) || /^[〇零一二三四五六七八九]{4}年[一二三四五六七八九十]{1,3}月[一二三四五六七八九十]{1,3}日$/.test(l));
  if (dateAt >= 0) {
    const d = isoDay(lines[dateAt]);
    if (d && !document.date) document.date = d;
    const signer = lines[dateAt - 1];
    if (signer && !document.issuer && signer.length <= 30 && !/[。，；：]/.test(signer) && !startsStructure(signer)) document.issuer = signer;
  }
  if (!document.issuer) {
    const masthead = lines.slice(0, 3).find((l) => /文件$/.test(l));
    if (masthead) document.issuer = masthead.replace(/文件$/, '');
  }
}

/**
 * A bulletin (浙江建设 · 工作动态 · 第14期 · 编印单位 日期 · 按：…, then an article): the masthead, its
 * issue line and the 按 are facts, the article's own title is the title. Returns the article.
 */
function readBulletin(blocks: SourceBlock[], document: DocumentFacts): SourceBlock[] | null {
  const head = lineTexts(blocks, 8);
  const issue = head.findIndex((l) => /^(?:\d{4}\s*年\s*)?第\s*[0-9０-９]{1,4}\s*期(?:\s*[（(]总第?[0-9０-９]+期[）)])?$/.test(l.text) || /^第\s*[0-9０-９]{1,4}\s*期/.test(l.text) && l.text.length <= 40);
  if (issue < 0) return null;
  const masthead = head.slice(0, issue).map((l) => l.text);
  if (masthead.length === 0 || masthead.some((t) => t.length > 20 || /[。；]/.test(t))) return null;
  document.wrapper = 'bulletin';
  document.wrapperTitle = [...masthead, head[issue].text].join(' ');
  let i = head[issue].index + 1;
  const notes: string[] = [];
  for (; i < blocks.length; i++) {
    const b = blocks[i];
    if (b.type !== 'line') break;
    const date = /(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日/.exec(b.text);
    if (date && b.text.length <= 40) {
      document.date = isoDay(date[0]) ?? undefined;
      const issuer = b.text.slice(0, date.index).replace(/[编印制发主办\s]+$/, '').trim();
      if (issuer) document.issuer = issuer;
      continue;
    }
    if (/^(?:编者)?按\s*[：:]/.test(b.text)) {
      notes.push(b.text.replace(/^(?:编者)?按\s*[：:]\s*/, ''));
      continue;
    }
    if (/^(?:主办|编印|主编|签发|责任编辑)\s*[：:]/.test(b.text) && b.text.length <= 40) continue;
    break;
  }
  if (notes.length) document.notes = notes;
  // the distribution list at the end (报：… 送：… 抄送：… 共印…份)
  let end = blocks.length;
  while (end > i) {
    const b = blocks[end - 1];
    if (b.type === 'line' && /^(?:报|送|抄送|发|抄报|分送)\s*[：:]|^共印\s*\d+\s*份|^[（(]?(?:责任)?编辑\s*[：:]|^(?:签发|校对|审核)\s*[：:]/.test(b.text)) end--;
    else break;
  }
  return blocks.slice(i, end);
}

function isoDay(text: string): string | null {
  const m = /(\d{4})\s*[年\-./]\s*(\d{1,2})\s*[月\-./]\s*(\d{1,2})/.exec(text);
  if (m) return `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`;
  const c = /([〇零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日/.exec(text);
  if (!c) return null;
  const digit = (ch: string) => (ch === '〇' || ch === '零' ? 0 : '零一二三四五六七八九'.indexOf(ch));
  const num = (s: string) => (s.length === 1 ? (s === '十' ? 10 : digit(s)) : s[0] === '十' ? 10 + digit(s[1]) : s.length === 2 ? digit(s[0]) * 10 : digit(s[0]) * 10 + digit(s[2]));
  const y = [...c[1]].map(digit).join('');
  return `${y}-${String(num(c[2])).padStart(2, '0')}-${String(num(c[3])).padStart(2, '0')}`;
}
