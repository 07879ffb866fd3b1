import { Tag, Tooltip, Typography } from 'antd';
import type { ReactNode } from 'react';
import type { ClauseKind, ParsedClause, RedlineSegment, Responsibility } from '../api/types';

/** A clause of any source (stored version, import preview, unit's draft) as the UI draws it. */
export interface ClauseRow {
  key: string;
  id?: string;
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
    const key = n.id ?? `${prefix}.${i}`;
    out.push({
      key,
      id: n.id,
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

export function Responsibilities({ units }: { units: Responsibility[] }) {
  if (!units.length) return null;
  return (
    <div className="clause-units" aria-label="责任单位">
      <Typography.Text type="secondary">责任单位：</Typography.Text>
      {units.map((u, i) => (
        <Tooltip key={`${u.name}.${i}`} title={u.unitId ? undefined : '未在单位目录中找到此名称'}>
          <Tag color={u.isLead ? 'red' : u.unitId ? 'blue' : 'orange'} className="unit-tag">
            {u.name}
            {u.isLead && <span className="lead-mark">牵头</span>}
            {!u.unitId && <span>（未识别）</span>}
          </Tag>
        </Tooltip>
      ))}
    </div>
  );
}

export function ClauseTable({ rows }: { rows: string[][] }) {
  const [head, ...body] = rows;
  return (
    <div className="clause-table-wrap">
      <table className="clause-table">
        {head && (
          <thead>
            <tr>
              {head.map((c, i) => (
                <th key={i}>{c}</th>
              ))}
            </tr>
          </thead>
        )}
        <tbody>
          {body.map((r, i) => (
            <tr key={i}>
              {r.map((c, j) => (
                <td key={j}>{c}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** One clause: label and heading, its text (optionally decorated), its 责任单位 with the lead marked. */
export function ClauseBlock({ row, text, actions, highlight }: { row: ClauseRow; text?: ReactNode; actions?: ReactNode; highlight?: boolean }) {
  return (
    <article className={`clause clause-${row.kind}${highlight ? ' clause-highlight' : ''}`} style={{ paddingLeft: 12 + Math.min(row.depth, 5) * 20 }} aria-label={clauseTitle(row)}>
      <div className="clause-head">
        <span className="clause-title">
          {row.label && <span className="clause-label">{row.label}</span>}
          {row.heading && <span className="clause-heading">{row.heading}</span>}
        </span>
        {actions && <span className="clause-actions">{actions}</span>}
      </div>
      {(text ?? row.text) && <div className="clause-text">{text ?? row.text}</div>}
      {row.tableRows && <ClauseTable rows={row.tableRows} />}
      <Responsibilities units={row.responsibilities} />
    </article>
  );
}

/** Word-level redline: deletions struck through in red, insertions underlined in green. */
export function Redline({ segments }: { segments: RedlineSegment[] }) {
  return (
    <span className="redline">
      {segments.map((s, i) =>
        s.op === 'insert' ? (
          <ins key={i} className="rl-ins" title="新增">
            {s.text}
          </ins>
        ) : s.op === 'delete' ? (
          <del key={i} className="rl-del" title="删除">
            {s.text}
          </del>
        ) : (
          <span key={i}>{s.text}</span>
        ),
      )}
    </span>
  );
}
