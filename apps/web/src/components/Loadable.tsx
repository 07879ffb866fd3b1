import { Button, Result, Spin } from 'antd';
import type { ReactNode } from 'react';
import { ApiError, errorText } from '../api/client';
import type { Loaded } from './useLoad';

/** Spinner while loading, a Chinese error with 重试 on failure, else the content. */
export function Loadable<T>({ state, children }: { state: Loaded<T>; children: (data: T) => ReactNode }) {
  if (state.data !== undefined) return <>{children(state.data)}</>;
  if (state.error) return <ErrorResult error={state.error} onRetry={state.reload} />;
  return (
    <div className="page-spin" role="status" aria-live="polite">
      <Spin size="large" />
      <span className="sr-only">正在加载…</span>
    </div>
  );
}

export function ErrorResult({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const status = error instanceof ApiError ? error.status : 0;
  return (
    <Result
      status={status === 404 ? '404' : status === 403 ? '403' : 'warning'}
      title={status === 404 ? '未找到' : status === 403 ? '无权查看' : '加载失败'}
      subTitle={errorText(error)}
      extra={onRetry ? <Button onClick={onRetry}>重试</Button> : undefined}
    />
  );
}
