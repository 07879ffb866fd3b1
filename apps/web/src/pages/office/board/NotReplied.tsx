import { Empty, Table, Tag } from 'antd';
import type { NotRepliedUnit } from '../../../api/types';
import { Loadable } from '../../../components/Loadable';
import { useNotReplied } from '../../../hooks/board';

/** 未反馈单位 with whom to call: the server lists each unit's contacts (a city's through its offices). */
export function NotReplied({ roundId, active, tick }: { roundId: string; active: boolean; tick: unknown }) {
  const state = useNotReplied(roundId, active, tick);
  if (!active) return null;
  return (
    <Loadable state={state}>
      {(units) =>
        !units || !units.length ? (
          <Empty description="所有单位均已反馈" />
        ) : (
          <Table
            rowKey="unitId"
            size="small"
            dataSource={units}
            pagination={false}
            scroll={{ x: 860 }}
            columns={[
              { title: '单位', dataIndex: 'name', key: 'name', width: 160 },
              { title: '状态', key: 'label', width: 140, render: (u: NotRepliedUnit) => <Tag color={u.overdue ? 'red' : 'default'}>{u.label}</Tag> },
              { title: '截止时间', dataIndex: 'deadlineLocal', key: 'deadline', width: 150 },
              { title: '最近催办', key: 'reminded', width: 150, render: (u: NotRepliedUnit) => u.lastRemindedLocal ?? '—' },
              {
                title: '联系人',
                key: 'contacts',
                render: (u: NotRepliedUnit) =>
                  u.contacts.length
                    ? u.contacts.map((c, i) => (
                        <div key={i}>
                          {c.name} {c.phone ?? ''} <span className="muted">{c.email ?? ''}</span>
                        </div>
                      ))
                    : '—',
              },
            ]}
          />
        )
      }
    </Loadable>
  );
}
