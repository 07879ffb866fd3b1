import { AuditOutlined } from '@ant-design/icons';
import { Layout, Menu, Space } from 'antd';
import { Link, Outlet, useLocation } from 'react-router-dom';
import { useAuth } from '../auth/AuthContext';
import { ErrorBoundary } from '../components/ErrorBoundary';
import { RequireSide } from './RequireSide';
import { UserBox } from './UserBox';

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
