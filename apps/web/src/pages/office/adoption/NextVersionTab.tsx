import { DownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Empty, Space, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import type { NextVersion } from '../../../api/types';
import { ChangeBlock } from '../../../components/ChangeBlock';
import { Loadable } from '../../../components/Loadable';
import { VirtualList } from '../../../components/VirtualList';
import { shanghaiTime } from '../../../format';
import { useNextVersion } from '../../../hooks/adoption';
import { ManualChangesCard } from './ManualChangesCard';
import { ResolveModal } from './ResolveModal';

const STATUS_TEXT = { applied: '已自动修改', needs_manual_edit: '需人工修改', resolved: '已人工处理' } as const;

interface Props {
  onDownload: (what: 'next' | 'comparison') => void;
  roundId: string;
  tick: number;
  active: boolean;
  editable: boolean;
  onChanged: () => Promise<void>;
}

/** 下一版本: what was generated, what still needs a hand, and the redline against the round's version. */
export function NextVersionTab({ roundId, tick, active, editable, onChanged, onDownload }: Props) {
  const state = useNextVersion(roundId, active, tick);
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
                <Button size="small" icon={<DownloadOutlined />} onClick={() => onDownload('next')}>
                  下载{data.next.version.label}（Word）
                </Button>
                <Button size="small" icon={<DownloadOutlined />} onClick={() => onDownload('comparison')}>
                  下载修改对照表
                </Button>
                {(['applied', 'needs_manual_edit', 'resolved'] as const).map((s) => (
                  <Tag key={s} color={s === 'needs_manual_edit' ? 'orange' : s === 'applied' ? 'green' : 'blue'}>
                    {STATUS_TEXT[s]} {data.next!.changes.filter((c) => c.status === s).length}
                  </Tag>
                ))}
              </Space>
            </Card>
            {data.next.changes.some((c) => c.status !== 'applied') && <ManualChangesCard changes={data.next.changes.filter((c) => c.status !== 'applied')} editable={editable} onResolve={setResolving} />}
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
