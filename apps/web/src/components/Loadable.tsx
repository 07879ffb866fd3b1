import { Spin } from 'antd';
import type { ReactNode } from 'react';
import type { Loaded } from '../hooks/useLoad';
import { ErrorResult } from './ErrorResult';

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
