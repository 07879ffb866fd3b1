import { Alert, Card, Empty, Space, Tag } from 'antd';
import type { EarlierItems } from '../../api/types';
import { Redline } from '../../components/clauses/Redline';
import { roundNumberText } from '../../format';

/** 上一轮意见处理情况: how the office decided each of this unit's comments of the earlier round. */
export function EarlierDecisions({ earlier }: { earlier: EarlierItems }) {
  const prev = earlier.previousRound!;
  return (
    <Card size="small" title={`${roundNumberText(prev.roundNumber)}：本单位意见的处理情况`}>
      {!prev.decisionsFinal && <Alert type="info" showIcon title="上一轮尚未办结，处理情况以办结后为准。" style={{ marginBottom: 12 }} />}
      {earlier.items.length === 0 ? (
        <Empty description="本单位在上一轮没有提出具体意见" />
      ) : (
        earlier.items.map((i) => (
          <div key={i.id} className="earlier-item">
            <Space wrap>
              <strong>{i.clauseThen ? `${i.clauseThen.ref}${i.clauseThen.heading}` : '总体意见'}</strong>
              <Tag>{i.kindLabel}</Tag>
              {i.decision ? <Tag color={i.decision.decision === 'adopted' ? 'green' : i.decision.decision === 'not_adopted' ? 'red' : 'gold'}>{i.decision.label}</Tag> : <Tag>尚未决定</Tag>}
              {i.decision?.carryOver && <Tag color="purple">转入本轮继续征求</Tag>}
              {i.clauseNow && i.clauseThen && i.clauseNow.ref !== i.clauseThen.ref && <span className="muted">现为 {i.clauseNow.ref}</span>}
              {i.clauseStatus === 'deleted' && <Tag>该条款已删除</Tag>}
            </Space>
            <div>
              {i.quote && `“${i.quote}”`} {i.proposedText && `→ ${i.proposedText}`}
            </div>
            {i.decision?.reason && <div className="muted">处理说明：{i.decision.reason}</div>}
            {i.redline.length > 0 && (
              <div className="clause-text">
                <span className="muted">本轮条文变化：</span>
                <Redline segments={i.redline} />
              </div>
            )}
          </div>
        ))
      )}
    </Card>
  );
}
