import { AuditOutlined, BellOutlined, ClockCircleOutlined, DownloadOutlined, EyeOutlined, RollbackOutlined, StopOutlined, SyncOutlined } from '@ant-design/icons';
import { Alert, App, Badge, Button, Radio, Card, DatePicker, Drawer, Empty, Form, Input, Modal, Popconfirm, Progress, Space, Table, Tabs, Tag, Tooltip, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { api, errorText } from '../../api/client';
import type { Board, BoardRecipient, Extension, MailRow, NotRepliedUnit, Round, SubmissionDetail, SubmissionSummary, Unit } from '../../api/types';
import { Loadable } from '../../components/Loadable';
import { PageHeader } from '../../components/PageHeader';
import { SubmissionView } from '../../components/SubmissionView';
import { useLoad } from '../../components/useLoad';
import { lateText, REPLY_KIND_LABEL, shanghaiTime, stateColor, UNIT_KIND_LABEL } from '../../format';
import { ROUND_STATUS_COLOR, roundNumberText } from './RoundsPage';

const POLL_MS = 4000;

/** Purposes the server does not word itself yet. */
const MAIL_PURPOSE: Record<string, string> = { receipt: '反馈回执', returned: '退回补正通知', invitation: '账号邀请' };

export function BoardPage() {
  const { id } = useParams();
  const round = useLoad(() => api.get<Round>(`/rounds/${id}`), [id]);
  return <Loadable state={round}>{(r) => <BoardView round={r} reloadRound={round.reload} />}</Loadable>;
}

function BoardView({ round, reloadRound }: { round: Round; reloadRound: () => Promise<void> }) {
  const { message } = App.useApp();
  const board = useLoad(() => api.get<Board>(`/rounds/${round.id}/board`), [round.id], { pollMs: POLL_MS });
  const submissions = useLoad(() => api.get<SubmissionSummary[]>(`/rounds/${round.id}/submissions`, { latestOnly: true }), [round.id], { pollMs: POLL_MS });
  const [tab, setTab] = useState('board');
  const [filter, setFilter] = useState<string | null>(null);
  const [extendFor, setExtendFor] = useState<BoardRecipient | null>(null);
  const [returnFor, setReturnFor] = useState<SubmissionSummary | null>(null);
  const [viewing, setViewing] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const latestByUnit = useMemo(() => new Map((submissions.data ?? []).map((s) => [s.unit.id, s])), [submissions.data]);

  const remind = async (unitIds?: string[]) => {
    setBusy(unitIds?.[0] ?? 'all');
    try {
      const res = await api.post<{ sent: { name: string }[]; skipped: { name: string; reason: string }[] }>(`/rounds/${round.id}/reminders/manual`, unitIds ? { unitIds } : {});
      if (res.sent.length) message.success(`已向 ${res.sent.length} 个单位发出催办：${res.sent.map((s) => s.name).slice(0, 5).join('、')}${res.sent.length > 5 ? '等' : ''}`);
      if (res.skipped.length) message.warning(`未催办 ${res.skipped.length} 个单位：${res.skipped.map((s) => `${s.name}（${s.reason}）`).slice(0, 5).join('、')}`);
      await board.reload();
    } catch (err) {
      message.error(errorText(err));
    } finally {
      setBusy(null);
    }
  };

  const exportNotReplied = async () => {
    try {
      await api.download(`/rounds/${round.id}/board`, { format: 'xlsx' }, '未反馈单位.xlsx');
    } catch (err) {
      message.error(errorText(err));
    }
  };

  const closeRound = async () => {
    try {
      await api.post(`/rounds/${round.id}/close`);
      message.success('已截止，本轮不再接收反馈');
      await reloadRound();
    } catch (err) {
      message.error(errorText(err));
    }
  };

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
    { title: '反馈时间', key: 'submitted', width: 140, render: (r: BoardRecipient) => r.submittedLocal ?? (r.submittedAt ? shanghaiTime(r.submittedAt) : '—') },
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
            {!replied && round.status === 'open' && (
              <>
                <Button size="small" icon={<BellOutlined />} loading={busy === r.unitId} onClick={() => remind([r.unitId])} aria-label={`催办${r.name}`}>
                  催办
                </Button>
                <Button size="small" icon={<ClockCircleOutlined />} onClick={() => setExtendFor(r)} aria-label={`为${r.name}延期`}>
                  延期
                </Button>
              </>
            )}
            {sub && (
              <Button size="small" icon={<EyeOutlined />} onClick={() => setViewing(sub.id)} aria-label={`查看${r.name}的反馈`}>
                查看
              </Button>
            )}
            {sub && r.state.startsWith('submitted') && !sub.review && sub.kind !== 'withdrawal' && (
              <Button size="small" danger icon={<RollbackOutlined />} onClick={() => setReturnFor(sub)} aria-label={`退回${r.name}的反馈`}>
                退回补正
              </Button>
            )}
          </Space>
        );
      },
    },
  ];

  return (
    <>
      <PageHeader
        title={round.title}
        crumbs={[{ label: '轮次', to: '/rounds' }, { label: `${roundNumberText(round.roundNumber)} · 跟踪` }]}
        extra={
          <>
            <Popconfirm title="向所有未反馈的单位立即发送催办邮件？" okText="发送" cancelText="取消" onConfirm={() => remind()} disabled={round.status !== 'open'}>
              <Button icon={<BellOutlined />} loading={busy === 'all'} disabled={round.status !== 'open'}>
                催办全部未反馈单位
              </Button>
            </Popconfirm>
            <Button icon={<DownloadOutlined />} onClick={exportNotReplied}>
              导出未反馈单位
            </Button>
            <Link to={`/rounds/${round.id}/adoption`}>
              <Button icon={<AuditOutlined />} type={round.status === 'open' ? 'default' : 'primary'}>
                意见处理
              </Button>
            </Link>
            {round.status === 'open' && (
              <Popconfirm title="截止本轮征求意见？截止后各单位不能再提交反馈。" okText="截止" cancelText="取消" onConfirm={closeRound}>
                <Button icon={<StopOutlined />}>截止</Button>
              </Popconfirm>
            )}
          </>
        }
        sub={
          <Space wrap>
            <Tag color={ROUND_STATUS_COLOR[round.status]}>{round.statusLabel}</Tag>
            <span>截止 {round.deadlineLocal}（北京时间）</span>
            {board.data && (
              <span className="muted" aria-live="polite">
                <SyncOutlined spin={board.loading} /> 数据更新于 {board.data.asOfLocal}，每 {POLL_MS / 1000} 秒自动刷新
              </span>
            )}
          </Space>
        }
      />
      {board.error && board.data ? <Alert type="warning" showIcon title={`自动刷新失败：${errorText(board.error)}`} style={{ marginBottom: 12 }} /> : null}
      <Loadable state={board}>
        {(b) => {
          const replied = b.counts.filter((c) => c.state.startsWith('submitted') || c.state === 'exempted').reduce((n, c) => n + c.count, 0);
          const rows = filter ? b.recipients.filter((r) => r.state === filter) : b.recipients;
          return (
            <>
              <Card size="small" className="counts-card">
                <Space wrap size={12} align="center">
                  <Space>
                    <Progress type="circle" size={56} percent={b.total ? Math.round((replied / b.total) * 100) : 0} />
                    <span className="big-count">
                      已反馈 <strong>{replied}</strong> / {b.total}
                    </span>
                    <span className="big-count">
                      未反馈 <strong className="danger">{b.notReplied.length}</strong>
                    </span>
                  </Space>
                  <Radio.Group
                    aria-label="按状态筛选"
                    size="small"
                    value={filter ?? 'all'}
                    onChange={(e) => setFilter(e.target.value === 'all' ? null : e.target.value)}
                    optionType="button"
                    options={[
                      { value: 'all', label: `全部 ${b.total}` },
                      ...b.counts
                        .filter((c) => c.count > 0)
                        .map((c) => ({
                          value: c.state,
                          label: (
                            <span>
                              <Badge color={stateColor(c.state)} /> {c.label} {c.count}
                            </span>
                          ),
                        })),
                    ]}
                  />
                </Space>
              </Card>
              <Tabs
                activeKey={tab}
                onChange={setTab}
                items={[
                  {
                    key: 'board',
                    label: '反馈进度',
                    children: <Table rowKey="unitId" size="small" columns={columns} dataSource={rows} pagination={{ pageSize: 50, hideOnSinglePage: true }} scroll={{ x: 960 }} />,
                  },
                  {
                    key: 'notReplied',
                    label: `未反馈单位（${b.notReplied.length}）`,
                    children: <NotReplied units={b.notReplied} active={tab === 'notReplied'} />,
                  },
                  {
                    key: 'submissions',
                    label: `已收到的反馈（${submissions.data?.length ?? 0}）`,
                    children: <SubmissionsTable rows={submissions.data ?? []} onView={setViewing} onReturn={setReturnFor} />,
                  },
                  { key: 'mails', label: '邮件记录', children: <MailLog roundId={round.id} active={tab === 'mails'} /> },
                  { key: 'extensions', label: '延期记录', children: <Extensions roundId={round.id} active={tab === 'extensions'} /> },
                ]}
              />
            </>
          );
        }}
      </Loadable>
      <ExtendModal
        roundId={round.id}
        recipient={extendFor}
        onClose={(done) => {
          setExtendFor(null);
          if (done) void board.reload();
        }}
      />
      <ReturnModal
        submission={returnFor}
        onClose={(done) => {
          setReturnFor(null);
          if (done) {
            void board.reload();
            void submissions.reload();
          }
        }}
      />
      <SubmissionDrawer id={viewing} onClose={() => setViewing(null)} />
    </>
  );
}

