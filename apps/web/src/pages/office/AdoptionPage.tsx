import { CheckOutlined, DownloadOutlined, FileDoneOutlined, NodeIndexOutlined, SendOutlined, StopOutlined, WarningOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Checkbox, Col, DatePicker, Dropdown, Empty, Form, Input, Modal, Radio, Row, Select, Space, Statistic, Table, Tabs, Tag, Tooltip, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { ReactNode, useMemo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { api, ApiError, errorText } from '../../api/client';
import type { AdoptionTable, ClauseFeedback, Decision, DecisionCounts, FeedbackItemView, NextVersion, Round, RoundFeedback, VersionDiff } from '../../api/types';
import { Loadable } from '../../components/Loadable';
import { PageHeader } from '../../components/PageHeader';
import { useLoad } from '../../components/useLoad';
import { VirtualList } from '../../components/VirtualList';
import { shanghaiTime } from '../../format';
import { ChangeBlock } from './DiffPage';
import { ROUND_STATUS_COLOR, roundNumberText } from './RoundsPage';

export const DECISION_LABEL: Record<Decision, string> = { adopted: '采纳', partially_adopted: '部分采纳', not_adopted: '不采纳', noted: '供参考' };
const DECISION_COLOR: Record<Decision, string> = { adopted: 'green', partially_adopted: 'gold', not_adopted: 'red', noted: 'blue' };

type DecisionFilter = Decision | 'undecided' | 'all';

export function AdoptionPage() {
  const { id } = useParams();
  const round = useLoad(() => api.get<Round>(`/rounds/${id}`), [id]);
  return <Loadable state={round}>{(r) => <AdoptionView round={r} reloadRound={round.reload} />}</Loadable>;
}

function CountsBar({ counts, conflicts }: { counts: DecisionCounts; conflicts: number }) {
  return (
    <Space size={28} wrap className="decision-counts">
      <Statistic title="意见" value={counts.items} />
      <Statistic title="采纳" value={counts.adopted} />
      <Statistic title="部分采纳" value={counts.partiallyAdopted} />
      <Statistic title="不采纳" value={counts.notAdopted} />
      <Statistic title="供参考" value={counts.noted} />
      <Statistic title="未处理" value={counts.undecided} className={counts.undecided ? 'undecided-count' : undefined} />
      <Statistic title="冲突" value={conflicts} />
    </Space>
  );
}

function AdoptionView({ round, reloadRound }: { round: Round; reloadRound: () => Promise<void> }) {
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const [decisionFilter, setDecisionFilter] = useState<DecisionFilter>('all');
  const [unitFilter, setUnitFilter] = useState<string | undefined>();
  const feedback = useLoad(
    () => api.get<RoundFeedback>(`/rounds/${round.id}/feedback`, { decision: decisionFilter === 'all' ? undefined : decisionFilter, unitId: unitFilter }),
    [round.id, decisionFilter, unitFilter],
  );
  const units = useLoad(() => api.get<RoundFeedback>(`/rounds/${round.id}/feedback`), [round.id]);
  const [tab, setTab] = useState('items');
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [deciding, setDeciding] = useState<{ items: FeedbackItemView[] | 'allUndecided'; decision: Decision } | null>(null);
  const [generating, setGenerating] = useState(false);
  const [nextRoundOpen, setNextRoundOpen] = useState(false);
  const [versionTick, setVersionTick] = useState(0);

  const reloadAll = async () => {
    await Promise.all([feedback.reload(), units.reload()]);
    setVersionTick((t) => t + 1);
  };

  const decideNow = async (items: FeedbackItemView[] | 'allUndecided', decision: Decision, extra: { reason?: string; editedText?: string; carryOver?: boolean } = {}) => {
    const body = { decision, ...extra };
    if (items !== 'allUndecided' && items.length === 1) await api.put(`/rounds/${round.id}/items/${items[0].id}/disposition`, body);
    else await api.post(`/rounds/${round.id}/dispositions`, items === 'allUndecided' ? { ...body, allUndecided: true } : { ...body, itemIds: items.map((i) => i.id) });
  };

  const quickAdopt = async (items: FeedbackItemView[]) => {
    try {
      await decideNow(items, 'adopted');
      message.success(items.length === 1 ? `已采纳${items[0].unit.name}的意见` : `已采纳 ${items.length} 条意见`);
      setSelected(new Set());
      await reloadAll();
    } catch (err) {
      message.error(errorText(err));
    }
  };

  const closeRound = () =>
    modal.confirm({
      title: '截止本轮征求意见？',
      content: '截止后各单位不能再提交反馈，才能根据采纳情况生成下一版本。',
      okText: '截止',
      cancelText: '取消',
      onOk: async () => {
        try {
          await api.post(`/rounds/${round.id}/close`);
          message.success('已截止');
          await reloadRound();
        } catch (err) {
          message.error(errorText(err));
        }
      },
    });

  const conclude = () =>
    modal.confirm({
      title: '办结本轮征求意见？',
      content: '办结后本轮的采纳决定不能再修改，下一版本将正式发布。',
      okText: '办结',
      cancelText: '取消',
      onOk: async () => {
        try {
          await api.post(`/rounds/${round.id}/conclude`);
          message.success('已办结，下一版本已发布');
          await reloadRound();
          await reloadAll();
        } catch (err) {
          modal.error({ title: '未能办结', content: errorText(err) });
        }
      },
    });

  const download = async (path: string, query: Record<string, string> | undefined, name: string) => {
    try {
      await api.download(path, query, name);
    } catch (err) {
      message.error(errorText(err));
    }
  };

  const unitOptions = useMemo(() => {
    const seen = new Map<string, string>();
    for (const c of units.data?.clauses ?? []) for (const i of c.items) seen.set(i.unit.id, i.unit.name);
    for (const i of units.data?.general ?? []) seen.set(i.unit.id, i.unit.name);
    return [...seen].map(([value, label]) => ({ value, label }));
  }, [units.data]);

  const selectedItems = useMemo(() => {
    const all = [...(feedback.data?.clauses.flatMap((c) => c.items) ?? []), ...(feedback.data?.general ?? [])];
    return all.filter((i) => selected.has(i.id));
  }, [feedback.data, selected]);

  const toggle = (id: string, on: boolean) =>
    setSelected((s) => {
      const next = new Set(s);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });

  const closed = round.status === 'closed';
  const concluded = round.status === 'concluded';

  return (
    <>
      <PageHeader
        title={`意见处理：${round.title}`}
        crumbs={[{ label: '轮次', to: '/rounds' }, { label: roundNumberText(round.roundNumber), to: `/rounds/${round.id}/board` }, { label: '意见处理' }]}
        extra={
          <>
            {round.status === 'open' && (
              <Button icon={<StopOutlined />} onClick={closeRound}>
                截止征求
              </Button>
            )}
            <Button icon={<NodeIndexOutlined />} disabled={!closed} onClick={() => setGenerating(true)} title={closed ? undefined : '截止后才能生成下一版本'}>
              生成下一版本
            </Button>
            <Dropdown
              trigger={['click']}
              menu={{
                items: [
                  { key: 'xlsx', label: '意见采纳情况表（Excel）', onClick: () => download(`/rounds/${round.id}/adoption-table/download`, { format: 'xlsx' }, '意见采纳情况表.xlsx') },
                  { key: 'docx', label: '意见采纳情况表（Word）', onClick: () => download(`/rounds/${round.id}/adoption-table/download`, { format: 'docx' }, '意见采纳情况表.docx') },
                  { key: 'cmp', label: '修改对照表（Word）', onClick: () => download(`/rounds/${round.id}/comparison-table`, undefined, '修改对照表.docx') },
                  { key: 'next', label: '下一版本（Word）', onClick: () => download(`/rounds/${round.id}/next-version/docx`, undefined, '下一版本.docx') },
                ],
              }}
            >
              <Button icon={<DownloadOutlined />}>下载</Button>
            </Dropdown>
            {closed && (
              <Button type="primary" icon={<FileDoneOutlined />} onClick={conclude}>
                办结
              </Button>
            )}
            {concluded && (
              <Button type="primary" icon={<SendOutlined />} onClick={() => setNextRoundOpen(true)}>
                发起下一轮征求意见
              </Button>
            )}
          </>
        }
        sub={
          <Space wrap>
            <Tag color={ROUND_STATUS_COLOR[round.status]}>{round.statusLabel}</Tag>
            <Link to={`/rounds/${round.id}/board`}>反馈进度</Link>
            {round.status === 'open' && <Typography.Text type="secondary">征求尚未截止：可先处理已收到的意见，截止后再生成下一版本。</Typography.Text>}
          </Space>
        }
      />
      {feedback.data && (
        <Card size="small" style={{ marginBottom: 12 }}>
          <CountsBar counts={feedback.data.counts} conflicts={feedback.data.conflictCount} />
        </Card>
      )}
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          {
            key: 'items',
            label: '逐条处理',
            children: (
              <>
                <Space wrap style={{ marginBottom: 12 }}>
                  <Radio.Group
                    value={decisionFilter}
                    onChange={(e) => setDecisionFilter(e.target.value)}
                    optionType="button"
                    options={[
                      { value: 'all', label: '全部' },
                      { value: 'undecided', label: '未处理' },
                      { value: 'adopted', label: '采纳' },
                      { value: 'partially_adopted', label: '部分采纳' },
                      { value: 'not_adopted', label: '不采纳' },
                      { value: 'noted', label: '供参考' },
                    ]}
                  />
                  <Select allowClear placeholder="按单位筛选" aria-label="按单位筛选" style={{ width: 200 }} options={unitOptions} value={unitFilter} onChange={setUnitFilter} />
                </Space>
                {!concluded && (
                  <Card size="small" className="bulk-bar" style={{ marginBottom: 12 }}>
                    <Space wrap>
                      <span>已选 {selected.size} 条</span>
                      <Button size="small" disabled={!selected.size} onClick={() => quickAdopt(selectedItems)}>
                        全部采纳
                      </Button>
                      {(['partially_adopted', 'not_adopted', 'noted'] as Decision[]).map((d) => (
                        <Button key={d} size="small" disabled={!selected.size} onClick={() => setDeciding({ items: selectedItems, decision: d })}>
                          全部{DECISION_LABEL[d]}…
                        </Button>
                      ))}
                      <Button size="small" onClick={() => setSelected(new Set())} disabled={!selected.size}>
                        取消选择
                      </Button>
                      <Typography.Text type="secondary">|</Typography.Text>
                      <Button size="small" onClick={() => setDeciding({ items: 'allUndecided', decision: 'noted' })} disabled={!feedback.data?.counts.undecided}>
                        其余未处理的意见统一处理…
                      </Button>
                    </Space>
                  </Card>
                )}
                <Loadable state={feedback}>
                  {(fb) => (
                    <FeedbackList
                      fb={fb}
                      selected={selected}
                      onToggle={toggle}
                      editable={!concluded}
                      onAdopt={(i) => quickAdopt([i])}
                      onDecide={(i, d) => setDeciding({ items: [i], decision: d })}
                    />
                  )}
                </Loadable>
              </>
            ),
          },
          { key: 'next', label: '下一版本', children: <NextVersionTab roundId={round.id} tick={versionTick} active={tab === 'next'} editable={!concluded} onChanged={reloadAll} /> },
          { key: 'table', label: '意见采纳情况表', children: <AdoptionTableTab roundId={round.id} tick={versionTick} active={tab === 'table'} /> },
        ]}
      />
      <DecisionModal
        target={deciding}
        onClose={async (done) => {
          setDeciding(null);
          if (done) {
            setSelected(new Set());
            await reloadAll();
          }
        }}
        decide={decideNow}
      />
      <GenerateModal
        open={generating}
        roundId={round.id}
        onClose={async (done) => {
          setGenerating(false);
          if (done) {
            await reloadAll();
            setTab('next');
          }
        }}
      />
      <NextRoundModal open={nextRoundOpen} roundId={round.id} onClose={() => setNextRoundOpen(false)} onCreated={(id) => navigate(`/rounds/${id}`)} />
    </>
  );
}

