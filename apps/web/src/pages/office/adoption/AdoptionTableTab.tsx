import { DownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Space, Table, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Loadable } from '../../../components/Loadable';
import { useAdoptionTable } from '../../../hooks/adoption';

const wrap = (text: string): ReactNode => <span className="cell-wrap">{text}</span>;

/** 意见采纳情况表 as it will be exported: every column fits the page (text wraps, long revised text folds), with its downloads. */
export function AdoptionTableTab({ roundId, tick, active, onDownload }: { roundId: string; tick: number; active: boolean; onDownload: (format: 'xlsx' | 'docx') => void }) {
  const state = useAdoptionTable(roundId, active, tick);
  if (!active) return null;
  return (
    <Loadable state={state}>
      {(t) =>
        t && (
          <Card
            size="small"
            title={t.title}
            extra={
              <Space wrap>
                <Button size="small" icon={<DownloadOutlined />} onClick={() => onDownload('xlsx')}>
                  下载 Excel
                </Button>
                <Button size="small" icon={<DownloadOutlined />} onClick={() => onDownload('docx')}>
                  下载 Word
                </Button>
              </Space>
            }
          >
            <Alert type="info" title={t.summaryText} style={{ marginBottom: 12 }} className="adoption-summary" />
            <Table
              size="small"
              rowKey="seq"
              dataSource={t.rows}
              pagination={{ pageSize: 50, hideOnSinglePage: true }}
              tableLayout="fixed"
              className="adoption-table"
              columns={[
                { title: '序号', dataIndex: 'seq', width: 48 },
                { title: '提出单位', dataIndex: 'unitName', width: '11%', render: wrap },
                { title: '条款', dataIndex: 'clause', width: '11%', render: wrap },
                { title: '意见内容', dataIndex: 'opinion', width: '24%', render: wrap },
                { title: '采纳情况', dataIndex: 'decision', width: 76 },
                { title: '理由/处理说明', dataIndex: 'explanation', width: '18%', render: wrap },
                {
                  title: '修改后条文',
                  dataIndex: 'revisedText',
                  render: (text: string) =>
                    text ? (
                      <Typography.Paragraph className="cell-wrap" style={{ marginBottom: 0 }} ellipsis={{ rows: 3, expandable: 'collapsible', symbol: (open: boolean) => (open ? '收起' : '展开') }}>
                        {text}
                      </Typography.Paragraph>
                    ) : (
                      '—'
                    ),
                },
              ]}
            />
          </Card>
        )
      }
    </Loadable>
  );
}
