import { DiffOutlined, DownloadOutlined, EyeOutlined, ImportOutlined, MailOutlined, SendOutlined } from '@ant-design/icons';
import { App, Button, Card, Empty, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { api, errorText } from '../../api/client';
import type { Policy, VersionSummary } from '../../api/types';
import { Loadable } from '../../components/Loadable';
import { PageHeader } from '../../components/PageHeader';
import { VersionStatus } from '../../components/VersionStatus';
import { shanghaiTime } from '../../format';
import { useLoad } from '../../hooks/useLoad';
import { FromLetterModal } from './FromLetterModal';

export function PoliciesPage() {
  const [letterOpen, setLetterOpen] = useState(false);
  const state = useLoad(() => api.get<Policy[]>('/policies'), []);
  const navigate = useNavigate();
  const { message } = App.useApp();

  const exportVersion = async (v: VersionSummary, format: 'docx' | 'txt') => {
    try {
      await api.download(`/versions/${v.id}/export`, { format }, `${v.title}.${format}`);
    } catch (err) {
      message.error(errorText(err));
    }
  };

  const versionColumns = (policy: Policy) => [
    { title: '版本', key: 'label', render: (v: VersionSummary) => <Link to={`/versions/${v.id}`}>{`第${v.seq}版 · ${v.label}`}</Link> },
    { title: '标题', dataIndex: 'title', key: 'title', ellipsis: true },
    { title: '状态', key: 'status', width: 220, render: (v: VersionSummary) => <VersionStatus v={v} /> },
    { title: '创建时间', key: 'createdAt', width: 150, render: (v: VersionSummary) => shanghaiTime(v.createdAt) },
    {
      title: '操作',
      key: 'actions',
      width: 380,
      render: (v: VersionSummary, _: unknown, i: number) => (
        <Space size={4} wrap>
          <Button size="small" icon={<EyeOutlined />} onClick={() => navigate(`/versions/${v.id}`)}>
            查看
          </Button>
          {i > 0 && (
            <Button size="small" icon={<DiffOutlined />} onClick={() => navigate(`/versions/${policy.versions[i - 1].id}/diff/${v.id}`)}>
              与上一版比较
            </Button>
          )}
          <Button size="small" icon={<DownloadOutlined />} onClick={() => exportVersion(v, 'docx')}>
            Word
          </Button>
          <Button size="small" icon={<SendOutlined />} onClick={() => navigate(`/rounds/new?versionId=${v.id}`)}>
            发起征求意见
          </Button>
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title="政策文件"
        extra={
          <>
            <Button type="primary" icon={<MailOutlined />} onClick={() => setLetterOpen(true)}>
              从征求意见函发起征求意见
            </Button>
            <Button icon={<ImportOutlined />} onClick={() => navigate('/policies/import')}>
              导入征求意见稿
            </Button>
          </>
        }
        sub="每份政策文件按版本保存（征求意见稿、二次征求意见稿、送审稿……），用于征求意见的版本会被锁定，不能再修改。"
      />
      <Loadable state={state}>
        {(policies) =>
          policies.length === 0 ? (
            <Card>
              <Empty description="还没有政策文件">
                <Button type="primary" onClick={() => navigate('/policies/import')}>
                  导入第一份征求意见稿
                </Button>
              </Empty>
            </Card>
          ) : (
            <Space orientation="vertical" size={16} style={{ width: '100%' }}>
              {policies.map((p) => (
                <Card
                  key={p.id}
                  title={<Typography.Text strong>{p.title}</Typography.Text>}
                  extra={
                    <Button size="small" icon={<ImportOutlined />} onClick={() => navigate(`/policies/import?policyId=${p.id}`)}>
                      导入新版本
                    </Button>
                  }
                >
                  <Table rowKey="id" size="small" pagination={false} columns={versionColumns(p)} dataSource={p.versions} scroll={{ x: 900 }} />
                </Card>
              ))}
            </Space>
          )
        }
      </Loadable>
      <FromLetterModal open={letterOpen} onClose={() => setLetterOpen(false)} />
    </>
  );
}
