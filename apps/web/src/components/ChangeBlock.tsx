import { Tag, Typography } from 'antd';
import type { ClauseChange } from '../api/types';
import { CHANGE_LABEL } from '../format';
import { Redline } from './clauses/Redline';

/** One clause's change between two versions, in redline. */
export function ChangeBlock({ change }: { change: ClauseChange }) {
  const c = change.after ?? change.before!;
  const label = change.before && change.after && change.before.label !== change.after.label ? `${change.before.label} → ${change.after.label}` : c.label;
  return (
    <article className={`diff-row diff-${change.status}`} aria-label={`${CHANGE_LABEL[change.status].text} ${c.label}${c.heading}`}>
      <div className="clause-head">
        <span className="clause-title">
          <Tag color={CHANGE_LABEL[change.status].color}>{CHANGE_LABEL[change.status].text}</Tag>
          {change.moved && change.status !== 'moved' && <Tag color="purple">移动</Tag>}
          {change.relabelled && <Tag>重新编号</Tag>}
          {change.unitsChanged && <Tag color="blue">责任单位变化</Tag>}
          <span className="clause-label">{label}</span>
          <span className="clause-heading">{change.headingRedline ? <Redline segments={change.headingRedline} /> : c.heading}</span>
        </span>
      </div>
      <div className="clause-text">{change.redline ? <Redline segments={change.redline} /> : c.text}</div>
      {change.unitsChanged && (
        <Typography.Text type="secondary" className="clause-units">
          责任单位：{(change.before?.units ?? []).join('、') || '无'} → {(change.after?.units ?? []).join('、') || '无'}
        </Typography.Text>
      )}
    </article>
  );
}
