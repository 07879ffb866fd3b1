import { Alert, Card, Descriptions, Empty, List, Space, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useParams, useSearchParams } from 'react-router-dom';
import { api } from '../../api/client';
import type { EarlierItems, MyReply, MyRound, SealedReceipt, SubmissionDetail, Unit } from '../../api/types';
import { useAuth } from '../../auth/AuthContext';
import { Loadable } from '../../components/Loadable';
import { PageHeader } from '../../components/PageHeader';
import { VerifyButton } from '../../components/Receipt';
import { Redline } from '../../components/clauses';
import { SubmissionView } from '../../components/SubmissionView';
import { useLoad } from '../../components/useLoad';
import { lateText, REPLY_KIND_LABEL, shanghaiTime, stateColor } from '../../format';
import { roundNumberText } from '../office/RoundsPage';
import { ReplyEditor } from './ReplyEditor';
import { SealedResult, SealPanel } from './SealPanel';
import { useDraft } from './useDraft';

interface Loaded {
  myRound: MyRound;
  reply: MyReply;
  acting: Unit | null;
  cityOffices: Unit[];
  earlier: EarlierItems | null;
}

export function MyRoundPage() {
  const { id } = useParams();
  const { actor } = useAuth();
  const state = useLoad<Loaded>(async () => {
    const myRound = await api.get<MyRound>(`/my/rounds/${id}`);
    const [reply, acting, cityOffices, earlier] = await Promise.all([
      api.get<MyReply>(`/rounds/${id}/my-reply`),
      actor?.unitId ? api.get<Unit>(`/units/${actor.unitId}`).catch(() => null) : Promise.resolve(null),
      myRound.unit.kind === 'prefecture_city' ? api.get<Unit[]>('/units', { parentId: myRound.unit.id }) : Promise.resolve([]),
      // a first round has no earlier items; an older server has no such endpoint: either way the tab stays hidden
      api.get<EarlierItems>(`/my/rounds/${id}/earlier-items`).catch(() => null),
    ]);
    return { myRound, reply, acting, cityOffices, earlier };
  }, [id]);
  return <Loadable state={state}>{(data) => <RoundView key={data.myRound.round.id} data={data} reload={state.reload} />}</Loadable>;
}

const SILENCE_LABEL: Record<string, string> = {
  no_comment_must_be_written: '无意见也请书面反馈',
  silence_is_no_comment: '逾期未反馈视为无意见',
};

function RoundView({ data, reload }: { data: Loaded; reload: () => Promise<void> }) {
  const { actor } = useAuth();
  const { myRound, reply, acting, cityOffices, earlier } = data;
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? (reply.draft.version > 0 || reply.submissions.length ? 'reply' : 'letter');
  const setTab = (t: string) => setParams({ tab: t }, { replace: true });
  const editable = myRound.round.status === 'open';
  const draft = useDraft(myRound.round.id, reply.draft, editable);
  const [sealed, setSealed] = useState<SealedReceipt | null>(null);
  const [flagged, setFlagged] = useState<string | null>(null);
  const city = myRound.rules.cityApproval;

  const rules = (
    <Space wrap size={4}>
      {myRound.rules.sealRequired && <Tag color="red">须加盖公章</Tag>}
      {city?.required && <Tag color="orange">须经市政府同意</Tag>}
      <Tag>{SILENCE_LABEL[myRound.rules.silenceRule] ?? myRound.rules.silenceRule}</Tag>
    </Space>
  );

  return (
    <>
      <PageHeader
        title={myRound.round.title}
        crumbs={[{ label: '我的征求意见', to: '/my/rounds' }, { label: roundNumberText(myRound.round.roundNumber) }]}
        sub={
          <Space wrap size={12}>
            <Tag color={stateColor(myRound.myStatus.state)} className="state-tag my-state">
              {myRound.myStatus.label}
            </Tag>
            <span>
              反馈单位 <strong>{myRound.unit.name}</strong>
            </span>
            <span>
              截止 <strong>{myRound.myDeadline.deadlineLocal}</strong>（北京时间）
              {myRound.myDeadline.extended && <Tag color="purple">已延期</Tag>}
            </span>
            <span>
              联系人 {myRound.contact.name} {myRound.contact.phone}
            </span>
            {rules}
          </Space>
        }
      />
      {myRound.myStatus.status === 'returned' && (
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} title="本单位的反馈已被退回补正" description="请按邮件中说明的原因修改后，由签发人重新盖章提交。原反馈仍保留在案。" />
      )}
      {!editable && <Alert type="info" showIcon style={{ marginBottom: 12 }} title={`本轮征求意见${myRound.round.status === 'closed' ? '已截止' : '已结束'}，不能再修改或提交反馈。`} />}
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          {
            key: 'letter',
            label: '征求意见函',
            children: (
              <Card size="small">
                <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered style={{ marginBottom: 16 }}>
                  <Descriptions.Item label="征求意见稿">{myRound.version.title}</Descriptions.Item>
                  <Descriptions.Item label="反馈要求">{rules}</Descriptions.Item>
                </Descriptions>
                {myRound.round.letterText ? (
                  <div className="letter-text">{myRound.round.letterText}</div>
                ) : (
                  <Empty description="本轮未附函件正文，请直接查看征求意见稿" />
                )}
              </Card>
            ),
          },
          {
            key: 'reply',
            label: `逐条反馈${draft.kind === 'no_comment' ? '（无意见）' : draft.items.length ? `（${draft.items.length}）` : ''}`,
            children: <ReplyEditor clauses={myRound.clauses} draft={draft} editable={editable} flaggedKey={flagged} />,
          },
          {
            key: 'seal',
            label: '盖章提交',
            children: sealed ? (
              <SealedResult
                receipt={sealed}
                unitName={myRound.unit.name}
                onDone={() => {
                  setSealed(null);
                  void reload();
                }}
              />
            ) : (
              <SealPanel
                actor={actor!}
                myRound={myRound}
                acting={acting}
                cityOffices={cityOffices}
                draft={draft}
                editable={editable}
                onSealed={(r) => {
                  setSealed(r);
                  void reload();
                }}
                onItemProblem={(key) => {
                  setFlagged(key);
                  setTab('reply');
                  if (key) requestAnimationFrame(() => document.getElementById(`item-${key}`)?.scrollIntoView({ block: 'center' }));
                }}
              />
            ),
          },
          {
            key: 'receipts',
            label: `回执（${reply.submissions.length}）`,
            children: <Receipts reply={reply} />,
          },
          ...(earlier?.previousRound
            ? [
                {
                  key: 'earlier',
                  label: `上一轮意见处理情况（${earlier.items.length}）`,
                  children: <Earlier earlier={earlier} />,
                },
              ]
            : []),
        ]}
      />
    </>
  );
}

