import type { ReactNode } from 'react';
import type { Clause } from '../../api/types';

const normalize = (s: string) => s.normalize('NFC').replace(/[\s\u3000]+/gu, '');

/** Same test the server applies at sealing: the quote is a span of the clause (whitespace aside). */
export function quoteFits(quote: string, clause: Clause | undefined): boolean {
  if (!quote.trim()) return true;
  if (!clause) return false;
  const q = normalize(quote);
  return [clause.heading + clause.text, clause.text, clause.heading, ...(clause.tableRows ?? []).flat()].some((p) => normalize(p).includes(q));
}

export function newKey(): string {
  return `i${Date.now().toString(36)}${Math.random().toString(36).slice(2, 7)}`;
}

/** Marks the quoted spans of a clause's text. */
export function withQuotes(text: string, quotes: string[]): ReactNode {
  const ranges: [number, number][] = [];
  for (const q of quotes) {
    if (!q) continue;
    const at = text.indexOf(q);
    if (at >= 0) ranges.push([at, at + q.length]);
  }
  if (!ranges.length) return text;
  ranges.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([...r]);
  }
  const out: ReactNode[] = [];
  let pos = 0;
  merged.forEach(([a, b], i) => {
    if (a > pos) out.push(text.slice(pos, a));
    out.push(
      <mark key={i} className="quoted">
        {text.slice(a, b)}
      </mark>,
    );
    pos = b;
  });
  if (pos < text.length) out.push(text.slice(pos));
  return out;
}
