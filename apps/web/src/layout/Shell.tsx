import {
  AuditOutlined,
  FileTextOutlined,
  LogoutOutlined,
  SafetyCertificateOutlined,
  SendOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { Button, Layout, Menu, Space, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link, Navigate, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { useAuth } from '../auth/AuthContext';
import { ErrorBoundary } from '../components/ErrorBoundary';
import { isOfficeRole, ROLE_LABEL } from '../format';

function UserBox() {
  const { actor, logout } = useAuth();
  const navigate = useNavigate();
  if (!actor) return null;
  return (
    <Space className="user-box" size={8}>
      <UserOutlined aria-hidden />
      <Typography.Text className="user-name" ellipsis style={{ maxWidth: 260 }}>
        {actor.displayName}
      </Typography.Text>
      <Tag>{ROLE_LABEL[actor.role]}</Tag>
      <Button
        size="small"
        icon={<LogoutOutlined />}
        onClick={() => {
          logout();
          navigate('/login');
        }}
      >
        退出
      </Button>
    </Space>
  );
}

/** Signed-in pages of one side (office or unit): anyone else goes to the login page or their own home. */
export function RequireSide({ side, children }: { side: 'office' | 'unit'; children: ReactNode }) {
  const { actor, loading } = useAuth();
  const location = useLocation();
  if (loading) return null;
  if (!actor) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  const office = isOfficeRole(actor.role);
  if ((side === 'office') !== office) return <Navigate to={office ? '/policies' : '/my/rounds'} replace />;
  return <>{children}</>;
}

const officeMenu = [
  { key: '/policies', icon: <FileTextOutlined />, label: <Link to="/policies">文件</Link> },
  { key: '/rounds', icon: <SendOutlined />, label: <Link to="/rounds">轮次与跟踪</Link> },
  { key: '/verify', icon: <SafetyCertificateOutlined />, label: <Link to="/verify">回执核验</Link> },
];

export function OfficeLayout() {
  const location = useLocation();
  const selected = officeMenu.map((m) => m.key).find((k) => location.pathname.startsWith(k)) ?? (location.pathname.startsWith('/versions') ? '/policies' : '/rounds');
  return (
    <RequireSide side="office">
      <Layout className="app-layout">
        <Layout.Sider breakpoint="lg" collapsedWidth={56} width={188} theme="light" className="app-sider">
          <div className="app-logo" aria-label="征求意见系统">
            <AuditOutlined aria-hidden /> <span className="app-logo-text">征求意见</span>
          </div>
          <Menu mode="inline" selectedKeys={[selected]} items={officeMenu} aria-label="主导航" />
        </Layout.Sider>
        <Layout>
          <Layout.Header className="app-header">
            <Typography.Text strong className="app-header-title">
              发起单位工作台
            </Typography.Text>
            <UserBox />
          </Layout.Header>
          <Layout.Content className="app-content" id="main">
            <ErrorBoundary resetKey={location.pathname}>
              <Outlet />
            </ErrorBoundary>
          </Layout.Content>
        </Layout>
      </Layout>
    </RequireSide>
  );
}

export function UnitLayout() {
  const location = useLocation();
  const { actor } = useAuth();
  return (
    <RequireSide side="unit">
      <Layout className="app-layout">
        <Layout.Header className="app-header unit-header">
          <Space size={16}>
            <Link to="/my/rounds" className="app-logo unit-logo">
              <AuditOutlined aria-hidden /> 征求意见 · 单位反馈
            </Link>
            <Menu
              mode="horizontal"
              selectedKeys={[location.pathname.startsWith('/verify') ? '/verify' : '/my/rounds']}
              items={[
                { key: '/my/rounds', label: <Link to="/my/rounds">我的征求意见</Link> },
                { key: '/verify', label: <Link to="/verify">回执核验</Link> },
              ]}
              style={{ minWidth: 240, borderBottom: 'none' }}
              aria-label="主导航"
            />
          </Space>
          {actor && <UserBox />}
        </Layout.Header>
        <Layout.Content className="app-content" id="main">
          <ErrorBoundary resetKey={location.pathname}>
            <Outlet />
          </ErrorBoundary>
        </Layout.Content>
      </Layout>
    </RequireSide>
  );
}
