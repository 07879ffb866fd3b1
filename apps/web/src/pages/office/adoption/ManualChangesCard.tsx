import { Button, Card, Table, Tag } from 'antd';
import type { NextVersion } from '../../../api/types';

type Change = NextVersion['changes'][number];

/** The changes the next version could not make by itself (quote not found, overlaps…), with 人工处理. */
export function ManualChangesCard({ changes, editable, onResolve }: { changes: Change[]; editable: boolean; onResolve: (c: Change) => void }) {
  return (
    <Card size="small" title="需人工处理的修改">
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={changes}
        columns={[
          { title: '条款', key: 'clause', width: 120, render: (_: unknown, c) => `${c.clauseBefore ?? '总体'}${c.clauseAfter && c.clauseAfter !== c.clauseBefore ? ` → ${c.clauseAfter}` : ''}` },
          { title: '原因', key: 'reason', render: (_: unknown, c) => c.manualReasonLabel ?? '—' },
          { title: '状态', key: 'status', width: 110, render: (_: unknown, c) => <Tag color={c.status === 'resolved' ? 'blue' : 'orange'}>{c.statusLabel}</Tag> },
          {
            title: '操作',
            key: 'op',
            width: 100,
            render: (_: unknown, c) =>
              editable && c.status === 'needs_manual_edit' ? (
                <Button size="small" onClick={() => onResolve(c)}>
                  人工处理
                </Button>
              ) : (
                c.resolutionNote ?? ''
              ),
          },
        ]}
      />
    </Card>
  );
}
