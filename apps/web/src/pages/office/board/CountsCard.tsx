import { Badge, Card, Progress, Radio, Space } from 'antd';
import type { Board } from '../../../api/types';
import { stateColor } from '../../../format';

/** 已反馈 n / N, 未反馈 and the filter by state. */
export function CountsCard({ board, replied, filter, onFilter }: { board: Board; replied: number; filter: string | null; onFilter: (state: string | null) => void }) {
  const percent = board.total ? Math.round((replied / board.total) * 100) : 0;
  return (
    <Card size="small" className="counts-card">
      <Space wrap size={12} align="center">
        <Space>
          <Progress type="circle" size={56} percent={percent} aria-label={`已反馈 ${percent}%`} />
          <span className="big-count">
            已反馈 <strong>{replied}</strong> / {board.total}
          </span>
          <span className="big-count">
            未反馈 <strong className="danger">{board.notRepliedCount}</strong>
          </span>
        </Space>
        <Radio.Group
          aria-label="按状态筛选"
          size="small"
          value={filter ?? 'all'}
          onChange={(e) => onFilter(e.target.value === 'all' ? null : e.target.value)}
          optionType="button"
          options={[
            { value: 'all', label: `全部 ${board.total}` },
            ...board.counts
              .filter((c) => c.count > 0)
              .map((c) => ({
                value: c.state,
                label: (
                  <span>
                    <Badge color={stateColor(c.state)} /> {c.label} {c.count}
                  </span>
                ),
              })),
          ]}
        />
      </Space>
    </Card>
  );
}
