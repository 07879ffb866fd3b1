import { Card, Checkbox, Empty, Space, Tag } from 'antd';
import { useMemo } from 'react';
import type { ChangeStatus, VersionDiff } from '../../api/types';
import { ChangeBlock } from '../../components/ChangeBlock';
import { PageHeader } from '../../components/PageHeader';
import { VirtualList } from '../../components/VirtualList';
import { CHANGE_LABEL } from '../../format';

export function DiffView({ diff, onlyChanges, setOnlyChanges }: { diff: VersionDiff; onlyChanges: boolean; setOnlyChanges: (v: boolean) => void }) {
  const rows = useMemo(() => (onlyChanges ? diff.changes.filter((c) => c.status !== 'unchanged') : diff.changes), [diff, onlyChanges]);
  return (
    <>
      <PageHeader
        title="版本比较（修改痕迹）"
        crumbs={[{ label: '文件', to: '/policies' }, { label: diff.to.title, to: `/versions/${diff.to.id}` }, { label: '比较' }]}
        sub={
          <Space wrap>
            <span>
              从 <Tag>{`第${diff.from.seq}版 · ${diff.from.label}`}</Tag>到 <Tag color="blue">{`第${diff.to.seq}版 · ${diff.to.label}`}</Tag>
            </span>
            {(Object.keys(CHANGE_LABEL) as ChangeStatus[]).map((s) => (
              <Tag key={s} color={CHANGE_LABEL[s].color}>
                {CHANGE_LABEL[s].text} {diff.counts[s] ?? 0}
              </Tag>
            ))}
            <Checkbox checked={onlyChanges} onChange={(e) => setOnlyChanges(e.target.checked)}>
              只看有变化的条款
            </Checkbox>
            <span className="legend">
              图例：<del className="rl-del">删除的文字</del> <ins className="rl-ins">新增的文字</ins>
            </span>
          </Space>
        }
      />
      <Card size="small">
        {rows.length === 0 ? (
          <Empty description="两个版本没有差异" />
        ) : (
          <VirtualList
            aria-label="条款变化"
            height="calc(100vh - 270px)"
            style={{ minHeight: 360 }}
            items={rows}
            itemKey={(c) => c.lineageKey}
            estimate={(c) => 60 + Math.ceil(((c.after ?? c.before)?.text.length ?? 0) / 40) * 24}
            render={(c) => <ChangeBlock change={c} />}
          />
        )}
      </Card>
    </>
  );
}
