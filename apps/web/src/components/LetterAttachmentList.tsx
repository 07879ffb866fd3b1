import { DeleteOutlined, DownloadOutlined, PaperClipOutlined } from '@ant-design/icons';
import { Button, List, Popconfirm, Tag, Typography } from 'antd';
import { api } from '../api/client';
import type { LetterAttachment } from '../api/types';
import { bytes } from '../format';

const ORIGIN: Record<string, { label: string; color: string }> = {
  draft: { label: '征求意见稿', color: 'blue' },
  template: { label: '反馈意见表', color: 'green' },
  office: { label: '附件', color: 'default' },
};

/** 附件 of a round's letter: name, size, what it is, 下载; 删除 where the office may still remove it. */
export function LetterAttachmentList({
  roundId,
  attachments,
  onRemove,
  onError,
}: {
  roundId: string;
  attachments: LetterAttachment[];
  onRemove?: (a: LetterAttachment) => Promise<void>;
  onError: (err: unknown) => void;
}) {
  return (
    <List
      size="small"
      className="letter-attachments"
      dataSource={attachments}
      locale={{ emptyText: '暂无附件' }}
      renderItem={(a) => (
        <List.Item
          actions={[
            <Button key="get" size="small" icon={<DownloadOutlined />} aria-label={`下载 ${a.name}`} onClick={() => void api.download(`/rounds/${roundId}/attachments/${a.id}`, undefined, a.name).catch(onError)}>
              下载
            </Button>,
            ...(onRemove
              ? [
                  <Popconfirm key="del" title={`删除附件“${a.name}”？`} okText="删除" cancelText="取消" onConfirm={() => onRemove(a).catch(onError)}>
                    <Button size="small" danger icon={<DeleteOutlined />} aria-label={`删除 ${a.name}`}>
                      删除
                    </Button>
                  </Popconfirm>,
                ]
              : []),
          ]}
        >
          <List.Item.Meta
            avatar={<PaperClipOutlined aria-hidden />}
            title={
              <span>
                {a.name} <Tag color={ORIGIN[a.origin]?.color}>{ORIGIN[a.origin]?.label ?? a.origin}</Tag>
              </span>
            }
            description={<Typography.Text type="secondary">{bytes(a.size)}</Typography.Text>}
          />
        </List.Item>
      )}
    />
  );
}
