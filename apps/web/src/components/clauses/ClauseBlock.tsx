import type { ReactNode } from 'react';
import { ClauseTable } from './ClauseTable';
import { Responsibilities } from './Responsibilities';
import { ClauseRow, clauseTitle } from './rows';

/** One clause: label and heading, its text (optionally decorated), its 责任单位 with the lead marked. */
export function ClauseBlock({ row, text, actions, highlight, onLead }: { row: ClauseRow; text?: ReactNode; actions?: ReactNode; highlight?: boolean; onLead?: (name: string | null) => void }) {
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
      <Responsibilities units={row.responsibilities} onLead={onLead} />
    </article>
  );
}
