import { AuditOutlined, FileTextOutlined, SafetyCertificateOutlined, SendOutlined } from '@ant-design/icons';
import { Layout, Menu, Typography } from 'antd';
import { Link, Outlet, useLocation } from 'react-router-dom';
import { ErrorBoundary } from '../components/ErrorBoundary';
import { RequireSide } from './RequireSide';
import { UserBox } from './UserBox';

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
