import { Button, Card, Space, Typography } from 'antd';
import type { Decision } from '../../../api/types';
import { DECISION_LABEL } from '../../../format';

interface Props {
  selectedCount: number;
  undecidedCount: number;
  onAdoptSelected: () => void;
  onDecideSelected: (decision: Decision) => void;
  onClearSelection: () => void;
  onDecideRest: () => void;
}

/** Decisions for the selected comments at once, or for every one still undecided. */
export function BulkBar({ selectedCount, undecidedCount, onAdoptSelected, onDecideSelected, onClearSelection, onDecideRest }: Props) {
  return (
    <Card size="small" className="bulk-bar" style={{ marginBottom: 12 }}>
      <Space wrap>
        <span>已选 {selectedCount} 条</span>
        <Button size="small" disabled={!selectedCount} onClick={onAdoptSelected}>
          全部采纳
        </Button>
        {(['partially_adopted', 'not_adopted', 'noted'] as Decision[]).map((d) => (
          <Button key={d} size="small" disabled={!selectedCount} onClick={() => onDecideSelected(d)}>
            全部{DECISION_LABEL[d]}…
          </Button>
        ))}
        <Button size="small" onClick={onClearSelection} disabled={!selectedCount}>
          取消选择
        </Button>
        <Typography.Text type="secondary">|</Typography.Text>
        <Button size="small" onClick={onDecideRest} disabled={!undecidedCount}>
          其余未处理的意见统一处理…
        </Button>
      </Space>
    </Card>
  );
}
