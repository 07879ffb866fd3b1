import { Tag, Tooltip, Typography } from 'antd';
import type { Responsibility } from '../../api/types';

/**
 * 责任单位 of a clause, the lead marked 牵头, names the directory does not know flagged. With
 * `onLead` (a tree the office may correct) a click on a unit makes it the lead, on the lead unmarks it.
 */
export function Responsibilities({ units, onLead }: { units: Responsibility[]; onLead?: (name: string | null) => void }) {
  if (!units.length) return null;
  return (
    <div className="clause-units" aria-label="责任单位">
      <Typography.Text type="secondary">责任单位：</Typography.Text>
      {units.map((u, i) => (
        <Tooltip key={`${u.name}.${i}`} title={u.unitId ? undefined : '未在单位目录中找到此名称'}>
          <Tag
            color={u.isLead ? 'red' : u.unitId ? 'blue' : 'orange'}
            className={`unit-tag${onLead ? ' unit-tag-action' : ''}`}
            {...(onLead
              ? {
                  role: 'button',
                  tabIndex: 0,
                  'aria-label': u.isLead ? `取消${u.name}的牵头单位` : `设${u.name}为牵头单位`,
                  title: u.isLead ? '点击取消牵头单位' : '点击设为牵头单位',
                  onClick: () => onLead(u.isLead ? null : u.name),
                  onKeyDown: (e: React.KeyboardEvent) => {
                    if (e.key === 'Enter' || e.key === ' ') {
                      e.preventDefault();
                      onLead(u.isLead ? null : u.name);
                    }
                  },
                }
              : {})}
          >
            {u.name}
            {u.isLead && <span className="lead-mark">牵头</span>}
            {!u.unitId && <span>（未识别）</span>}
          </Tag>
        </Tooltip>
      ))}
    </div>
  );
}
