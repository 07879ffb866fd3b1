import { Card, Empty, List, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useAuth } from '../../auth/AuthContext';
import { Loadable } from '../../components/Loadable';
import { PageHeader } from '../../components/PageHeader';
import { useMyRounds } from '../../hooks/unit';
import { ROUND_STATUS_COLOR, roundNumberText, stateColor } from '../../format';

export function MyRoundsPage() {
  const { actor } = useAuth();
  const state = useMyRounds();
  return (
    <>
      <PageHeader title="我的征求意见" sub={`${actor?.displayName ?? ''}：以下是请本单位反馈意见的文件，请在截止时间前书面反馈（无意见也请反馈“无意见”）；已截止、已办结的可随时查看本单位的反馈、回执和意见处理情况。`} />
      <Loadable state={state}>
        {(rounds) =>
          rounds.length === 0 ? (
            <Card>
              <Empty description="目前没有需要本单位反馈的征求意见" />
            </Card>
          ) : (
            <Card size="small">
              <List
                itemLayout="horizontal"
                dataSource={rounds}
                renderItem={(r) => (
                  <List.Item
                    actions={[
                      <Link key="open" to={`/my/rounds/${r.id}`} aria-label={`${r.status !== 'open' || r.state.startsWith('submitted') ? '查看' : '查看并反馈'}：${r.title}`}>
                        {r.status !== 'open' || r.state.startsWith('submitted') ? '查看' : '查看并反馈'}
                      </Link>,
                    ]}
                  >
                    <List.Item.Meta
                      title={<Link to={`/my/rounds/${r.id}`}>{r.title}</Link>}
                      description={
                        <Space wrap size={8}>
                          <span>{roundNumberText(r.roundNumber)}</span>
                          <span>反馈单位：{r.unitName}</span>
                          <span>
                            截止 <Typography.Text strong>{r.deadlineLocal}</Typography.Text>
                          </span>
                          {r.extended && <Tag color="purple">已延期</Tag>}
                          {r.status !== 'open' && <Tag color={ROUND_STATUS_COLOR[r.status]}>{r.status === 'closed' ? '已截止' : '已办结'}</Tag>}
                        </Space>
                      }
                    />
                    <Tag color={stateColor(r.state)} className="state-tag">
                      {r.label}
                    </Tag>
                  </List.Item>
                )}
              />
            </Card>
          )
        }
      </Loadable>
    </>
  );
}
