import { Tag, Tooltip, Typography } from 'antd';
import type { Responsibility } from '../../api/types';

/** 责任单位 of a clause, the lead marked 牵头, names the directory does not know flagged. */
export function Responsibilities({ units }: { units: Responsibility[] }) {
  if (!units.length) return null;
  return (
    <div className="clause-units" aria-label="责任单位">
      <Typography.Text type="secondary">责任单位：</Typography.Text>
      {units.map((u, i) => (
        <Tooltip key={`${u.name}.${i}`} title={u.unitId ? undefined : '未在单位目录中找到此名称'}>
          <Tag color={u.isLead ? 'red' : u.unitId ? 'blue' : 'orange'} className="unit-tag">
            {u.name}
            {u.isLead && <span className="lead-mark">牵头</span>}
            {!u.unitId && <span>（未识别）</span>}
          </Tag>
        </Tooltip>
      ))}
    </div>
  );
}
