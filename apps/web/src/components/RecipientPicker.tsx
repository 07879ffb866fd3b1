import { Badge, Card, Checkbox, Collapse, Empty, Input, Space, Typography } from 'antd';
import { useMemo, useState } from 'react';
import type { Unit, UnitKind } from '../api/types';

const GROUPS: { kind: UnitKind; title: string }[] = [
  { kind: 'provincial_department', title: '省级部门' },
  { kind: 'prefecture_city', title: '设区市' },
  { kind: 'city_office', title: '设区市部门（一般无需单独征求）' },
];

interface Props {
  units: Unit[];
  value?: string[];
  onChange?: (ids: string[]) => void;
  /** units to point out (e.g. 责任单位 not yet asked) */
  flagged?: Set<string>;
}

/** 征求对象: the directory grouped 省级部门 / 设区市, with a search box and “select all” per group. */
export function RecipientPicker({ units, value = [], onChange, flagged }: Props) {
  const [q, setQ] = useState('');
  const selected = useMemo(() => new Set(value), [value]);
  const matches = (u: Unit) => !q.trim() || u.shortName.includes(q.trim()) || u.fullName.includes(q.trim()) || u.aliases.some((a) => a.includes(q.trim()));
  const set = (ids: string[], on: boolean) => {
    const next = new Set(selected);
    for (const id of ids) (on ? next.add(id) : next.delete(id));
    onChange?.(units.filter((u) => next.has(u.id)).map((u) => u.id));
  };
  const cityName = useMemo(() => new Map(units.filter((u) => u.kind === 'prefecture_city').map((u) => [u.id, u.shortName])), [units]);

  const group = (kind: UnitKind, title: string) => {
    const all = units.filter((u) => u.kind === kind);
    const shown = all.filter(matches);
    const count = all.filter((u) => selected.has(u.id)).length;
    const allShownOn = shown.length > 0 && shown.every((u) => selected.has(u.id));
    const someShownOn = shown.some((u) => selected.has(u.id));
    return {
      key: kind,
      label: (
        <Space>
          <span>{title}</span>
          <Badge count={`${count}/${all.length}`} color={count ? '#b71c1c' : '#595959'} />
        </Space>
      ),
      extra: (
        <span onClick={(e) => e.stopPropagation()}>
          <Checkbox checked={allShownOn} indeterminate={!allShownOn && someShownOn} onChange={(e) => set(shown.map((u) => u.id), e.target.checked)} aria-label={`全选${title}`}>
            全选
          </Checkbox>
        </span>
      ),
      children: shown.length ? (
        <div className="recipient-grid" role="group" aria-label={title}>
          {shown.map((u) => (
            <Checkbox key={u.id} checked={selected.has(u.id)} onChange={(e) => set([u.id], e.target.checked)} className={flagged?.has(u.id) ? 'flagged-unit' : undefined}>
              {u.shortName}
              {u.kind === 'city_office' && u.parentId && !u.shortName.startsWith(cityName.get(u.parentId) ?? '') ? `（${cityName.get(u.parentId)}）` : ''}
              {flagged?.has(u.id) && <Typography.Text type="warning">（责任单位）</Typography.Text>}
              {u.contacts.every((c) => !c.email) && u.kind !== 'prefecture_city' && <Typography.Text type="secondary">（无邮箱）</Typography.Text>}
            </Checkbox>
          ))}
        </div>
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有匹配的单位" />
      ),
    };
  };

  return (
    <Card size="small" className="recipient-picker">
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Space wrap>
          <Input.Search placeholder="查找单位（名称或别名，如 省市场监管局）" allowClear value={q} onChange={(e) => setQ(e.target.value)} style={{ width: 320 }} aria-label="查找单位" />
          <Typography.Text>
            已选 <strong>{value.length}</strong> 家
          </Typography.Text>
        </Space>
        <Collapse collapsible="icon" defaultActiveKey={['provincial_department', 'prefecture_city']} items={GROUPS.map((g) => group(g.kind, g.title))} />
      </Space>
    </Card>
  );
}