function SubmissionsTable({ rows, onView, onReturn }: { rows: SubmissionSummary[]; onView: (id: string) => void; onReturn: (s: SubmissionSummary) => void }) {
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

function SubmissionDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const state = useLoad(() => (id ? api.get<SubmissionDetail>(`/submissions/${id}`) : Promise.resolve(null)), [id]);
  return (
    <Drawer open={!!id} onClose={onClose} size="large" title="反馈详情" destroyOnHidden>
      {id && <Loadable state={state}>{(s) => (s ? <SubmissionView s={s} /> : null)}</Loadable>}
    </Drawer>
  );
}

function ExtendModal({ roundId, recipient, onClose }: { roundId: string; recipient: BoardRecipient | null; onClose: (done: boolean) => void }) {
  const [form] = Form.useForm<{ date: Dayjs; reason: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { message } = App.useApp();
  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    setError(null);
    try {
      const res = await api.post<{ deadlineLocal: string }>(`/rounds/${roundId}/recipients/${recipient!.unitId}/extension`, { deadlineDate: v.date.format('YYYY-MM-DD'), reason: v.reason });
      message.success(`已为${recipient!.name}延期至 ${res.deadlineLocal}，催办计划随之调整`);
      form.resetFields();
      onClose(true);
    } catch (err) {
      setError(errorText(err));
      form.setFields([{ name: 'date', errors: [errorText(err)] }]);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open={!!recipient} title={`延期：${recipient?.name ?? ''}`} okText="确认延期" cancelText="取消" onOk={submit} confirmLoading={busy} onCancel={() => onClose(false)} destroyOnHidden>
      <p>当前截止：{recipient?.deadlineLocal}。延期后该单位的催办按新的截止时间重新安排。</p>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical">
        <Form.Item name="date" label="新的截止日期（当日 24 时前）" rules={[{ required: true, message: '请选择新的截止日期' }]}>
          <DatePicker style={{ width: 220 }} />
        </Form.Item>
        <Form.Item name="reason" label="延期理由" rules={[{ required: true, whitespace: true, message: '请填写延期理由' }]}>
          <Input.TextArea rows={3} maxLength={500} placeholder="如：需提请市政府常务会议研究" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function ReturnModal({ submission, onClose }: { submission: SubmissionSummary | null; onClose: (done: boolean) => void }) {
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { message } = App.useApp();
  const submit = async () => {
    if (!reason.trim()) {
      setError('请填写退回原因');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await api.post(`/submissions/${submission!.id}/return`, { reason: reason.trim() });
      message.success(`已退回${submission!.unit.name}的反馈，并邮件通知该单位`);
      setReason('');
      onClose(true);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open={!!submission} title={`退回补正：${submission?.unit.name ?? ''}（${submission?.trackingNo ?? ''}）`} okText="退回" okButtonProps={{ danger: true }} cancelText="取消" onOk={submit} confirmLoading={busy} onCancel={() => onClose(false)} destroyOnHidden>
      <p>退回后原反馈仍保留在案，该单位将收到邮件并可重新盖章提交。</p>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form layout="vertical">
        <Form.Item label="退回原因" required>
          <Input.TextArea rows={3} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={2000} placeholder="如：缺少“经市政府同意”的说明" aria-label="退回原因" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function MailLog({ roundId, active }: { roundId: string; active: boolean }) {
  const state = useLoad(() => (active ? api.get<{ total: number; mails: MailRow[] }>(`/rounds/${roundId}/mails`, { limit: 500 }) : Promise.resolve(null)), [roundId, active], { pollMs: active ? 8000 : undefined });
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
                    <Tag>待发送</Tag>
                  ),
              },
            ]}
          />
        )
      }
    </Loadable>
  );
}

