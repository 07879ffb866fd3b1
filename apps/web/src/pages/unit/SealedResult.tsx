import { Button, Card, Result } from 'antd';
import type { SealedReceipt } from '../../api/types';
import { ReceiptCard } from '../../components/receipt/ReceiptCard';

export function SealedResult({ receipt, unitName, onDone }: { receipt: SealedReceipt; unitName: string; onDone: () => void }) {
  return (
    <Card>
      <Result
        status="success"
        title="反馈已盖章提交"
        subTitle={`回执编号 ${receipt.trackingNo}。回执也已发送到本单位的联系邮箱。`}
        extra={<Button onClick={onDone}>返回</Button>}
      />
      <ReceiptCard receipt={receipt} unitName={unitName} />
    </Card>
  );
}
