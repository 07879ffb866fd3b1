import { Button, Result, Typography } from 'antd';
import { Component, ErrorInfo, ReactNode } from 'react';

interface State {
  error: Error | null;
}

/** A render error shows a Chinese message with a way out, never a blank screen. */
export class ErrorBoundary extends Component<{ children: ReactNode; resetKey?: string }, State> {
  state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  componentDidCatch(error: Error, info: ErrorInfo): void {
    // kept for the browser's developer tools; the user sees the message below
    console.warn('页面出错', error, info.componentStack);
  }

  componentDidUpdate(prev: { resetKey?: string }): void {
    if (this.state.error && prev.resetKey !== this.props.resetKey) this.setState({ error: null });
  }

  render() {
    if (!this.state.error) return this.props.children;
    return (
      <Result
        status="error"
        title="页面出错了"
        subTitle={
          <>
            此页面未能正常显示，您的数据没有丢失。请刷新页面重试；如仍有问题，请将下面的错误信息告知管理员。
            <Typography.Paragraph code copyable style={{ marginTop: 12 }}>
              {this.state.error.message}
            </Typography.Paragraph>
          </>
        }
        extra={[
          <Button key="reload" type="primary" onClick={() => window.location.reload()}>
            刷新页面
          </Button>,
          <Button key="home" onClick={() => window.location.assign('/')}>
            返回首页
          </Button>,
        ]}
      />
    );
  }
}
