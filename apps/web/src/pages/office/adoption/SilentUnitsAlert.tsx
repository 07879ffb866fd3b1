import { Alert } from 'antd';
import type { RoundFeedback } from '../../../api/types';

type Silent = RoundFeedback['silentResponsibleUnits'][number];

/** 责任单位 that said nothing about the clauses they are responsible for (replied otherwise, or not at all). */
export function SilentUnitsAlert({ units }: { units: Silent[] }) {
  const replied = units.filter((s) => s.replied);
  const silent = units.filter((s) => !s.replied);
  const line = (s: Silent) => (
    <li key={s.unit.id}>
      <strong>{s.unit.name}</strong>：{s.clauses.map((c) => `${c.ref}${c.heading}`).join('、')}
    </li>
  );
  return (
    <Alert
      type="warning"
      showIcon
      style={{ margin: 8 }}
      title={[replied.length ? `${replied.length} 个已反馈的责任单位未对其负责的条款提出意见` : '', silent.length ? `${silent.length} 个责任单位尚未反馈` : ''].filter(Boolean).join('；')}
      description={
        <>
          {replied.length > 0 && <ul className="plain-list">{replied.map(line)}</ul>}
          {silent.length > 0 && (
            <details>
              <summary>未反馈的责任单位（{silent.length}）</summary>
              <ul className="plain-list">{silent.map(line)}</ul>
            </details>
          )}
        </>
      }
    />
  );
}
