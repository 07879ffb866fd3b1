import { Space, Tag } from 'antd';

/** 已发布 / 编辑中, and 锁定 once a round uses the version. */
export function VersionStatus({ v }: { v: { status: string; locked: boolean } }) {
  return (
    <Space size={4}>
      {v.status === 'published' ? <Tag color="green">已发布</Tag> : <Tag>编辑中</Tag>}
      {v.locked && <Tag color="gold">已用于征求意见（锁定）</Tag>}
    </Space>
  );
}
