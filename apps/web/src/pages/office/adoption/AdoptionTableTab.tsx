import { Alert, Card, Table } from 'antd';
import { Loadable } from '../../../components/Loadable';
import { useAdoptionTable } from '../../../hooks/adoption';

/** 意见采纳情况表 as it will be exported. */
export function AdoptionTableTab({ roundId, tick, active }: { roundId: string; tick: number; active: boolean }) {
  const state = useAdoptionTable(roundId, active, tick);
  if (!active) return null;
  return (
    <Loadable state={state}>
      {(t) =>
        t && (
          <Card size="small" title={t.title}>
            <Alert type="info" title={t.summaryText} style={{ marginBottom: 12 }} className="adoption-summary" />
            <Table
              size="small"
              rowKey="seq"
              dataSource={t.rows}
              pagination={{ pageSize: 50, hideOnSinglePage: true }}
              scroll={{ x: 1160 }}
              columns={[
                { title: '序号', dataIndex: 'seq', width: 56 },
                { title: '提出单位', dataIndex: 'unitName', width: 110 },
                { title: '条款', dataIndex: 'clause', width: 110 },
                { title: '意见内容', dataIndex: 'opinion', width: 260 },
                { title: '采纳情况', dataIndex: 'decision', width: 90 },
                { title: '理由/处理说明', dataIndex: 'explanation', width: 200 },
                { title: '修改后条文', dataIndex: 'revisedText', width: 340 },
              ]}
            />
          </Card>
        )
      }
    </Loadable>
  );
}