type Row = { type: 'clause'; clause: ClauseFeedback } | { type: 'general'; items: FeedbackItemView[] } | { type: 'silent'; fb: RoundFeedback };

function FeedbackList({
  fb,
  selected,
  onToggle,
  editable,
  onAdopt,
  onDecide,
}: {
  fb: RoundFeedback;
  selected: Set<string>;
  onToggle: (id: string, on: boolean) => void;
  editable: boolean;
  onAdopt: (i: FeedbackItemView) => void;
  onDecide: (i: FeedbackItemView, d: Decision) => void;
}) {
  const rows: Row[] = useMemo(
    () => [
      ...(fb.silentResponsibleUnits.length ? [{ type: 'silent' as const, fb }] : []),
      ...fb.clauses.filter((c) => c.items.length || c.carriedOver.length).map((clause) => ({ type: 'clause' as const, clause })),
      ...(fb.general.length ? [{ type: 'general' as const, items: fb.general }] : []),
    ],
    [fb],
  );
  const names = useMemo(() => new Map([...fb.clauses.flatMap((c) => c.items), ...fb.general].map((i) => [i.id, i.unit.name])), [fb]);
  if (!rows.length) return <Empty description="没有符合条件的意见" />;
  const item = (i: FeedbackItemView) => <ItemRow key={i.id} item={i} names={names} selected={selected.has(i.id)} onToggle={onToggle} editable={editable} onAdopt={onAdopt} onDecide={onDecide} />;
  return (
    <VirtualList
      aria-label="按条款分组的意见"
      height="calc(100vh - 360px)"
      style={{ minHeight: 360 }}
      items={rows}
      itemKey={(r) => (r.type === 'clause' ? r.clause.clauseId : r.type)}
      estimate={(r) => (r.type === 'clause' ? 160 + r.clause.items.length * 150 : 200)}
      render={(r) => {
        if (r.type === 'silent') {
          const replied = r.fb.silentResponsibleUnits.filter((s) => s.replied);
          const silent = r.fb.silentResponsibleUnits.filter((s) => !s.replied);
          const line = (s: RoundFeedback['silentResponsibleUnits'][number]) => (
            <li key={s.unit.id}>
              <strong>{s.unit.name}</strong>：{s.clauses.map((c) => `${c.ref}${c.heading}`).join('、')}
            </li>
          );
          return (
            <Alert
              type="warning"
              showIcon
              style={{ margin: 8 }}
              title={[
                replied.length ? `${replied.length} 个已反馈的责任单位未对其负责的条款提出意见` : '',
                silent.length ? `${silent.length} 个责任单位尚未反馈` : '',
              ]
                .filter(Boolean)
                .join('；')}
              description={
                <>
                  {replied.length > 0 && <ul className="plain-list">{replied.map(line)}</ul>}
                  {silent.length > 0 && (
                    <details>
                      <summary>未反馈的责任单位（{silent.length}）</summary>
                      <ul className="plain-list">{silent.map(line)}</ul>
                    </details>
                  )}
                </>
              }
            />
          );
        }
        if (r.type === 'general') {
          return (
            <Card size="small" title="总体意见（不针对具体条款）" className="adoption-clause">
              {r.items.map(item)}
            </Card>
          );
        }
        const c = r.clause;
        return (
          <Row gutter={12} className="adoption-clause" aria-label={`${c.ref}${c.heading}的意见`} role="group">
            <Col xs={24} lg={9}>
              <div className="adoption-clause-text">
                <div className="clause-title">
                  <span className="clause-label">{c.ref || c.label}</span>
                  <span className="clause-heading">{c.heading}</span>
                  {c.conflicts.length > 0 && (
                    <Tag color="red" icon={<WarningOutlined />} style={{ marginLeft: 6 }}>
                      意见冲突
                    </Tag>
                  )}
                </div>
                <div className="clause-text">{highlightQuotes(c.text, c.items)}</div>
              </div>
            </Col>
            <Col xs={24} lg={15}>
              {c.items.map(item)}
              {c.carriedOver.map((x) => (
                <div key={x.id} className="carried-item">
                  <Tag>第{x.roundNumber}轮转入</Tag> {x.unit.name}（{x.kindLabel}）{x.quote && `“${x.quote}”`} {x.proposedText && `→ ${x.proposedText}`}
                  <div className="muted">
                    上轮处理：{x.decisionLabel} {x.decisionReason}
                  </div>
                </div>
              ))}
            </Col>
          </Row>
        );
      }}
    />
  );
}

