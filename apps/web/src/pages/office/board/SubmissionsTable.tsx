import { Button, Empty, Space, Table, Tag } from 'antd';
import type { SubmissionSummary } from '../../../api/types';
import { lateText, REPLY_KIND_LABEL, shanghaiTime } from '../../../format';

/** 已收到的反馈: the latest sealed reply of each unit, to read or return. */
export function SubmissionsTable({ rows, onView, onReturn }: { rows: SubmissionSummary[]; onView: (id: string) => void; onReturn: (s: SubmissionSummary) => void }) {
  if (!rows.length) return <Empty description="尚未收到盖章反馈" />;
  return (
    <Table
      rowKey="id"
      size="small"
      dataSource={rows}
      pagination={false}
      scroll={{ x: 860 }}
      columns={[
        { title: '回执编号', dataIndex: 'trackingNo', key: 'trackingNo', width: 170 },
        { title: '单位', key: 'unit', render: (s: SubmissionSummary) => `${s.unit.name}${s.actingUnit.id !== s.unit.id ? `（${s.actingUnit.name}报送）` : ''}` },
        { title: '类型', key: 'kind', width: 90, render: (s: SubmissionSummary) => <Tag color={s.kind === 'no_comment' ? 'cyan' : 'green'}>{REPLY_KIND_LABEL[s.kind]}</Tag> },
        { title: '意见条数', dataIndex: 'itemCount', key: 'itemCount', width: 80 },
        { title: '提交时间', key: 'sealedAt', width: 150, render: (s: SubmissionSummary) => <span>{shanghaiTime(s.sealedAt)} {s.late && <Tag color="red">{lateText(s.lateSeconds)}</Tag>}</span> },
        { title: '审核', key: 'review', width: 110, render: (s: SubmissionSummary) => (s.review ? <Tag color={s.review.action === 'returned' ? 'orange' : 'green'}>{s.review.action === 'returned' ? '已退回' : '已采收'}</Tag> : '—') },
        {
          title: '操作',
          key: 'actions',
          width: 170,
          render: (s: SubmissionSummary) => (
            <Space size={4}>
              <Button size="small" onClick={() => onView(s.id)}>
                查看
              </Button>
              {!s.review && s.kind !== 'withdrawal' && (
                <Button size="small" danger onClick={() => onReturn(s)}>
                  退回补正
                </Button>
              )}
            </Space>
          ),
        },
      ]}
    />
  );
}