function Receipts({ reply }: { reply: MyReply }) {
  const [open, setOpen] = useState<string | null>(null);
  const detail = useLoad(() => (open ? api.get<SubmissionDetail>(`/submissions/${open}`) : Promise.resolve(null)), [open]);
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
                  </Space>
                }
              />
              <VerifyButton trackingNo={s.trackingNo} />
            </List.Item>
          )}
        />
      </Card>
      {open && <Card size="small">{<Loadable state={detail}>{(d) => (d ? <SubmissionView s={d} /> : null)}</Loadable>}</Card>}
    </Space>
  );
}

function Earlier({ earlier }: { earlier: EarlierItems }) {
  const prev = earlier.previousRound!;
  return (
    <Card size="small" title={`${roundNumberText(prev.roundNumber)}：本单位意见的处理情况`}>
      {!prev.decisionsFinal && <Alert type="info" showIcon title="上一轮尚未办结，处理情况以办结后为准。" style={{ marginBottom: 12 }} />}
      {earlier.items.length === 0 ? (
        <Empty description="本单位在上一轮没有提出具体意见" />
      ) : (
        earlier.items.map((i) => (
          <div key={i.id} className="earlier-item">
            <Space wrap>
              <strong>{i.clauseThen ? `${i.clauseThen.ref}${i.clauseThen.heading}` : '总体意见'}</strong>
              <Tag>{i.kindLabel}</Tag>
              {i.decision ? <Tag color={i.decision.decision === 'adopted' ? 'green' : i.decision.decision === 'not_adopted' ? 'red' : 'gold'}>{i.decision.label}</Tag> : <Tag>尚未决定</Tag>}
              {i.decision?.carryOver && <Tag color="purple">转入本轮继续征求</Tag>}
              {i.clauseNow && i.clauseThen && i.clauseNow.ref !== i.clauseThen.ref && <span className="muted">现为 {i.clauseNow.ref}</span>}
              {i.clauseStatus === 'deleted' && <Tag>该条款已删除</Tag>}
            </Space>
            <div>
              {i.quote && `“${i.quote}”`} {i.proposedText && `→ ${i.proposedText}`}
            </div>
            {i.decision?.reason && <div className="muted">处理说明：{i.decision.reason}</div>}
            {i.redline.length > 0 && (
              <div className="clause-text">
                <span className="muted">本轮条文变化：</span>
                <Redline segments={i.redline} />
              </div>
            )}
          </div>
        ))
      )}
    </Card>
  );
}
