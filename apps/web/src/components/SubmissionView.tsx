import { Descriptions, Empty, Space, Table, Tag, Typography } from 'antd';
import type { SubmissionDetail } from '../api/types';
import { ITEM_KIND_LABEL, lateText, REPLY_KIND_LABEL, SEAL_ROLE_LABEL, shanghaiTime } from '../format';

/** A sealed submission: who, seals, 经市政府同意, the items, the receipt digest. */
export function SubmissionView({ s }: { s: SubmissionDetail }) {
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size={16}>
      <Descriptions size="small" bordered column={{ xs: 1, md: 2 }}>
        <Descriptions.Item label="回执编号">
          <Typography.Text copyable strong>
            {s.trackingNo}
          </Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label="反馈单位">
          {s.unit.name}
          {s.actingUnit.id !== s.unit.id && `（由${s.actingUnit.name}报送）`}
        </Descriptions.Item>
        <Descriptions.Item label="类型">
          <Tag color={s.kind === 'no_comment' ? 'cyan' : s.kind === 'withdrawal' ? 'default' : 'green'}>{REPLY_KIND_LABEL[s.kind]}</Tag>
          第 {s.revision} 次提交{!s.isLatest && <Tag>已被更新的提交替代</Tag>}
        </Descriptions.Item>
        <Descriptions.Item label="盖章提交时间">
          {shanghaiTime(s.sealedAt)} {s.late && <Tag color="red">{lateText(s.lateSeconds)}</Tag>}
        </Descriptions.Item>
        <Descriptions.Item label="签发人">{s.signatory}</Descriptions.Item>
        <Descriptions.Item label="联系人">
          {s.contact.name} {s.contact.phone}
        </Descriptions.Item>
        <Descriptions.Item label="经市政府同意">
          {s.attestation ? (s.attestation.channel === 'general_office' ? '由市政府办公厅（室）报送' : s.attestation.statement || '—') : '不适用'}
        </Descriptions.Item>
        <Descriptions.Item label="公章">
          {s.seals.map((x, i) => (
            <Tag key={i} color="red">
              {x.unitName || SEAL_ROLE_LABEL[x.role] || x.role}
            </Tag>
          ))}
          {s.seals[0]?.filename && <Typography.Text type="secondary">扫描件：{[...new Set(s.seals.map((x) => x.filename))].join('、')}</Typography.Text>}
        </Descriptions.Item>
        <Descriptions.Item label="摘要（SHA-256）" span={2}>
          <Typography.Text code copyable className="digest">
            {s.receipt.digest}
          </Typography.Text>
        </Descriptions.Item>
        {s.withdrawalReason && (
          <Descriptions.Item label="撤回理由" span={2}>
            {s.withdrawalReason}
          </Descriptions.Item>
        )}
        {s.reviews.length > 0 && (
          <Descriptions.Item label="审核" span={2}>
            {s.reviews.map((r, i) => (
              <div key={i}>
                <Tag color={r.action === 'returned' ? 'orange' : 'green'}>{r.action === 'returned' ? '退回补正' : '已采收'}</Tag>
                {shanghaiTime(r.reviewedAt)} {r.reason}
              </div>
            ))}
          </Descriptions.Item>
        )}
      </Descriptions>
      {s.kind === 'with_comments' ? (
        <Table
          size="small"
          rowKey="position"
          pagination={false}
          dataSource={s.items}
          scroll={{ x: 720 }}
          columns={[
            { title: '序号', dataIndex: 'position', width: 56 },
            { title: '条款', key: 'clause', width: 140, render: (_: unknown, i) => (i.clauseId ? `${i.clauseLabel ?? ''}${i.clauseHeading ?? ''}` : '总体意见') },
            { title: '类型', key: 'kind', width: 64, render: (_: unknown, i) => ITEM_KIND_LABEL[i.kind] },
            { title: '原文', dataIndex: 'quote', render: (q: string) => (q ? <span className="quote">“{q}”</span> : '—') },
            { title: '建议修改为', dataIndex: 'proposedText' },
            { title: '理由', dataIndex: 'reason' },
          ]}
        />
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={s.kind === 'no_comment' ? '本单位无意见' : '撤回此前的反馈'} />
      )}
    </Space>
  );
}
