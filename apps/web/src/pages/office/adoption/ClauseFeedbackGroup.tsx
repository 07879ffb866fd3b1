import { WarningOutlined } from '@ant-design/icons';
import { Col, Row, Tag } from 'antd';
import type { ReactNode } from 'react';
import type { ClauseFeedback, FeedbackItemView } from '../../../api/types';
import { highlightQuotes } from './highlightQuotes';

/** One clause with its text (quotes marked) beside the comments on it and those carried over from the last round. */
export function ClauseFeedbackGroup({ clause: c, renderItem }: { clause: ClauseFeedback; renderItem: (i: FeedbackItemView) => ReactNode }) {
  return (
    <Row gutter={12} className="adoption-clause" aria-label={`${c.ref}${c.heading}的意见`} role="group">
      <Col xs={24} lg={9}>
        <div className="adoption-clause-text">
          <div className="clause-title">
            <span className="clause-label">{c.ref || c.label}</span>
            <span className="clause-heading">{c.heading}</span>
            {c.conflicts.length > 0 && (
              <Tag color="red" icon={<WarningOutlined />} style={{ marginLeft: 6 }}>
                意见冲突
              </Tag>
            )}
          </div>
          <div className="clause-text">{highlightQuotes(c.text, c.items)}</div>
        </div>
      </Col>
      <Col xs={24} lg={15}>
        {c.items.map(renderItem)}
        {c.carriedOver.map((x) => (
          <div key={x.id} className="carried-item">
            <Tag>第{x.roundNumber}轮转入</Tag> {x.unit.name}（{x.kindLabel}）{x.quote && `“${x.quote}”`} {x.proposedText && `→ ${x.proposedText}`}
            <div className="muted">
              上轮处理：{x.decisionLabel} {x.decisionReason}
            </div>
          </div>
        ))}
      </Col>
    </Row>
  );
}
