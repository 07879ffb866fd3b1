import { DashboardOutlined, EditOutlined, MailOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Empty, Form, Input, Modal, Progress, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { api, errorText } from '../../api/client';
import type { FromLetterResult, RoundListItem, RoundStatus } from '../../api/types';
import { Loadable } from '../../components/Loadable';
import { PageHeader } from '../../components/PageHeader';
import { useLoad } from '../../components/useLoad';

export const ROUND_STATUS_COLOR: Record<RoundStatus, string> = { draft: 'default', open: 'processing', closed: 'warning', concluded: 'success' };

export const roundNumberText = (n: number) => `第${'一二三四五六七八九十'[n - 1] ?? n}次征求意见`;

export function FromLetterModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const navigate = useNavigate();
  const submit = async () => {
    if (!text.trim()) {
      setError('请粘贴征求意见函全文（含附件）');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const res = await api.post<FromLetterResult>('/rounds/from-letter', { text });
      onClose();
      navigate(`/rounds/${res.round.id}`, { state: { warnings: res.warnings } });
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open={open} title="从征求意见函创建轮次" onCancel={onClose} onOk={submit} okText="识别并预填" confirmLoading={busy} width={820} destroyOnHidden>
      <p>粘贴征求意见函全文（连同附件：征求意见稿、征求对象名单）。系统将导入其中的征求意见稿，并预填截止时间、联系人、反馈要求和征求对象；不会自动发出，请核对后再发出。</p>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} role="alert" />}
      <Form layout="vertical">
        <Form.Item label="征求意见函全文">
          <Input.TextArea aria-label="征求意见函全文" value={text} onChange={(e) => setText(e.target.value)} rows={16} placeholder="关于征求《……（二次征求意见稿）》意见的函……" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function RoundsPage() {
  const state = useLoad(() => api.get<RoundListItem[]>('/rounds'), [], { pollMs: 10_000 });
  const navigate = useNavigate();
  const [letterOpen, setLetterOpen] = useState(false);
  const { message } = App.useApp();

  const columns = [
    {
      title: '轮次',
      key: 'title',
      render: (r: RoundListItem) => (
        <Space orientation="vertical" size={0}>
          <Link to={r.status === 'draft' ? `/rounds/${r.id}` : `/rounds/${r.id}/board`}>{r.title}</Link>
          <span className="muted">{roundNumberText(r.roundNumber)}</span>
        </Space>
      ),
    },
    { title: '状态', key: 'status', width: 100, render: (r: RoundListItem) => <Tag color={ROUND_STATUS_COLOR[r.status]}>{r.statusLabel}</Tag> },
    { title: '反馈截止', dataIndex: 'deadlineLocal', key: 'deadline', width: 150 },
    {
      title: '反馈进度',
      key: 'progress',
      width: 200,
      render: (r: RoundListItem) =>
        r.status === 'draft' ? (
          <span className="muted">拟征求 {r.recipients} 家</span>
        ) : (
          <Space>
            <Progress percent={r.recipients ? Math.round((r.replied / r.recipients) * 100) : 0} size="small" style={{ width: 90 }} showInfo={false} />
            <span>
              {r.replied}/{r.recipients}
            </span>
          </Space>
        ),
    },
    {
      title: '操作',
      key: 'actions',
      width: 190,
      render: (r: RoundListItem) =>
        r.status === 'draft' ? (
          <Button size="small" icon={<EditOutlined />} onClick={() => navigate(`/rounds/${r.id}`)}>
            编辑并发出
          </Button>
        ) : (
          <Space size={4}>
            <Button size="small" icon={<DashboardOutlined />} onClick={() => navigate(`/rounds/${r.id}/board`)}>
              跟踪
            </Button>
            <Button size="small" onClick={() => navigate(`/rounds/${r.id}/adoption`)}>
              意见处理
            </Button>
          </Space>
        ),
    },
  ];

  return (
    <>
      <PageHeader
        title="征求意见轮次"
        extra={
          <>
            <Button icon={<MailOutlined />} onClick={() => setLetterOpen(true)}>
              从征求意见函创建
            </Button>
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => {
                message.info('请先选择要征求意见的文件版本');
                navigate('/policies');
              }}
            >
              新建轮次
            </Button>
          </>
        }
        sub="发出前可修改；发出后按截止时间自动催办，在“跟踪”中查看各单位反馈情况。"
      />
      <Loadable state={state}>
        {(rounds) =>
          rounds.length === 0 ? (
            <Card>
              <Empty description="还没有征求意见轮次">
                <Button type="primary" onClick={() => setLetterOpen(true)}>
                  粘贴征求意见函创建
                </Button>
              </Empty>
            </Card>
          ) : (
            <Card size="small">
              <Table rowKey="id" columns={columns} dataSource={rounds} pagination={{ pageSize: 20, hideOnSinglePage: true }} scroll={{ x: 760 }} />
            </Card>
          )
        }
      </Loadable>
      <FromLetterModal open={letterOpen} onClose={() => setLetterOpen(false)} />
    </>
  );
}