function highlightQuotes(text: string, items: FeedbackItemView[]): ReactNode {
  const marks = items.map((i) => i.quote).filter(Boolean);
  if (!marks.length) return text;
  const out: ReactNode[] = [];
  let rest = text;
  let key = 0;
  for (;;) {
    let best: { at: number; q: string } | null = null;
    for (const q of marks) {
      const at = rest.indexOf(q);
      if (at >= 0 && (!best || at < best.at)) best = { at, q };
    }
    if (!best) break;
    out.push(rest.slice(0, best.at), <mark key={key++} className="quoted">{best.q}</mark>);
    rest = rest.slice(best.at + best.q.length);
  }
  out.push(rest);
  return out;
}

function ItemRow({
  item,
  names,
  selected,
  onToggle,
  editable,
  onAdopt,
  onDecide,
}: {
  item: FeedbackItemView;
  names: Map<string, string>;
  selected: boolean;
  onToggle: (id: string, on: boolean) => void;
  editable: boolean;
  onAdopt: (i: FeedbackItemView) => void;
  onDecide: (i: FeedbackItemView, d: Decision) => void;
}) {
  const d = item.decision;
  return (
    <div className={`adoption-item${item.conflictsWith.length ? ' adoption-conflict' : ''}`} aria-label={`${item.unit.name}的意见`} role="group">
      <div className="adoption-item-head">
        <Space size={6} wrap>
          {editable && <Checkbox checked={selected} onChange={(e) => onToggle(item.id, e.target.checked)} aria-label={`选择${item.unit.name}的意见`} />}
          <strong>{item.unit.name}</strong>
          <Tag>{item.kindLabel}</Tag>
          <Typography.Text type="secondary" className="muted">
            {item.trackingNo}
          </Typography.Text>
          {item.conflictsWith.length > 0 && (
            <Tooltip title="与这些单位对同一段原文提出了不同的修改">
              <Tag color="red">与{item.conflictsWith.map((id) => names.get(id) ?? '其他单位').join('、')}的意见冲突</Tag>
            </Tooltip>
          )}
        </Space>
        {d ? (
          <Tag color={DECISION_COLOR[d.decision]} className="decision-tag">
            {DECISION_LABEL[d.decision]}
            {d.carryOver ? '（转入下一轮）' : ''}
          </Tag>
        ) : (
          <Tag className="decision-tag">未处理</Tag>
        )}
      </div>
      <div className="adoption-item-body">
        {item.quote && (
          <div>
            <span className="muted">原文：</span>“{item.quote}”
          </div>
        )}
        {item.proposedText && (
          <div>
            <span className="muted">{item.kind === 'other' ? '意见：' : item.kind === 'add' ? '建议新增：' : '建议修改为：'}</span>
            {item.proposedText}
          </div>
        )}
        {item.reason && (
          <div>
            <span className="muted">理由：</span>
            {item.reason}
          </div>
        )}
        {d && (d.reason || d.editedText) && (
          <div className="decision-note">
            {d.editedText && <div>采纳后的表述：{d.editedText}</div>}
            {d.reason && <div>处理说明：{d.reason}</div>}
            <div className="muted">
              {d.decidedBy.name ?? ''} {shanghaiTime(d.decidedAt)}
            </div>
          </div>
        )}
      </div>
      {editable && (
        <Space size={4} wrap className="adoption-actions">
          <Button size="small" type={d?.decision === 'adopted' ? 'primary' : 'default'} icon={<CheckOutlined />} onClick={() => onAdopt(item)} aria-label={`采纳${item.unit.name}的意见`}>
            采纳
          </Button>
          {(['partially_adopted', 'not_adopted', 'noted'] as Decision[]).map((x) => (
            <Button key={x} size="small" type={d?.decision === x ? 'primary' : 'default'} onClick={() => onDecide(item, x)}>
              {DECISION_LABEL[x]}
            </Button>
          ))}
        </Space>
      )}
    </div>
  );
}