function Extensions({ roundId, active }: { roundId: string; active: boolean }) {
  const state = useLoad(() => (active ? api.get<Extension[]>(`/rounds/${roundId}/extensions`) : Promise.resolve(null)), [roundId, active]);
  if (!active) return null;
  return (
    <Loadable state={state}>
      {(rows) =>
        !rows || rows.length === 0 ? (
          <Empty description="尚无延期" />
        ) : (
          <Table
            rowKey="id"
            size="small"
            dataSource={rows}
            pagination={false}
            columns={[
              { title: '单位', dataIndex: 'unitName', key: 'unit' },
              { title: '原截止', dataIndex: 'previousLocal', key: 'prev' },
              { title: '延期至', dataIndex: 'newLocal', key: 'new' },
              { title: '理由', dataIndex: 'reason', key: 'reason' },
              { title: '办理时间', key: 'at', render: (e: Extension) => shanghaiTime(e.grantedAt) },
            ]}
          />
        )
      }
    </Loadable>
  );
}

type Contact = { name: string; phone: string | null; email: string | null };

/** 未反馈单位 with whom to call: contacts come from the directory (a city through its offices). */
function NotReplied({ units, active }: { units: NotRepliedUnit[]; active: boolean }) {
  const directory = useLoad(() => (active ? api.get<Unit[]>('/units') : Promise.resolve(null)), [active]);
  const contactsOf = useMemo(() => {
    const byId = new Map<string, Contact[]>();
    for (const u of directory.data ?? []) {
      byId.set(u.id, [...(byId.get(u.id) ?? []), ...u.contacts]);
      if (u.kind === 'city_office' && u.parentId) byId.set(u.parentId, [...(byId.get(u.parentId) ?? []), ...u.contacts.map((c) => ({ ...c, name: `${u.shortName} ${c.name}` }))]);
    }
    return byId;
  }, [directory.data]);
  if (!active) return null;
  if (!units.length) return <Empty description="所有单位均已反馈" />;
  return (
    <Table
      rowKey="unitId"
      size="small"
      dataSource={units}
      pagination={false}
      scroll={{ x: 860 }}
      columns={[
        { title: '单位', dataIndex: 'name', key: 'name', width: 160 },
        { title: '状态', key: 'label', width: 140, render: (u: NotRepliedUnit) => <Tag color={u.overdue ? 'red' : 'default'}>{u.label}</Tag> },
        { title: '截止时间', dataIndex: 'deadlineLocal', key: 'deadline', width: 150 },
        { title: '最近催办', key: 'reminded', width: 150, render: (u: NotRepliedUnit) => u.lastRemindedLocal ?? '—' },
        {
          title: '联系人',
          key: 'contacts',
          render: (u: NotRepliedUnit) => {
            const list = u.contacts ?? contactsOf.get(u.unitId) ?? [];
            return list.length
              ? list.map((c, i) => (
                  <div key={i}>
                    {c.name} {c.phone ?? ''} <span className="muted">{c.email ?? ''}</span>
                  </div>
                ))
              : '—';
          },
        },
      ]}
    />
  );
}
