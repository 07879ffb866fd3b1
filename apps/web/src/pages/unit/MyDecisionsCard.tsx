import { Alert, Card, Empty, Space, Tag } from 'antd';
import { Loadable } from '../../components/Loadable';
import { DECISION_COLOR } from '../../format';
import { useMyDecisions } from '../../hooks/unit';

/** 意见处理情况: each comment this unit made in the round and how the office decided it. */
export function MyDecisionsCard({ roundId }: { roundId: string }) {
  const state = useMyDecisions(roundId);
  return (
    <Loadable state={state}>
      {(d) => (
        <Card size="small" title="本单位意见的处理情况">
          {!d.decisionsFinal && <Alert type="info" showIcon title="本轮尚未办结，处理情况以办结后为准。" style={{ marginBottom: 12 }} />}
          {d.items.length === 0 ? (
            <Empty description="本单位在本轮没有提出具体意见" />
          ) : (
            d.items.map((i) => (
              <div key={i.id} className="earlier-item" role="group" aria-label={`${i.clause ? `${i.clause.ref}${i.clause.heading}` : '总体意见'}的处理情况`}>
                <Space wrap>
                  <strong>{i.clause ? `${i.clause.ref}${i.clause.heading}` : '总体意见'}</strong>
                  <Tag>{i.kindLabel}</Tag>
                  {i.decision ? <Tag color={DECISION_COLOR[i.decision.decision]}>{i.decision.label}</Tag> : <Tag>尚未决定</Tag>}
                  {i.decision?.carryOver && <Tag color="purple">转入下一轮继续征求</Tag>}
                </Space>
                <div>
                  {i.quote && `“${i.quote}”`} {i.proposedText && `→ ${i.proposedText}`}
                </div>
                {i.decision?.reason && <div className="muted">处理说明：{i.decision.reason}</div>}
              </div>
            ))
          )}
        </Card>
      )}
    </Loadable>
  );
}
