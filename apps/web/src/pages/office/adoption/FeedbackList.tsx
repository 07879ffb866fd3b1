import { Card, Empty } from 'antd';
import { useMemo } from 'react';
import type { ClauseFeedback, Decision, FeedbackItemView, RoundFeedback } from '../../../api/types';
import { VirtualList } from '../../../components/VirtualList';
import { ClauseFeedbackGroup } from './ClauseFeedbackGroup';
import { ItemRow } from './ItemRow';
import { SilentUnitsAlert } from './SilentUnitsAlert';

type Row = { type: 'clause'; clause: ClauseFeedback } | { type: 'general'; items: FeedbackItemView[] } | { type: 'silent'; fb: RoundFeedback };

interface Props {
  fb: RoundFeedback;
  selected: Set<string>;
  onToggle: (id: string, on: boolean) => void;
  editable: boolean;
  onAdopt: (i: FeedbackItemView) => void;
  onDecide: (i: FeedbackItemView, d: Decision) => void;
}

/** The comments grouped by clause (virtualised: a round may bring thousands), the silent 责任单位 first, 总体意见 last. */
export function FeedbackList({ fb, selected, onToggle, editable, onAdopt, onDecide }: Props) {
  const rows: Row[] = useMemo(
    () => [
      ...(fb.silentResponsibleUnits.length ? [{ type: 'silent' as const, fb }] : []),
      ...fb.clauses.filter((c) => c.items.length || c.carriedOver.length).map((clause) => ({ type: 'clause' as const, clause })),
      ...(fb.general.length ? [{ type: 'general' as const, items: fb.general }] : []),
    ],
    [fb],
  );
  const names = useMemo(() => new Map([...fb.clauses.flatMap((c) => c.items), ...fb.general].map((i) => [i.id, i.unit.name])), [fb]);
  if (!rows.length) return <Empty description="没有符合条件的意见" />;
  const item = (i: FeedbackItemView) => <ItemRow key={i.id} item={i} names={names} selected={selected.has(i.id)} onToggle={onToggle} editable={editable} onAdopt={onAdopt} onDecide={onDecide} />;
  return (
    <VirtualList
      aria-label="按条款分组的意见"
      height="calc(100vh - 360px)"
      style={{ minHeight: 360 }}
      items={rows}
      itemKey={(r) => (r.type === 'clause' ? r.clause.clauseId : r.type)}
      estimate={(r) => (r.type === 'clause' ? 160 + r.clause.items.length * 150 : 200)}
      render={(r) =>
        r.type === 'silent' ? (
          <SilentUnitsAlert units={r.fb.silentResponsibleUnits} />
        ) : r.type === 'general' ? (
          <Card size="small" title="总体意见（不针对具体条款）" className="adoption-clause">
            {r.items.map(item)}
          </Card>
        ) : (
          <ClauseFeedbackGroup clause={r.clause} renderItem={item} />
        )
      }
    />
  );
}
