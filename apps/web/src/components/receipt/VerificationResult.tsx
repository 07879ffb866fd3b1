import { CheckCircleFilled, CloseCircleFilled } from '@ant-design/icons';
import { Alert, Space, Tag } from 'antd';
import type { ReceiptVerification } from '../../api/types';
import { shanghaiTime } from '../../format';

const CHECK_LABEL: Record<keyof ReceiptVerification['checks'], string> = {
  digest: '摘要一致',
  signature: '签名有效',
  content: '内容未被改动',
  chain: '提交链完整',
};

export function VerificationResult({ v }: { v: ReceiptVerification }) {
  return (
    <Alert
      type={v.valid ? 'success' : 'error'}
      showIcon
      role="status"
      title={
        v.valid
          ? `回执 ${v.trackingNo} 核验通过`
          : v.stored === false
            ? `回执 ${v.trackingNo} 核验未通过：该反馈已盖章（库外链头记录可查），但存档中已不存在，记录被删除`
            : `回执 ${v.trackingNo} 核验未通过：存档内容与回执不符`
      }
      description={
        <Space orientation="vertical" size={4}>
          <span>
            {v.unit}
            {v.actingUnit && v.actingUnit !== v.unit ? `（由${v.actingUnit}报送）` : ''} · 盖章提交于 {shanghaiTime(v.sealedAt)} · 提交链第 {v.chainSeq} 号
          </span>
          <Space wrap>
            {(Object.keys(CHECK_LABEL) as (keyof ReceiptVerification['checks'])[]).map((k) => (
              <Tag key={k} color={v.checks[k] ? 'green' : 'red'} icon={v.checks[k] ? <CheckCircleFilled /> : <CloseCircleFilled />}>
                {CHECK_LABEL[k]}
              </Tag>
            ))}
          </Space>
        </Space>
      }
    />
  );
}
