import { Empty, Table, Tag, Tooltip, Typography } from 'antd';
import type { MailRow } from '../../../api/types';
import { Loadable } from '../../../components/Loadable';
import { ResendMailButton } from '../../../components/ResendMailButton';
import { useMailLog } from '../../../hooks/board';

/** Purposes the server does not word itself yet. */
const MAIL_PURPOSE: Record<string, string> = { receipt: '反馈回执', returned: '退回补正通知', invitation: '账号邀请' };

/** 邮件记录: every mail of the round, when, why, to whom, and whether it went out. */
export function MailLog({ roundId, active }: { roundId: string; active: boolean }) {
  const state = useMailLog(roundId, active);
  if (!active) return null;
  return (
    <Loadable state={state}>
      {(data) =>
        !data || data.mails.length === 0 ? (
          <Empty description="尚无邮件" />
        ) : (
          <Table
            rowKey="id"
            size="small"
            dataSource={data.mails}
            pagination={{ pageSize: 50, hideOnSinglePage: true }}
            scroll={{ x: 980 }}
            caption={<Typography.Text type="secondary">共 {data.total} 封</Typography.Text>}
            columns={[
              { title: '时间', key: 'time', width: 150, render: (m: MailRow) => m.sentLocal ?? m.createdLocal },
              { title: '原因', key: 'reason', width: 160, render: (m: MailRow) => MAIL_PURPOSE[m.reason] ?? m.reason },
              { title: '单位', key: 'unit', width: 130, render: (m: MailRow) => m.unitName ?? '—' },
              { title: '收件人', dataIndex: 'to', key: 'to', ellipsis: true },
              { title: '主题', dataIndex: 'subject', key: 'subject', ellipsis: true },
              {
                title: '状态',
                key: 'status',
                width: 100,
                render: (m: MailRow) =>
                  m.status === 'sent' ? (
                    <Tag color="green">已发送</Tag>
                  ) : m.status === 'failed' ? (
                    <Tooltip title={m.lastError}>
                      <Tag color="red">发送失败</Tag>
                    </Tooltip>
                  ) : (
                    <Tooltip title={m.lastError ? `正在重试（已尝试 ${m.attempts} 次）：${m.lastError}` : undefined}>
                      <Tag color={m.lastError ? 'orange' : undefined}>{m.lastError ? '重试中' : '待发送'}</Tag>
                    </Tooltip>
                  ),
              },
              { title: '操作', key: 'resend', width: 80, render: (m: MailRow) => <ResendMailButton roundId={roundId} mail={m} onDone={() => void state.reload()} /> },
            ]}
          />
        )
      }
    </Loadable>
  );
}
