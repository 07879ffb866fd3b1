import type { SourceBlock } from './blocks';
import { joinLines } from './line-normalizer';
import { isAnnexListing, matchAnnexMarker, matchMarker } from './markers';

/** A consultation letter (函) with the draft as 附件1 and, often, the list of units as 附件2. */
export interface DocumentRegions {
  letter: SourceBlock[] | null;
  draft: SourceBlock[];
  /** the annex listing the units consulted (its title says 名单) */
  unitList: SourceBlock[] | null;
}

/**
 * Finds the letter and its annexes. Only a numbered, standalone "附件 1" preceded by letter-like
 * text starts letter mode; later "附件 N" lines split the letter's annexes when their title
 * matches the letter's own list of attachments, so a draft's internal annexes stay in the draft.
 */
export function splitDocument(blocks: SourceBlock[]): DocumentRegions {
  const markers: { index: number; number: number }[] = [];
  blocks.forEach((b, index) => {
    const m = b.type === 'line' ? matchAnnexMarker(b.text) : null;
    if (m && m.number !== null) markers.push({ index, number: m.number });
  });
  const first = markers[0];
  if (!first || first.number !== 1) return { letter: null, draft: blocks, unitList: null };
  const before = blocks.slice(0, first.index);
  // a draft exported on its own may still start with its "附件1" line
  if (before.length === 0) return { letter: null, draft: blocks.slice(1), unitList: null };
  if (!looksLikeLetter(before)) return { letter: null, draft: blocks, unitList: null };

  const listing = readAttachmentListing(before);
  const starts = [first];
  for (const m of markers.slice(1)) {
    const expected = starts.length + 1;
    if (m.number !== expected) continue;
    const listed = listing.get(expected);
    const next = blocks[m.index + 1];
    const title = next?.type === 'line' ? next.text : '';
    if (listed === undefined || similar(title, listed)) starts.push(m);
  }
  const annexes = starts.map((s, k) => ({
    listed: listing.get(s.number) ?? '',
    blocks: blocks.slice(s.index + 1, k + 1 < starts.length ? starts[k + 1].index : blocks.length),
  }));
  const isUnitList = (a: (typeof annexes)[number]) => {
    const head = a.blocks[0];
    return a.listed.includes('名单') || (head?.type === 'line' && head.text.includes('名单'));
  };
  return {
    letter: before,
    draft: annexes.find((a) => !isUnitList(a))?.blocks ?? [],
    unitList: annexes.find(isUnitList)?.blocks ?? null,
  };
}

/**
 * A letter lists its attachments, names a contact, is titled …的函, sets a reply date: two of
 * these, and no sections of its own. A draft that merely mentions 征求意见 in its title is no letter.
 */
function looksLikeLetter(blocks: SourceBlock[]): boolean {
  const lines = blocks.flatMap((b) => (b.type === 'line' ? [b.text] : []));
  if (lines.some((l) => matchMarker(l)?.kind === 'section')) return false;
  const text = lines.join('\n');
  const signs = [
    lines.some(isAnnexListing),
    /联系人|联系电话|联系方式/.test(text),
    lines.some((l) => /函$/.test(l)),
    /于\d{1,2}月\d{1,2}日(?:前|之前|以前)/.test(text),
  ];
  return signs.filter(Boolean).length >= 2;
}

/** "附件：1. 关于…（二次征求意见稿） 2. 省级有关部门名单" → {1: 关于…, 2: 省级有关部门名单}. */
export function readAttachmentListing(letter: SourceBlock[]): Map<number, string> {
  const listing = new Map<number, string>();
  let inListing = false;
  for (const b of joinLines(letter)) {
    if (b.type !== 'line') {
      inListing = false;
      continue;
    }
    let text = b.text;
    const head = /^附件\s*[：:]\s*/.exec(text);
    if (head) {
      inListing = true;
      text = text.slice(head[0].length);
      if (!matchMarker(text)) {
        listing.set(1, text);
        continue;
      }
    }
    if (!inListing) continue;
    const m = matchMarker(text);
    if (m && m.kind === 'item') listing.set(m.number, m.rest);
    else inListing = false;
  }
  return listing;
}

/** Titles printed twice drift (部门名单 / 单位名单): compare by shared character pairs (Dice). */
export function similar(a: string, b: string): boolean {
  const pairs = (s: string) => {
    const clean = s.replace(/[\s（）()《》“”"]/g, '');
    const out = new Map<string, number>();
    for (let i = 0; i + 1 < clean.length; i++) out.set(clean.slice(i, i + 2), (out.get(clean.slice(i, i + 2)) ?? 0) + 1);
    return out;
  };
  const pa = pairs(a);
  const pb = pairs(b);
  let total = 0;
  let shared = 0;
  for (const n of pa.values()) total += n;
  for (const [k, n] of pb) {
    total += n;
    shared += Math.min(n, pa.get(k) ?? 0);
  }
  return total > 0 && (2 * shared) / total >= 0.5;
}
