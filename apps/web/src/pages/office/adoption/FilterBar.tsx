import { Radio, Select, Space } from 'antd';
import type { DecisionFilter } from '../../../hooks/adoption';

interface Props {
  decision: DecisionFilter;
  onDecision: (d: DecisionFilter) => void;
  unitId: string | undefined;
  onUnit: (unitId: string | undefined) => void;
  unitOptions: { value: string; label: string }[];
}

export function FilterBar({ decision, onDecision, unitId, onUnit, unitOptions }: Props) {
  return (
    <Space wrap style={{ marginBottom: 12 }}>
      <Radio.Group
        value={decision}
        onChange={(e) => onDecision(e.target.value)}
        optionType="button"
        options={[
          { value: 'all', label: '全部' },
          { value: 'undecided', label: '未处理' },
          { value: 'adopted', label: '采纳' },
          { value: 'partially_adopted', label: '部分采纳' },
          { value: 'not_adopted', label: '不采纳' },
          { value: 'noted', label: '供参考' },
        ]}
      />
      <Select allowClear placeholder="按单位筛选" aria-label="按单位筛选" style={{ width: 200 }} options={unitOptions} value={unitId} onChange={onUnit} />
    </Space>
  );
}
