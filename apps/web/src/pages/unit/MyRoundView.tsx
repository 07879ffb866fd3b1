import { Alert, Card, Descriptions, Empty, Space, Tabs, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import type { SealedReceipt } from '../../api/types';
import { useAuth } from '../../auth/AuthContext';
import { PageHeader } from '../../components/PageHeader';
import { roundNumberText, stateColor } from '../../format';
import type { MyRoundData } from '../../hooks/unit';
import { useDraft } from '../../hooks/useDraft';
import { EarlierDecisions } from './EarlierDecisions';
import { HandOverPanel } from './HandOverPanel';
import { MyDecisionsCard } from './MyDecisionsCard';
import { MyLatestReply } from './MyLatestReply';
import { MyLetterAttachments } from './MyLetterAttachments';
import { MyReceipts } from './MyReceipts';
import { ReplyEditor } from './ReplyEditor';
import { ReplyTableImport } from './ReplyTableImport';
import { SealedResult } from './SealedResult';
import { SealPanel } from './SealPanel';

const SILENCE_LABEL: Record<string, string> = {
  no_comment_must_be_written: '无意见也请书面反馈',
  silence_is_no_comment: '逾期未反馈视为无意见',
};

export function MyRoundView({ data, reload }: { data: MyRoundData; reload: () => Promise<void> }) {
  const { actor } = useAuth();
  const { myRound, reply, acting, cityOffices, earlier } = data;
  const [params, setParams] = useSearchParams();
  const editable = myRound.round.status === 'open';
  // an open round opens on the reply (the letter is one tab away); a finished one on what the unit sent
  const tab = params.get('tab') ?? (editable ? 'reply' : 'mine');
  const setTab = (t: string) => setParams({ tab: t }, { replace: true });
  const draft = useDraft(myRound.round.id, reply.draft, editable);
  const [sealed, setSealed] = useState<SealedReceipt | null>(null);
  const [flagged, setFlagged] = useState<string | null>(null);
  const city = myRound.rules.cityApproval;
  // the first saved draft moves a 未查看/已查看 unit to 起草中 on the server: reload once so the status tag says so
  const firstSave = draft.save.kind === 'saved' && draft.save.version > reply.draft.version && ['pending', 'viewed'].includes(myRound.myStatus.status);
  useEffect(() => {
    if (firstSave) void reload();
  }, [firstSave, reload]);

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
      {!editable && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={`本轮征求意见${myRound.round.status === 'closed' ? '已截止' : '已办结'}，不能再修改或提交反馈。${myRound.round.status === 'concluded' ? '可在“意见处理情况”中查看本单位每条意见的采纳情况。' : ''}`}
        />
      )}
      {sealed ? (
        <SealedResult
          receipt={sealed}
          unitName={myRound.unit.name}
          onDone={() => {
            setSealed(null);
            void reload();
          }}
        />
      ) : (
        <Tabs
          activeKey={tab}
          onChange={setTab}
          items={[
            ...(editable
              ? [
                  {
                    key: 'reply',
                    label: `逐条反馈${draft.kind === 'no_comment' ? '（无意见）' : draft.items.length ? `（${draft.items.length}）` : ''}`,
                    children: (
                      <>
                      <ReplyTableImport roundId={myRound.round.id} draft={draft} editable={editable} />
                      <ReplyEditor
                        clauses={myRound.clauses}
                        draft={draft}
                        editable={editable}
                        flaggedKey={flagged}
                        submit={
                          actor!.role === 'unit_approver' ? (
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
                                if (key) requestAnimationFrame(() => document.getElementById(`item-${key}`)?.scrollIntoView({ block: 'center' }));
                              }}
                            />
                          ) : (
                            <HandOverPanel draft={draft} editable={editable} />
                          )
                        }
                      />
                      </>
                    ),
                  },
                ]
              : [
                  { key: 'mine', label: '本单位的反馈', children: <MyLatestReply reply={reply} /> },
                  { key: 'decisions', label: '意见处理情况', children: <MyDecisionsCard roundId={myRound.round.id} /> },
                ]),
            {
              key: 'letter',
              label: '征求意见函',
              children: (
                <Card size="small">
                  <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered style={{ marginBottom: 16 }}>
                    <Descriptions.Item label="征求意见稿">{myRound.version.title}</Descriptions.Item>
                    <Descriptions.Item label="反馈要求">{rules}</Descriptions.Item>
                  </Descriptions>
                  {myRound.round.letterText ? <div className="letter-text">{myRound.round.letterText}</div> : <Empty description="本轮未附函件正文，请直接查看征求意见稿" />}
                  <MyLetterAttachments roundId={myRound.round.id} />
                </Card>
              ),
            },
            {
              key: 'receipts',
              label: `回执（${reply.submissions.length}）`,
              children: <MyReceipts reply={reply} />,
            },
            ...(earlier?.previousRound
              ? [
                  {
                    key: 'earlier',
                    label: `上一轮意见处理情况（${earlier.items.length}）`,
                    children: <EarlierDecisions earlier={earlier} />,
                  },
                ]
              : []),
          ]}
        />
      )}
    </>
  );
}
