import { DownloadOutlined, FileDoneOutlined, NodeIndexOutlined, SendOutlined, StopOutlined } from '@ant-design/icons';
import { App, Button, Dropdown, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { api, errorText } from '../../../api/client';
import type { Round } from '../../../api/types';
import { PageHeader } from '../../../components/PageHeader';
import { ROUND_STATUS_COLOR, roundNumberText } from '../../../format';

export const ADOPTION_DOWNLOADS = {
  xlsx: { path: (id: string) => `/rounds/${id}/adoption-table/download`, query: { format: 'xlsx' }, name: '意见采纳情况表.xlsx', label: '意见采纳情况表（Excel）' },
  docx: { path: (id: string) => `/rounds/${id}/adoption-table/download`, query: { format: 'docx' }, name: '意见采纳情况表.docx', label: '意见采纳情况表（Word）' },
  comparison: { path: (id: string) => `/rounds/${id}/comparison-table`, query: undefined, name: '修改对照表.docx', label: '修改对照表（Word）' },
  next: { path: (id: string) => `/rounds/${id}/next-version/docx`, query: undefined, name: '下一版本.docx', label: '下一版本（Word）' },
} as const;

export type AdoptionDownload = keyof typeof ADOPTION_DOWNLOADS;

interface Props {
  onDownload: (what: AdoptionDownload) => void;
  round: Round;
  reloadRound: () => Promise<void>;
  /** after 办结: decisions and the next version changed */
  onConcluded: () => Promise<void>;
  onGenerate: () => void;
  onNextRound: () => void;
}

/** Title, state and the round-level actions of 意见处理: 截止, 生成下一版本, the downloads, 办结, 发起下一轮. */
export function AdoptionHeader({ round, reloadRound, onConcluded, onGenerate, onNextRound, onDownload }: Props) {
  const { message, modal } = App.useApp();
  const closed = round.status === 'closed';
  const concluded = round.status === 'concluded';

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
          await onConcluded();
        } catch (err) {
          modal.error({ title: '未能办结', content: errorText(err) });
        }
      },
    });


  return (
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
          <Button icon={<NodeIndexOutlined />} disabled={!closed} onClick={onGenerate} title={closed ? undefined : '截止后才能生成下一版本'}>
            生成下一版本
          </Button>
          <Dropdown
            trigger={['click']}
            menu={{
              items: (Object.keys(ADOPTION_DOWNLOADS) as AdoptionDownload[]).map((key) => ({ key, label: ADOPTION_DOWNLOADS[key].label, onClick: () => onDownload(key) })),
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
            <Button type="primary" icon={<SendOutlined />} onClick={onNextRound}>
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
  );
}
