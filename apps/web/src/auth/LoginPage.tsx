import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Empty, Form, Input, Space, Tag, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { api, errorText } from '../api/client';
import type { Actor, DemoAccount, MyRoundListItem } from '../api/types';
import { isOfficeRole } from '../format';
import { homeOf, useAuth } from './AuthContext';

const DEMO_PASSWORD = 'demo1234';

interface DemoGroup {
  title: string;
  units: { unit: string; accounts: DemoAccount[] }[];
}

/** 省美丽城镇办 first, then provincial units, then city offices grouped under their city. */
function groupAccounts(accounts: DemoAccount[], filter: string): DemoGroup[] {
  const q = filter.trim();
  const match = (a: DemoAccount) => !q || a.username.includes(q) || (a.unitShortName ?? '').includes(q) || a.displayName.includes(q);
  const office = accounts.filter((a) => !a.unitShortName && match(a));
  const byUnit = new Map<string, DemoAccount[]>();
  for (const a of accounts) {
    if (!a.unitShortName || !match(a)) continue;
    byUnit.set(a.unitShortName, [...(byUnit.get(a.unitShortName) ?? []), a]);
  }
  const units = [...byUnit].map(([unit, list]) => ({ unit, accounts: list.sort((x, y) => x.role.localeCompare(y.role)) }));
  const provincial = units.filter((u) => u.unit.startsWith('省'));
  const city = units.filter((u) => !u.unit.startsWith('省'));
  return [
    { title: '省美丽城镇办（发起单位）', units: office.length ? [{ unit: '省美丽城镇办', accounts: office }] : [] },
    { title: '省级部门', units: provincial },
    { title: '设区市', units: city },
  ].filter((g) => g.units.length);
}

const roleWord = (a: DemoAccount) =>
  a.role === 'office_admin' ? '管理员' : a.role === 'office_staff' ? '工作人员' : a.role === 'unit_approver' ? '签发人' : '起草人';

/**
 * Where an account lands after sign-in: the page a link or an expired session asked for, if it is
 * this account's to see (its side, its own session, a round its unit is asked in) — else its home.
 */
async function landingOf(user: Actor, from: string | undefined, forUser: string | null): Promise<string> {
  if (!from || (forUser && forUser !== user.userId)) return homeOf(user);
  const unitPage = from.startsWith('/my/');
  if (unitPage === isOfficeRole(user.role)) return homeOf(user);
  const round = /^\/my\/rounds\/([0-9a-f-]{36})/.exec(from);
  if (round) {
    const mine = await api.get<MyRoundListItem[]>('/my/rounds').catch(() => []);
    if (!mine.some((r) => r.id === round[1])) return homeOf(user);
  }
  return from;
}

export function LoginPage() {
  const { actor, login, expired } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const state = location.state as { from?: string; forUser?: string | null; signer?: string | null } | null;
  const from = state?.from;
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [accounts, setAccounts] = useState<DemoAccount[] | null>(null);
  const [filter, setFilter] = useState('');

  useEffect(() => {
    api.get<DemoAccount[]>('/auth/demo-accounts').then(setAccounts, () => setAccounts([]));
  }, []);

  const groups = useMemo(() => groupAccounts(accounts ?? [], filter), [accounts, filter]);

  if (actor) return <Navigate to={homeOf(actor)} replace />;

  const signIn = async (username: string, password: string) => {
    setBusy(username);
    setError(null);
    try {
      const user = await login(username, password);
      navigate(await landingOf(user, from, state?.forUser ?? null), { replace: true });
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(null);
    }
  };

  return (
    <main className="login-page">
      <div className="login-brand">
        <Typography.Title level={1} style={{ margin: 0, fontSize: 30 }}>
          征求意见系统
        </Typography.Title>
        <Typography.Text type="secondary">政策文件起草 · 书面征求意见 · 反馈跟踪 · 意见采纳</Typography.Text>
      </div>
      <div className="login-columns">
        <Card title="登录" className="login-card">
          {expired && <Alert type="warning" showIcon title="登录已失效，请重新登录" style={{ marginBottom: 16 }} />}
          {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" />}
          <Form layout="vertical" onFinish={(v: { username: string; password: string }) => signIn(v.username, v.password)} requiredMark={false}>
            <Form.Item label="用户名" name="username" rules={[{ required: true, message: '请输入用户名' }]} initialValue={state?.signer ?? undefined}>
              <Input prefix={<UserOutlined />} autoComplete="username" autoFocus={!state?.signer} />
            </Form.Item>
            <Form.Item label="密码" name="password" rules={[{ required: true, message: '请输入密码' }]}>
              <Input.Password prefix={<LockOutlined />} autoComplete="current-password" autoFocus={!!state?.signer} />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={busy !== null && !accounts?.some((a) => a.username === busy)}>
              登录
            </Button>
          </Form>
        </Card>
        {accounts && accounts.length > 0 && (
          <Card
            className="demo-card"
            title={
              <Space>
                <Tag color="orange">演示</Tag>
                <span>演示账号</span>
              </Space>
            }
            extra={<Typography.Text type="secondary">密码均为 {DEMO_PASSWORD}，点击即可登录</Typography.Text>}
          >
            <Input.Search
              placeholder="按单位名称筛选，如 省财政厅、杭州市"
              allowClear
              aria-label="筛选演示账号"
              value={filter}
              onChange={(e) => setFilter(e.target.value)}
              style={{ marginBottom: 12 }}
            />
            <nav className="demo-list" aria-label="演示账号列表">
              {groups.length === 0 && <Empty description="没有匹配的账号" />}
              {groups.map((g) => (
                <section key={g.title}>
                  <Typography.Title level={5} className="demo-group-title">
                    {g.title}
                  </Typography.Title>
                  {g.units.map((u) => (
                    <div className="demo-row" key={u.unit}>
                      <span className="demo-unit">{u.unit}</span>
                      <Space size={4} wrap>
                        {u.accounts.map((a) => (
                          <Button
                            key={a.username}
                            size="small"
                            loading={busy === a.username}
                            aria-label={`以${u.unit}${roleWord(a)}身份登录`}
                            title={`${a.displayName}（${a.username}）`}
                            onClick={() => signIn(a.username, DEMO_PASSWORD)}
                          >
                            {roleWord(a)}
                          </Button>
                        ))}
                      </Space>
                    </div>
                  ))}
                </section>
              ))}
            </nav>
          </Card>
        )}
      </div>
    </main>
  );
}
