import { BellOutlined, ClockCircleOutlined, EyeOutlined, RollbackOutlined } from '@ant-design/icons';
import { Button, Space, Table, Tag, Tooltip } from 'antd';
import type { BoardRecipient, SubmissionSummary } from '../../../api/types';
import { stateColor, UNIT_KIND_LABEL } from '../../../format';

interface Props {
  rows: BoardRecipient[];
  /** the server's page of the filtered recipients */
  pagination: { current: number; pageSize: number; total: number; onChange: (page: number) => void };
  open: boolean;
  latestByUnit: Map<string, SubmissionSummary>;
  /** the unit whose 催办 is being sent */
  busyUnitId: string | null;
  onRemind: (unitId: string) => void;
  onExtend: (r: BoardRecipient) => void;
  onView: (submissionId: string) => void;
  onReturn: (s: SubmissionSummary) => void;
  /** 代为录入 a letter the unit sent on paper / through OA */
  onRecord?: (r: BoardRecipient) => void;
}

/** 反馈进度: every recipient with its state, deadline, reply and the actions that fit its state. */
export function RecipientsTable({ rows, pagination, open, latestByUnit, busyUnitId, onRemind, onExtend, onView, onReturn, onRecord }: Props) {
  const columns = [
    {
      title: '单位',
      key: 'name',
      render: (r: BoardRecipient) => (
        <Space orientation="vertical" size={0}>
          <strong>{r.name}</strong>
          <span className="muted">{UNIT_KIND_LABEL[r.kind]}</span>
        </Space>
      ),
    },
    {
      title: '状态',
      key: 'state',
      width: 220,
      render: (r: BoardRecipient) => (
        <Space size={4} wrap>
          <Tag color={stateColor(r.state, r.overdue)} className="state-tag">
            {r.label}
          </Tag>
          {r.overdue && r.state !== 'overdue' && <Tag color="red">逾期</Tag>}
          {r.extended && r.state !== 'extended' && <Tag color="purple">已延期</Tag>}
          {r.late && <Tag color="volcano">逾期提交</Tag>}
        </Space>
      ),
    },
    {
      title: '截止时间',
      key: 'deadline',
      width: 150,
      render: (r: BoardRecipient) => (
        <span>
          {r.deadlineLocal}
          {r.extended && (
            <Tooltip title="已单独延期">
              <ClockCircleOutlined style={{ marginLeft: 4, color: '#722ed1' }} />
            </Tooltip>
          )}
        </span>
      ),
    },
    { title: '反馈时间', key: 'submitted', width: 140, render: (r: BoardRecipient) => r.submittedLocal ?? '—' },
    { title: '最近催办', key: 'reminded', width: 140, render: (r: BoardRecipient) => r.lastRemindedLocal ?? '—' },
    {
      title: '操作',
      key: 'actions',
      width: 250,
      render: (r: BoardRecipient) => {
        const replied = r.state.startsWith('submitted') || r.state === 'exempted';
        const sub = latestByUnit.get(r.unitId);
        return (
          <Space size={4} wrap>
            {!replied && open && (
              <>
                <Button size="small" icon={<BellOutlined />} loading={busyUnitId === r.unitId} onClick={() => onRemind(r.unitId)} aria-label={`催办${r.name}`}>
                  催办
                </Button>
                <Button size="small" icon={<ClockCircleOutlined />} onClick={() => onExtend(r)} aria-label={`为${r.name}延期`}>
                  延期
                </Button>
                {onRecord && (
                  <Button size="small" onClick={() => onRecord(r)} aria-label={`代为录入：${r.name}的来函`}>
                    代为录入
                  </Button>
                )}
              </>
            )}
            {sub && (
              <Button size="small" icon={<EyeOutlined />} onClick={() => onView(sub.id)} aria-label={`查看${r.name}的反馈`}>
                查看
              </Button>
            )}
            {sub && r.state.startsWith('submitted') && !sub.review && sub.kind !== 'withdrawal' && (
              <Button size="small" danger icon={<RollbackOutlined />} onClick={() => onReturn(sub)} aria-label={`退回补正：${r.name}的反馈`}>
                退回补正
              </Button>
            )}
          </Space>
        );
      },
    },
  ];
  return <Table rowKey="unitId" size="small" columns={columns} dataSource={rows} pagination={{ ...pagination, hideOnSinglePage: true, showSizeChanger: false }} scroll={{ x: 960 }} />;
}
