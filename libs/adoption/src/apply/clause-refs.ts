import type { ClauseKind, ItemNumbering } from '@zq/drafting';

export interface RefNode {
  lineageKey: string;
  kind: ClauseKind;
  label: string;
  heading: string;
  text: string;
  children: RefNode[];
}

export interface ClauseRef {
  lineageKey: string;
  kind: ClauseKind;
  /** how an office cites it: 9. / 二、（三） / 9.（1） / 附件1 */
  ref: string;
  label: string;
  heading: string;
  text: string;
  /** heading and text as one line: 加快产业能级提升。建设提升… */
  fullText: string;
  ordinal: number;
}

/** Citations of every clause of a version, by lineage key, in document order. */
export function clauseRefs(tree: RefNode[], numbering: ItemNumbering): Map<string, ClauseRef> {
  const out = new Map<string, ClauseRef>();
  const walk = (nodes: RefNode[], parentRef: string, parentKind: ClauseKind | null) =>
    nodes.forEach((n) => {
      let ref: string;
      switch (n.kind) {
        case 'part':
        case 'annex':
          ref = n.label || (n.kind === 'annex' ? '附件' : n.heading);
          break;
        case 'item':
          ref = numbering === 'continuous' || !parentRef ? n.label : `${parentRef}${n.label}`;
          break;
        case 'section':
        case 'subitem':
          ref = `${parentRef}${n.label}`;
          break;
        default:
          ref = parentRef ? `${parentRef}${parentKind === 'annex' ? '' : '下'}${n.kind === 'table' ? '表格' : '段落'}` : n.kind === 'table' ? '表格' : '正文段落';
      }
      const fullText = n.heading && n.text ? `${n.heading}。${n.text}` : n.heading || n.text;
      out.set(n.lineageKey, { lineageKey: n.lineageKey, kind: n.kind, ref, label: n.label, heading: n.heading, text: n.text, fullText, ordinal: out.size });
      walk(n.children, n.kind === 'paragraph' || n.kind === 'table' ? parentRef : ref, n.kind);
    });
  walk(tree, '', null);
  return out;
}

/** 条款 column: "9. 加快产业能级提升", "9. → 10. 加快产业能级提升", "9. → 已删除", or the added clause. */
export function clauseColumn(before: ClauseRef | undefined, after: ClauseRef | undefined, added?: ClauseRef): string {
  if (!before) return '总体意见';
  const title = (r: ClauseRef) => (r.heading ? ` ${r.heading}` : r.kind === 'paragraph' ? ` ${r.text.slice(0, 12)}…` : '');
  if (added) return `${before.ref}后 → 新增 ${added.ref}${title(added)}`;
  if (!after) return `${before.ref}${title(before)} → 已删除`;
  return before.ref === after.ref ? `${before.ref}${title(after)}` : `${before.ref} → ${after.ref}${title(after)}`;
}