function DecisionModal({
  target,
  onClose,
  decide,
}: {
  target: { items: FeedbackItemView[] | 'allUndecided'; decision: Decision } | null;
  onClose: (done: boolean) => void;
  decide: (items: FeedbackItemView[] | 'allUndecided', d: Decision, extra: { reason?: string; editedText?: string; carryOver?: boolean }) => Promise<void>;
}) {
  const [form] = Form.useForm<{ decision: Decision; reason: string; editedText: string; carryOver: boolean }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const decision = Form.useWatch('decision', form);
  const { message } = App.useApp();
  const single = target && target.items !== 'allUndecided' && target.items.length === 1 ? target.items[0] : null;
  const submit = async () => {
    if (!target) return;
    const v = await form.validateFields();
    setBusy(true);
    setError(null);
    try {
      await decide(target.items, v.decision, { reason: v.reason?.trim() || undefined, editedText: v.editedText?.trim() || undefined, carryOver: v.carryOver || undefined });
      message.success('已保存处理意见');
      form.resetFields();
      onClose(true);
    } catch (err) {
      if (err instanceof ApiError && err.details?.field) form.setFields([{ name: err.details.field as 'reason', errors: [err.message] }]);
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open={!!target}
      title={target?.items === 'allUndecided' ? '其余未处理的意见统一处理' : single ? `处理${single.unit.name}的意见` : `处理所选 ${target?.items.length ?? 0} 条意见`}
      okText="保存"
      cancelText="取消"
      onOk={submit}
      confirmLoading={busy}
      onCancel={() => onClose(false)}
      destroyOnHidden
    >
      {single && (
        <Typography.Paragraph type="secondary">
          {single.quote && `原文“${single.quote}”`} {single.proposedText && `→ ${single.proposedText}`}
        </Typography.Paragraph>
      )}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" initialValues={{ decision: target?.decision, reason: single?.decision?.reason ?? '', editedText: single?.decision?.editedText ?? '', carryOver: false }} preserve={false}>
        <Form.Item name="decision" label="采纳情况">
          <Radio.Group optionType="button" options={(Object.keys(DECISION_LABEL) as Decision[]).map((d) => ({ value: d, label: DECISION_LABEL[d] }))} />
        </Form.Item>
        <Form.Item
          name="reason"
          label="理由 / 处理说明"
          rules={[{ required: decision === 'not_adopted' || decision === 'partially_adopted', whitespace: true, message: '不采纳、部分采纳须填写理由' }]}
        >
          <Input.TextArea rows={3} maxLength={5000} placeholder={decision === 'noted' ? '如：已在第5条中体现' : '如：与上位法规定不一致'} />
        </Form.Item>
        {(decision === 'adopted' || decision === 'partially_adopted') && (
          <Form.Item name="editedText" label="采纳后的表述（可选）" extra="生成下一版本时代替单位建议的文字">
            <Input.TextArea rows={2} maxLength={10000} />
          </Form.Item>
        )}
        {(decision === 'not_adopted' || decision === 'noted') && (
          <Form.Item name="carryOver" valuePropName="checked">
            <Checkbox>未解决，转入下一轮继续征求意见</Checkbox>
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

function GenerateModal({ open, roundId, onClose }: { open: boolean; roundId: string; onClose: (done: boolean) => void }) {
  const [label, setLabel] = useState('送审稿');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [exists, setExists] = useState(false);
  const { message } = App.useApp();
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      const res = await api.post<{ version: { label: string }; counts: { applied: number; needsManualEdit: number }; undecided: { count: number } }>(`/rounds/${roundId}/next-version`, {
        label: label.trim(),
        ...(exists ? { replace: true } : {}),
      });
      message.success(`已生成《${res.version.label}》：自动修改 ${res.counts.applied} 处，需人工修改 ${res.counts.needsManualEdit} 处`);
      setExists(false);
      onClose(true);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'NEXT_VERSION_EXISTS') setExists(true);
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open={open} title="生成下一版本" okText={exists ? '替换并重新生成' : '生成'} okButtonProps={{ danger: exists }} cancelText="取消" onOk={submit} confirmLoading={busy} onCancel={() => onClose(false)} destroyOnHidden>
      <p>按已作出的采纳决定，把采纳的修改自动写入新版本（引用原文找不到、相互重叠等情况会标为“需人工修改”），条款重新编号，条款沿革保持不变。</p>
      {error && <Alert type={exists ? 'warning' : 'error'} showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form layout="vertical">
        <Form.Item label="新版本名称" htmlFor="next-version-label">
          <Input id="next-version-label" value={label} onChange={(e) => setLabel(e.target.value)} maxLength={50} placeholder="如：送审稿、三次征求意见稿" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function NextRoundModal({ open, roundId, onClose, onCreated }: { open: boolean; roundId: string; onClose: () => void; onCreated: (id: string) => void }) {
  const [date, setDate] = useState<Dayjs | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    if (!date) {
      setError('请选择反馈截止日期');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const created = await api.post<{ id: string }>(`/rounds/${roundId}/next-round`, { deadlineDate: date.format('YYYY-MM-DD') });
      onCreated(created.id);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open={open} title="发起下一轮征求意见" okText="创建草稿" cancelText="取消" onOk={submit} confirmLoading={busy} onCancel={onClose} destroyOnHidden>
      <p>以已发布的新版本创建下一轮（草稿），沿用本轮的征求对象和反馈要求；各单位将看到其上一轮意见的处理情况。</p>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form layout="vertical">
        <Form.Item label="反馈截止日期" htmlFor="next-round-deadline">
          <DatePicker id="next-round-deadline" value={date} onChange={setDate} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function NextVersionTab({ roundId, tick, active, editable, onChanged }: { roundId: string; tick: number; active: boolean; editable: boolean; onChanged: () => Promise<void> }) {
  const state = useLoad(async () => {
    if (!active) return null;
    // ask first whether a next version exists: a 404 would show as an error in the browser console
    const table = await api.get<AdoptionTable>(`/rounds/${roundId}/adoption-table`);
    if (!table.nextVersionId) return { next: null, diff: null };
    const next = await api.get<NextVersion>(`/rounds/${roundId}/next-version`);
    const diff = await api.get<VersionDiff>(`/versions/${next.fromVersion.id}/diff/${next.version.id}`);
    return { next, diff };
  }, [roundId, tick, active]);
  const [resolving, setResolving] = useState<NextVersion['changes'][number] | null>(null);
  if (!active) return null;
  return (
    <Loadable state={state}>
      {(data) =>
        !data || !data.next || !data.diff ? (
          <Empty description="尚未生成下一版本。截止本轮征求意见并作出采纳决定后，点击“生成下一版本”。" />
        ) : (
          <Space orientation="vertical" style={{ width: '100%' }}>
            {data.next.stale && <Alert type="warning" showIcon title="生成下一版本后采纳决定有变更，请重新生成（替换）后再办结。" />}
            <Card size="small">
              <Space wrap size={16}>
                <span>
                  <Link to={`/versions/${data.next.version.id}`}>{data.next.version.title}</Link>
                </span>
                <Tag color={data.next.version.status === 'published' ? 'green' : 'default'}>{data.next.version.status === 'published' ? '已发布' : '待办结发布'}</Tag>
                <span>生成于 {shanghaiTime(data.next.generatedAt)}</span>
                {(['applied', 'needs_manual_edit', 'resolved'] as const).map((s) => (
                  <Tag key={s} color={s === 'needs_manual_edit' ? 'orange' : s === 'applied' ? 'green' : 'blue'}>
                    {{ applied: '已自动修改', needs_manual_edit: '需人工修改', resolved: '已人工处理' }[s]} {data.next!.changes.filter((c) => c.status === s).length}
                  </Tag>
                ))}
              </Space>
            </Card>
            {data.next.changes.some((c) => c.status !== 'applied') && (
              <Card size="small" title="需人工处理的修改">
                <Table
                  size="small"
                  rowKey="id"
                  pagination={false}
                  dataSource={data.next.changes.filter((c) => c.status !== 'applied')}
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
                          <Button size="small" onClick={() => setResolving(c)}>
                            人工处理
                          </Button>
                        ) : (
                          c.resolutionNote ?? ''
                        ),
                    },
                  ]}
                />
              </Card>
            )}
            <Card size="small" title={`修改痕迹：${data.next.fromVersion.label} → ${data.next.version.label}`}>
              {data.diff.changes.filter((c) => c.status !== 'unchanged').length === 0 ? (
                <Empty description="没有文字修改" />
              ) : (
                <VirtualList
                  aria-label="下一版本的修改"
                  height="55vh"
                  items={data.diff.changes.filter((c) => c.status !== 'unchanged')}
                  itemKey={(c) => c.lineageKey}
                  estimate={(c) => 60 + Math.ceil(((c.after ?? c.before)?.text.length ?? 0) / 40) * 24}
                  render={(c) => <ChangeBlock change={c} />}
                />
              )}
            </Card>
            <ResolveModal
              roundId={roundId}
              change={resolving}
              onClose={async (done) => {
                setResolving(null);
                if (done) {
                  await state.reload();
                  await onChanged();
                }
              }}
            />
          </Space>
        )
      }
    </Loadable>
  );
}

function ResolveModal({ roundId, change, onClose }: { roundId: string; change: NextVersion['changes'][number] | null; onClose: (done: boolean) => void }) {
  const [text, setText] = useState('');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      await api.post(`/rounds/${roundId}/next-version/changes/${change!.id}/resolve`, { ...(text.trim() ? { text: text.trim() } : {}), ...(note.trim() ? { note: note.trim() } : {}) });
      setText('');
      setNote('');
      onClose(true);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open={!!change} title={`人工处理：${change?.clauseBefore ?? '总体意见'}`} okText="保存" cancelText="取消" onOk={submit} confirmLoading={busy} onCancel={() => onClose(false)} destroyOnHidden width={720}>
      <p className="muted">{change?.manualReasonLabel}</p>
      {change?.beforeText && (
        <Typography.Paragraph>
          <span className="muted">原条文：</span>
          {change.beforeText}
        </Typography.Paragraph>
      )}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form layout="vertical">
        <Form.Item label="修改后的条文（不修改可留空）" htmlFor="resolve-text">
          <Input.TextArea id="resolve-text" rows={5} value={text} onChange={(e) => setText(e.target.value)} placeholder={change?.afterText ?? ''} />
        </Form.Item>
        <Form.Item label="处理说明（不修改条文时必填）" htmlFor="resolve-note">
          <Input.TextArea id="resolve-note" rows={2} value={note} onChange={(e) => setNote(e.target.value)} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function AdoptionTableTab({ roundId, tick, active }: { roundId: string; tick: number; active: boolean }) {
  const state = useLoad(() => (active ? api.get<AdoptionTable>(`/rounds/${roundId}/adoption-table`) : Promise.resolve(null)), [roundId, tick, active]);
  if (!active) return null;
  return (
    <Loadable state={state}>
      {(t) =>
        t && (
          <Card size="small" title={t.title}>
            <Alert type="info" title={t.summaryText} style={{ marginBottom: 12 }} className="adoption-summary" />
            <Table
              size="small"
              rowKey="seq"
              dataSource={t.rows}
              pagination={{ pageSize: 50, hideOnSinglePage: true }}
              scroll={{ x: 1160 }}
              columns={[
                { title: '序号', dataIndex: 'seq', width: 56 },
                { title: '提出单位', dataIndex: 'unitName', width: 110 },
                { title: '条款', dataIndex: 'clause', width: 110 },
                { title: '意见内容', dataIndex: 'opinion', width: 260 },
                { title: '采纳情况', dataIndex: 'decision', width: 90 },
                { title: '理由/处理说明', dataIndex: 'explanation', width: 200 },
                { title: '修改后条文', dataIndex: 'revisedText', width: 340 },
              ]}
            />
          </Card>
        )
      }
    </Loadable>
  );
}
