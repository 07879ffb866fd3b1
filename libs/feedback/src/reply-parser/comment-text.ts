import type { ItemKind } from '../entities/feedback.entity';

const QUOTED = /[“"「『‘]([^“”"「」『』‘’]{1,2000})[”"」』’]/gu;

/** The phrases in quotation marks, in order. */
export function quotedPhrases(text: string): { text: string; at: number; end: number }[] {
  return [...text.matchAll(QUOTED)].map((m) => ({ text: m[1].trim(), at: m.index!, end: m.index! + m[0].length }));
}

/** Strips the quotation marks, 原文： and the like around a 原文 cell. */
export function cleanQuote(text: string): string {
  let t = text.trim().replace(/^(?:原文|原表述|原稿)\s*[：:]\s*/, '');
  const m = /^[“"「『‘](.*)[”"」』’]$/su.exec(t);
  if (m && !/[“”"「」『』]/.test(m[1])) t = m[1];
  return t.trim();
}

export interface CommentParts {
  kind: ItemKind;
  quote: string;
  proposal: string;
  reason: string;
}

const MODIFY = /(?:修改|修订|改|调整|更改|替换|表述|明确|完善|规范|统一)(?:为|成)\s*[：:]?\s*/u;
const DELETE = /删除|删去|删掉|去掉|去除|拿掉|不再保留/u;
const ADD = /增加|新增|补充|增设|增写|加入|添加|增列|加上|写入|纳入/u;
const REASON = /(?:^|[。；;，,\s])(?:理由|原因|依据|说明)\s*[：:是为]\s*/u;

/**
 * Reads one comment — the 修改意见 cell, or a paragraph of a letter — into its kind, the 原文 it
 * quotes, the wording it proposes and its reason. Wording is what the comment puts in quotation
 * marks or after 修改为：/增加：; a comment that proposes none is 'other' and keeps its whole text.
 */
export function readComment(comment: string, columns: { quote?: string; proposal?: string; reason?: string } = {}): CommentParts {
  let text = comment.trim();
  let reason = (columns.reason ?? '').trim();
  const r = REASON.exec(text);
  if (r && r.index > 0) {
    const inline = text.slice(r.index + r[0].length).trim();
    text = text.slice(0, r.index).replace(/[。；;，,\s]+$/u, '');
    reason = reason ? `${inline}；${reason}` : inline;
  }
  let quote = cleanQuote(columns.quote ?? '');
  const explicit = (columns.proposal ?? '').trim();
  const phrases = quotedPhrases(text);

  if (explicit) {
    // a 建议修改为 column: the comment column (if any) is the reasoning
    if (text && text !== explicit) reason = reason ? `${text}；${reason}` : text;
    const kind: ItemKind = DELETE.test(explicit) && !MODIFY.test(explicit) && !phrases.length ? 'delete' : quote ? 'modify' : ADD.test(text) ? 'add' : 'modify';
    return { kind, quote, proposal: kind === 'delete' ? '' : cleanQuote(explicit), reason };
  }

  const mod = MODIFY.exec(text);
  if (mod) {
    const after = text.slice(mod.index + mod[0].length);
    const next = phrases.find((p) => p.at >= mod.index + mod[0].length);
    const proposal = next && next.at - (mod.index + mod[0].length) <= 1 ? next.text : after.replace(/[。；;]+$/u, '').trim();
    if (!quote) {
      const before = phrases.filter((p) => p.end <= mod.index);
      if (before.length) quote = before[before.length - 1].text;
    }
    if (proposal) return { kind: 'modify', quote, proposal, reason };
  }
  if (DELETE.test(text) && !ADD.test(text)) {
    if (!quote && phrases.length) quote = phrases[0].text;
    return { kind: 'delete', quote, proposal: '', reason: reason || (quote ? '' : text) };
  }
  const add = ADD.exec(text);
  if (add) {
    const after = text.slice(add.index + add[0].length);
    const next = phrases.find((p) => p.at >= add.index);
    const colon = /^[^。；;]*?[：:]\s*(.+)$/su.exec(after);
    const proposal = next ? next.text : colon ? colon[1].replace(/[。；;]+$/u, '').trim() : '';
    if (proposal) return { kind: 'add', quote, proposal, reason };
  }
  return { kind: 'other', quote, proposal: text, reason };
}

const SPLIT_MARKERS: { re: RegExp; value: (m: RegExpExecArray) => number }[] = [
  { re: /(?:^|(?<=[\n。；;]))\s*(\d{1,2})\s*[.、．](?!\d)\s*/gu, value: (m) => Number(m[1]) },
  { re: /(?:^|(?<=[\n。；;]))\s*[（(](\d{1,2})[）)]\s*/gu, value: (m) => Number(m[1]) },
  { re: /[①②③④⑤⑥⑦⑧⑨⑩]/gu, value: (m) => '①②③④⑤⑥⑦⑧⑨⑩'.indexOf(m[0]) + 1 },
  { re: /(?:^|(?<=[\n。；;]))\s*([一二三四五六七八九十])是\s*/gu, value: (m) => '一二三四五六七八九十'.indexOf(m[1]) + 1 },
];

/**
 * Two or more comments numbered inside one cell (1. … 2. … / （1）… / ① … / 一是…二是…) are
 * separate items; the numbers must run 1, 2, 3 … for the cell to be split. What comes before the
 * first number (关于第9条： …) is the lead, which the items share.
 */
export function splitNumbered(text: string): { lead: string; parts: string[] } {
  for (const { re, value } of SPLIT_MARKERS) {
    const marks = [...text.matchAll(re)].map((m) => ({ at: m.index!, end: m.index! + m[0].length, n: value(m as RegExpExecArray) }));
    const run: typeof marks = [];
    for (const m of marks) if (m.n === run.length + 1) run.push(m);
    if (run.length < 2) continue;
    const parts = run.map((m, i) => text.slice(m.end, i + 1 < run.length ? run[i + 1].at : undefined).trim().replace(/[；;]$/u, ''));
    return { lead: text.slice(0, run[0].at).trim(), parts: parts.filter(Boolean) };
  }
  return { lead: '', parts: [text] };
}
