import { CheckOutlined } from '@ant-design/icons';
import { Button, Checkbox, Space, Tag, Tooltip, Typography } from 'antd';
import type { Decision, FeedbackItemView } from '../../../api/types';
import { DECISION_COLOR, DECISION_LABEL, shanghaiTime } from '../../../format';

/** One comment: who, what, why, how it was decided, and the decision buttons. */
export function ItemRow({
  item,
  names,
  selected,
  onToggle,
  editable,
  onAdopt,
  onDecide,
}: {
  item: FeedbackItemView;
  names: Map<string, string>;
  selected: boolean;
  onToggle: (id: string, on: boolean) => void;
  editable: boolean;
  onAdopt: (i: FeedbackItemView) => void;
  onDecide: (i: FeedbackItemView, d: Decision) => void;
}) {
  const d = item.decision;
  return (
    <div className={`adoption-item${item.conflictsWith.length ? ' adoption-conflict' : ''}`} aria-label={`${item.unit.name}的意见`} role="group">
      <div className="adoption-item-head">
        <Space size={6} wrap>
          {editable && <Checkbox checked={selected} onChange={(e) => onToggle(item.id, e.target.checked)} aria-label={`选择${item.unit.name}的意见`} />}
          <strong>{item.unit.name}</strong>
          <Tag>{item.kindLabel}</Tag>
          <Typography.Text type="secondary" className="muted">
            {item.trackingNo}
          </Typography.Text>
          {item.conflictsWith.length > 0 && (
            <Tooltip title="与这些单位对同一段原文提出了不同的修改">
              <Tag color="red">与{item.conflictsWith.map((id) => names.get(id) ?? '其他单位').join('、')}的意见冲突</Tag>
            </Tooltip>
          )}
        </Space>
        {d ? (
          <Tag color={DECISION_COLOR[d.decision]} className="decision-tag">
            {DECISION_LABEL[d.decision]}
            {d.carryOver ? '（转入下一轮）' : ''}
          </Tag>
        ) : (
          <Tag className="decision-tag">未处理</Tag>
        )}
      </div>
      <div className="adoption-item-body">
        {item.quote && (
          <div>
            <span className="muted">原文：</span>“{item.quote}”
          </div>
        )}
        {item.proposedText && (
          <div>
            <span className="muted">{item.kind === 'other' ? '意见：' : item.kind === 'add' ? '建议新增：' : '建议修改为：'}</span>
            {item.proposedText}
          </div>
        )}
        {item.reason && (
          <div>
            <span className="muted">理由：</span>
            {item.reason}
          </div>
        )}
        {d && (d.reason || d.editedText) && (
          <div className="decision-note">
            {d.editedText && <div>采纳后的表述：{d.editedText}</div>}
            {d.reason && <div>处理说明：{d.reason}</div>}
            <div className="muted">
              {d.decidedBy.name ?? ''} {shanghaiTime(d.decidedAt)}
            </div>
          </div>
        )}
      </div>
      {editable && (
        <Space size={4} wrap className="adoption-actions">
          <Button size="small" type={d?.decision === 'adopted' ? 'primary' : 'default'} icon={<CheckOutlined />} onClick={() => onAdopt(item)} aria-label={`采纳${item.unit.name}的意见`}>
            采纳
          </Button>
          {(['partially_adopted', 'not_adopted', 'noted'] as Decision[]).map((x) => (
            <Button key={x} size="small" type={d?.decision === x ? 'primary' : 'default'} onClick={() => onDecide(item, x)}>
              {DECISION_LABEL[x]}
            </Button>
          ))}
        </Space>
      )}
    </div>
  );
}
