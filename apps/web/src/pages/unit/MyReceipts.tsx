import { Card, Empty, List, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { MyReply } from '../../api/types';
import { Loadable } from '../../components/Loadable';
import { VerifyButton } from '../../components/receipt/VerifyButton';
import { SubmissionView } from '../../components/SubmissionView';
import { lateText, REPLY_KIND_LABEL, shanghaiTime } from '../../format';
import { useSubmission } from '../../hooks/board';

const CHANNEL_LABEL: Record<string, string> = { paper: '纸质', oa_exchange: 'OA公文交换', fax: '传真', email: '电子邮件' };

/** 回执: every sealed reply of the unit in this round, newest first, each to open and verify. */
export function MyReceipts({ reply }: { reply: MyReply }) {
  const [open, setOpen] = useState<string | null>(null);
  const detail = useSubmission(open);
  if (!reply.submissions.length) return <Empty description="本单位尚未盖章提交反馈" />;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Card size="small">
        <List
          dataSource={[...reply.submissions].reverse()}
          renderItem={(s) => (
            <List.Item
              actions={[
                <a key="open" onClick={() => setOpen(open === s.id ? null : s.id)} role="button" tabIndex={0} onKeyDown={(e) => e.key === 'Enter' && setOpen(open === s.id ? null : s.id)}>
                  {open === s.id ? '收起' : '查看'}
                </a>,
              ]}
            >
              <List.Item.Meta
                title={<Typography.Text copyable>{s.trackingNo}</Typography.Text>}
                description={
                  <Space wrap>
                    <span>第 {s.revision} 次提交</span>
                    <Tag>{REPLY_KIND_LABEL[s.kind] ?? s.kind}</Tag>
                    <span>{shanghaiTime(s.sealedAt)}</span>
                    {s.lateSeconds > 0 && <Tag color="red">{lateText(s.lateSeconds)}</Tag>}
                    {s.id === reply.recipient.latestSubmissionId && <Tag color="green">当前有效</Tag>}
                    {s.channel !== 'portal' && (
                      <Tag color="blue">
                        由征求意见发起单位{s.enteredBy ? `（${s.enteredBy}）` : ''}根据{CHANNEL_LABEL[s.channel] ?? s.channel}来函代为录入{s.receivedAt ? `，收文日期 ${shanghaiTime(s.receivedAt).slice(0, 10)}` : ''}
                      </Tag>
                    )}
                  </Space>
                }
              />
              <VerifyButton trackingNo={s.trackingNo} digest={s.digest} />
            </List.Item>
          )}
        />
      </Card>
      {open && <Card size="small">{<Loadable state={detail}>{(d) => (d ? <SubmissionView s={d} /> : null)}</Loadable>}</Card>}
    </Space>
  );
}
