import { Breadcrumb, Space, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';

/** Title, breadcrumb trail and the page's main actions. */
export function PageHeader({ title, crumbs, extra, sub }: { title: ReactNode; crumbs?: { label: string; to?: string }[]; extra?: ReactNode; sub?: ReactNode }) {
  return (
    <header className="page-header">
      {crumbs && crumbs.length > 0 && (
        <Breadcrumb items={crumbs.map((c) => ({ title: c.to ? <Link to={c.to}>{c.label}</Link> : c.label }))} />
      )}
      <div className="page-header-row">
        <Typography.Title level={1} className="page-title">
          {title}
        </Typography.Title>
        {extra && (
          <Space wrap className="page-actions">
            {extra}
          </Space>
        )}
      </div>
      {sub && <div className="page-sub">{sub}</div>}
    </header>
  );
}
