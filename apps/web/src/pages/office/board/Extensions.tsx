import { Empty, Table } from 'antd';
import type { Extension } from '../../../api/types';
import { Loadable } from '../../../components/Loadable';
import { shanghaiTime } from '../../../format';
import { useExtensions } from '../../../hooks/board';

/** 延期记录 of the round. */
export function Extensions({ roundId, active }: { roundId: string; active: boolean }) {
  const state = useExtensions(roundId, active);
  if (!active) return null;
  return (
    <Loadable state={state}>
      {(rows) =>
        !rows || rows.length === 0 ? (
          <Empty description="尚无延期" />
        ) : (
          <Table
            rowKey="id"
            size="small"
            dataSource={rows}
            pagination={false}
            columns={[
              { title: '单位', dataIndex: 'unitName', key: 'unit' },
              { title: '原截止', dataIndex: 'previousLocal', key: 'prev' },
              { title: '延期至', dataIndex: 'newLocal', key: 'new' },
              { title: '理由', dataIndex: 'reason', key: 'reason' },
              { title: '办理时间', key: 'at', render: (e: Extension) => shanghaiTime(e.grantedAt) },
            ]}
          />
        )
      }
    </Loadable>
  );
}
