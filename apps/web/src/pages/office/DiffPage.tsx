import { Card, Checkbox, Empty, Space, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useParams } from 'react-router-dom';
import { api } from '../../api/client';
import type { ChangeStatus, ClauseChange, VersionDiff } from '../../api/types';
import { Redline } from '../../components/clauses';
import { Loadable } from '../../components/Loadable';
import { PageHeader } from '../../components/PageHeader';
import { useLoad } from '../../components/useLoad';
import { VirtualList } from '../../components/VirtualList';

export const CHANGE_LABEL: Record<ChangeStatus, { text: string; color: string }> = {
  added: { text: '新增', color: 'green' },
  deleted: { text: '删除', color: 'red' },
  changed: { text: '修改', color: 'orange' },
  moved: { text: '移动', color: 'purple' },
  unchanged: { text: '未变', color: 'default' },
};

export function ChangeBlock({ change }: { change: ClauseChange }) {
  const c = change.after ?? change.before!;
  const label = change.before && change.after && change.before.label !== change.after.label ? `${change.before.label} → ${change.after.label}` : c.label;
  return (
    <article className={`diff-row diff-${change.status}`} aria-label={`${CHANGE_LABEL[change.status].text} ${c.label}${c.heading}`}>
      <div className="clause-head">
        <span className="clause-title">
          <Tag color={CHANGE_LABEL[change.status].color}>{CHANGE_LABEL[change.status].text}</Tag>
          {change.moved && change.status !== 'moved' && <Tag color="purple">移动</Tag>}
          {change.relabelled && <Tag>重新编号</Tag>}
          {change.unitsChanged && <Tag color="blue">责任单位变化</Tag>}
          <span className="clause-label">{label}</span>
          <span className="clause-heading">{change.headingRedline ? <Redline segments={change.headingRedline} /> : c.heading}</span>
        </span>
      </div>
      <div className="clause-text">{change.redline ? <Redline segments={change.redline} /> : c.text}</div>
      {change.unitsChanged && (
        <Typography.Text type="secondary" className="clause-units">
          责任单位：{(change.before?.units ?? []).join('、') || '无'} → {(change.after?.units ?? []).join('、') || '无'}
        </Typography.Text>
      )}
    </article>
  );
}

export function DiffPage() {
  const { id, otherId } = useParams();
  const state = useLoad(() => api.get<VersionDiff>(`/versions/${id}/diff/${otherId}`), [id, otherId]);
  const [onlyChanges, setOnlyChanges] = useState(true);
  return (
    <Loadable state={state}>
      {(diff) => <DiffView diff={diff} onlyChanges={onlyChanges} setOnlyChanges={setOnlyChanges} />}
    </Loadable>
  );
}

function DiffView({ diff, onlyChanges, setOnlyChanges }: { diff: VersionDiff; onlyChanges: boolean; setOnlyChanges: (v: boolean) => void }) {
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
