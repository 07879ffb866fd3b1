import type { ReactNode } from 'react';
import type { FeedbackItemView } from '../../../api/types';

/** The clause text with every quoted span marked, first occurrence of each quote, left to right. */
export function highlightQuotes(text: string, items: FeedbackItemView[]): ReactNode {
  const marks = items.map((i) => i.quote).filter(Boolean);
  if (!marks.length) return text;
  const out: ReactNode[] = [];
  let rest = text;
  let key = 0;
  for (;;) {
    let best: { at: number; q: string } | null = null;
    for (const q of marks) {
      const at = rest.indexOf(q);
      if (at >= 0 && (!best || at < best.at)) best = { at, q };
    }
    if (!best) break;
    out.push(
      rest.slice(0, best.at),
      <mark key={key++} className="quoted">
        {best.q}
      </mark>,
    );
    rest = rest.slice(best.at + best.q.length);
  }
  out.push(rest);
  return out;
}
