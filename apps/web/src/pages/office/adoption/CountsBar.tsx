import { Space, Statistic } from 'antd';
import type { DecisionCounts } from '../../../api/types';

export function CountsBar({ counts, conflicts }: { counts: DecisionCounts; conflicts: number }) {
  return (
    <Space size={28} wrap className="decision-counts">
      <Statistic title="意见" value={counts.items} />
      <Statistic title="采纳" value={counts.adopted} />
      <Statistic title="部分采纳" value={counts.partiallyAdopted} />
      <Statistic title="不采纳" value={counts.notAdopted} />
      <Statistic title="供参考" value={counts.noted} />
      <Statistic title="未处理" value={counts.undecided} className={counts.undecided ? 'undecided-count' : undefined} />
      <Statistic title="冲突" value={conflicts} />
    </Space>
  );
}
