import type { ClauseKind, ParsedClause, Responsibility } from '../../api/types';

/** A clause of any source (stored version, import preview, unit's draft) as the UI draws it. */
export interface ClauseRow {
  key: string;
  id?: string;
  /** an import preview's clause key (kept through corrections; warnings point at it) */
  clauseKey?: string;
  depth: number;
  kind: ClauseKind;
  label: string;
  heading: string;
  text: string;
  tableRows: string[][] | null;
  responsibilities: Responsibility[];
  responsibilityRaw?: string | null;
}

interface TreeLike {
  id?: string;
  key?: string;
  kind: ClauseKind;
  label: string;
  heading: string;
  text: string;
  tableRows?: string[][] | null;
  table?: { rows: string[][] };
  responsibilities?: Responsibility[];
  responsibleUnits?: Responsibility[];
  responsibilityRaw?: string | null;
  children: TreeLike[];
}

/** Depth-first, in reading order. */
export function flattenTree(nodes: TreeLike[], depth = 0, prefix = 'c', out: ClauseRow[] = []): ClauseRow[] {
  nodes.forEach((n, i) => {
    const key = n.id ?? (n.key ? `k:${n.key}` : `${prefix}.${i}`);
    out.push({
      key,
      id: n.id,
      ...(n.key ? { clauseKey: n.key } : {}),
      depth,
      kind: n.kind,
      label: n.label,
      heading: n.heading,
      text: n.text,
      tableRows: n.tableRows ?? n.table?.rows ?? null,
      responsibilities: n.responsibilities ?? n.responsibleUnits ?? [],
      responsibilityRaw: n.responsibilityRaw ?? null,
    });
    flattenTree(n.children, depth + 1, key, out);
  });
  return out;
}

/** Stored clauses (flat with parentId, in document order) → rows with their depth. */
export function rowsFromFlat(clauses: { id: string; parentId: string | null; kind: ClauseKind; label: string; heading: string; text: string; tableRows: string[][] | null; responsibilities: Responsibility[]; responsibilityRaw: string | null }[]): ClauseRow[] {
  const depth = new Map<string, number>();
  return clauses.map((c) => {
    const d = c.parentId ? (depth.get(c.parentId) ?? 0) + 1 : 0;
    depth.set(c.id, d);
    return { key: c.id, id: c.id, depth: d, kind: c.kind, label: c.label, heading: c.heading, text: c.text, tableRows: c.tableRows, responsibilities: c.responsibilities, responsibilityRaw: c.responsibilityRaw };
  });
}

export function countParsed(nodes: ParsedClause[]): number {
  return nodes.reduce((n, c) => n + 1 + countParsed(c.children), 0);
}

export function clauseTitle(c: { label: string; heading: string; text: string }): string {
  const head = c.heading || c.text.slice(0, 24) + (c.text.length > 24 ? '…' : '');
  return `${c.label}${c.label && !/[、.．）)]$/.test(c.label) ? ' ' : ''}${head}`.trim() || '（无标题段落）';
}

export function estimateClauseHeight(c: ClauseRow): number {
  return 44 + Math.ceil((c.text.length + c.heading.length) / 40) * 24 + (c.responsibilities.length ? 28 : 0) + (c.tableRows ? c.tableRows.length * 30 : 0);
}
