import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { api, errorText } from '../../api/client';
import type { ReceiptVerification } from '../../api/types';
import { useAuth } from '../../auth/AuthContext';
import { VerificationResult } from '../../components/receipt/VerificationResult';

/** Anyone holding a 回执 checks it here, signed in or not. */
export function VerifyPage() {
  const { trackingNo } = useParams();
  const navigate = useNavigate();
  const { actor } = useAuth();
  const [search] = useSearchParams();
  const code = search.get('code') ?? '';
  const [value, setValue] = useState(trackingNo ?? '');
  const [codeValue, setCodeValue] = useState(code);
  const [result, setResult] = useState<ReceiptVerification | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!trackingNo || !code) return;
    setBusy(true);
    setError(null);
    setResult(null);
    api
      .get<ReceiptVerification>(`/receipts/${encodeURIComponent(trackingNo)}/verify`, { code })
      .then(setResult, (err) => setError(errorText(err)))
      .finally(() => setBusy(false));
  }, [trackingNo, code]);

  return (
    <main className="verify-page">
      <Card
        title={
          <Space>
            <SafetyCertificateOutlined /> 回执核验
          </Space>
        }
        extra={<Link to={actor ? '/' : '/login'}>{actor ? '返回工作台' : '登录'}</Link>}
        style={{ maxWidth: 760, margin: '48px auto' }}
      >
        <Typography.Paragraph>输入回执编号（如 R2-省财政厅-0001）和回执上的核验码，系统将重新计算存档反馈的摘要，并核对签名和提交链。</Typography.Paragraph>
        <Form
          layout="inline"
          onFinish={() => value.trim() && codeValue.trim() && navigate(`/verify/${encodeURIComponent(value.trim())}?code=${encodeURIComponent(codeValue.trim())}`)}
        >
          <Form.Item label="回执编号" style={{ flex: 1 }}>
            <Input value={value} onChange={(e) => setValue(e.target.value)} placeholder="R2-省财政厅-0001" />
          </Form.Item>
          <Form.Item label="核验码" style={{ flex: 1 }}>
            <Input value={codeValue} onChange={(e) => setCodeValue(e.target.value)} placeholder="回执上的 16 位核验码" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy}>
            核验
          </Button>
        </Form>
        <div style={{ marginTop: 16 }}>
          {result && <VerificationResult v={result} />}
          {error && <Alert type="error" showIcon title={error} />}
        </div>
      </Card>
    </main>
  );
}
