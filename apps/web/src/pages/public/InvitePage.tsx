import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { api, errorText } from '../../api/client';
import { homeOf, useAuth } from '../../auth/AuthContext';
import { showFieldErrors } from '../../components/fieldErrors';

interface Values {
  username: string;
  displayName: string;
  password: string;
  confirm: string;
}

/** The link of an invitation mail: the unit contact chooses a username and password, then is signed in. */
export function InvitePage() {
  const { token } = useParams();
  const { login } = useAuth();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      await api.post(`/auth/invitations/${encodeURIComponent(token ?? '')}/accept`, { username: v.username.trim(), password: v.password, ...(v.displayName?.trim() ? { displayName: v.displayName.trim() } : {}) });
      const actor = await login(v.username.trim(), v.password);
      navigate(homeOf(actor), { replace: true });
    } catch (err) {
      if (!showFieldErrors(form, err)) setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="verify-page">
      <Card title="设置账号" style={{ maxWidth: 480, margin: '48px auto' }}>
        <Typography.Paragraph>您受邀使用征求意见系统反馈意见。请设置用户名和密码（至少 8 位），设置后即可登录。</Typography.Paragraph>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" />}
        <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
          <Form.Item name="username" label="用户名" rules={[{ required: true, min: 2, message: '请填写用户名（至少 2 个字符）' }]}>
            <Input autoComplete="username" maxLength={100} />
          </Form.Item>
          <Form.Item name="displayName" label="姓名">
            <Input maxLength={50} />
          </Form.Item>
          <Form.Item name="password" label="密码" rules={[{ required: true, min: 8, message: '密码至少 8 位' }]}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item
            name="confirm"
            label="确认密码"
            dependencies={['password']}
            rules={[{ required: true, message: '请再次输入密码' }, ({ getFieldValue }) => ({ validator: (_, v) => (v === getFieldValue('password') ? Promise.resolve() : Promise.reject(new Error('两次输入的密码不一致'))) })]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>
            设置并登录
          </Button>
        </Form>
      </Card>
    </main>
  );
}
