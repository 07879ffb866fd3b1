import { Button, Result } from 'antd';
import { ApiError, errorText } from '../api/client';

/** A failed load in words: 未找到, 无权查看 or 加载失败, with 重试. */
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
