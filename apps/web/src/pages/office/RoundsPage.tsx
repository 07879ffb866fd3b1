import { DashboardOutlined, EditOutlined, MailOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Empty, Progress, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import type { RoundListItem } from '../../api/types';
import { Loadable } from '../../components/Loadable';
import { PageHeader } from '../../components/PageHeader';
import { ROUND_STATUS_COLOR, roundNumberText } from '../../format';
import { useRounds } from '../../hooks/rounds';
import { FromLetterModal } from './FromLetterModal';

export function RoundsPage() {
  const state = useRounds();
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
            <Button type="primary" icon={<MailOutlined />} onClick={() => setLetterOpen(true)}>
              从征求意见函发起
            </Button>
            <Button
              icon={<PlusOutlined />}
              onClick={() => {
                message.info('请先选择要征求意见的文件版本');
                navigate('/policies');
              }}
            >
              新建空白轮次
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
