import { AuditOutlined, BellOutlined, DownloadOutlined, StopOutlined, SyncOutlined } from '@ant-design/icons';
import { Alert, App, Button, Popconfirm, Space, Tabs, Tag } from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { api, errorText } from '../../../api/client';
import type { BoardRecipient, ManualReminderResult, Round, SubmissionSummary } from '../../../api/types';
import { Loadable } from '../../../components/Loadable';
import { PageHeader } from '../../../components/PageHeader';
import { ROUND_STATUS_COLOR, roundNumberText } from '../../../format';
import { BOARD_PAGE_SIZE, BOARD_POLL_MS, useBoard, useSubmissions } from '../../../hooks/board';
import { CountsCard } from './CountsCard';
import { ExtendModal } from './ExtendModal';
import { ProxyReplyDrawer } from './ProxyReplyDrawer';
import { Extensions } from './Extensions';
import { LetterFiles } from './LetterFiles';
import { MailLog } from './MailLog';
import { NotReplied } from './NotReplied';
import { RecipientsTable } from './RecipientsTable';
import { ReturnModal } from './ReturnModal';
import { SubmissionDrawer } from './SubmissionDrawer';
import { SubmissionsTable } from './SubmissionsTable';

/** 跟踪: who replied, who has not (with whom to call), 催办, 延期, 退回补正, the mail log. */
export function BoardView({ round, reloadRound }: { round: Round; reloadRound: () => Promise<void> }) {
  const { message } = App.useApp();
  const [filter, setFilterState] = useState<string | null>(null);
  const [page, setPage] = useState(1);
  const setFilter = (state: string | null) => {
    setFilterState(state);
    setPage(1);
  };
  const board = useBoard(round.id, filter, page);
  const submissions = useSubmissions(round.id);
  const [tab, setTab] = useState('board');
  const [extendFor, setExtendFor] = useState<BoardRecipient | null>(null);
  const [recordFor, setRecordFor] = useState<BoardRecipient | null>(null);
  const [returnFor, setReturnFor] = useState<SubmissionSummary | null>(null);
  const [viewing, setViewing] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const latestByUnit = useMemo(() => new Map((submissions.data ?? []).map((s) => [s.unit.id, s])), [submissions.data]);

  const remind = async (unitIds?: string[]) => {
    setBusy(unitIds?.[0] ?? 'all');
    try {
      const res = await api.post<ManualReminderResult>(`/rounds/${round.id}/reminders/manual`, unitIds ? { unitIds } : {});
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
                <SyncOutlined spin={board.loading} /> 数据更新于 {board.data.asOfLocal}，每 {BOARD_POLL_MS / 1000} 秒自动刷新
              </span>
            )}
          </Space>
        }
      />
      {board.error && board.data ? <Alert type="warning" showIcon title={`自动刷新失败：${errorText(board.error)}`} style={{ marginBottom: 12 }} /> : null}
      <Loadable state={board}>
        {(b) => {
          const replied = b.counts.filter((c) => c.state.startsWith('submitted') || c.state === 'exempted').reduce((n, c) => n + c.count, 0);
          return (
            <>
              <CountsCard board={b} replied={replied} filter={filter} onFilter={setFilter} />
              <Tabs
                activeKey={tab}
                onChange={setTab}
                items={[
                  {
                    key: 'board',
                    label: '反馈进度',
                    children: (
                      <RecipientsTable
                        rows={b.recipients}
                        pagination={{ current: page, pageSize: BOARD_PAGE_SIZE, total: b.page.matched, onChange: setPage }}
                        open={round.status === 'open'}
                        latestByUnit={latestByUnit}
                        busyUnitId={busy}
                        onRemind={(unitId) => remind([unitId])}
                        onExtend={setExtendFor}
                        onView={setViewing}
                        onReturn={setReturnFor}
                        onRecord={setRecordFor}
                      />
                    ),
                  },
                  {
                    key: 'notReplied',
                    label: `未反馈单位（${b.notRepliedCount}）`,
                    children: <NotReplied roundId={round.id} active={tab === 'notReplied'} tick={b.notRepliedCount} />,
                  },
                  {
                    key: 'submissions',
                    label: `已收到的反馈（${submissions.data?.length ?? 0}）`,
                    children: <SubmissionsTable rows={submissions.data ?? []} onView={setViewing} onReturn={setReturnFor} />,
                  },
                  { key: 'mails', label: '邮件记录', children: <MailLog roundId={round.id} active={tab === 'mails'} /> },
                  { key: 'extensions', label: '延期记录', children: <Extensions roundId={round.id} active={tab === 'extensions'} /> },
                  { key: 'letterFiles', label: '函件附件', children: <LetterFiles roundId={round.id} /> },
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
      <ProxyReplyDrawer
        roundId={round.id}
        versionId={round.versionId}
        recipient={recordFor}
        onClose={(done) => {
          setRecordFor(null);
          if (done) void board.reload();
        }}
      />
    </>
  );
}
