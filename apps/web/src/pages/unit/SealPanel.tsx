import { CheckCircleOutlined, SafetyCertificateOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Checkbox, Col, Form, Input, Row, Space, Typography, Upload } from 'antd';
import { useState } from 'react';
import { api, ApiError, errorText } from '../../api/client';
import type { Actor, EvidenceFile, MyRound, SealedReceipt, Unit } from '../../api/types';
import { bytes, SEAL_ROLE_LABEL, shanghaiTime } from '../../format';
import type { DraftState } from '../../hooks/useDraft';
import { confirmNoComment } from './confirm-no-comment';

type OfficeRole = 'general_office' | 'construction_authority' | 'beautiful_towns_office';

interface Props {
  actor: Actor;
  myRound: MyRound;
  acting: Unit | null;
  cityOffices: Unit[];
  draft: DraftState;
  editable: boolean;
  onSealed: (r: SealedReceipt) => void;
  /** a rule error names an item: point at it in the reply */
  onItemProblem: (key: string | null) => void;
}

interface SealForm {
  signatory: string;
  contactName: string;
  contactPhone: string;
  approved: boolean;
  seals: OfficeRole[];
}

/** Where each rule error of sealing belongs on the form. */
const ERROR_FIELD: Record<string, keyof SealForm | 'evidence'> = {
  CITY_APPROVAL_REQUIRED: 'approved',
  ATTESTATION_CHANNEL_INVALID: 'approved',
  ATTESTATION_NOT_APPLICABLE: 'approved',
  SEAL_MISSING: 'seals',
  SEAL_UNIT_INVALID: 'seals',
  SEAL_INVALID: 'seals',
  EVIDENCE_NOT_FOUND: 'evidence',
  EVIDENCE_REQUIRED: 'evidence',
};
const ITEM_ERRORS = ['REPLY_EMPTY', 'NO_COMMENT_HAS_ITEMS', 'QUOTE_NOT_IN_CLAUSE', 'ITEM_INCOMPLETE', 'CLAUSE_NOT_IN_VERSION'];

/** The approver's name as 签发人: the account's display name without the demo mark. */
export const signatoryOf = (actor: Actor) => actor.displayName.replace(/[（(]演示[）)]$/, '').trim();

/**
 * 盖章提交 beside the reply, for the approver: the scan, 签发人 (their own name), the contact (from
 * the directory), a city's 经市政府同意 and seals — then one click seals the reply, or seals 无意见.
 */
export function SealPanel({ actor, myRound, acting, cityOffices, draft, editable, onSealed, onItemProblem }: Props) {
  const [form] = Form.useForm<SealForm>();
  const { message, modal } = App.useApp();
  const [evidence, setEvidence] = useState<EvidenceFile | null>(null);
  const [uploading, setUploading] = useState(false);
  const [evidenceError, setEvidenceError] = useState<string | null>(null);
  const [busy, setBusy] = useState<'seal' | 'no_comment' | null>(null);
  const [error, setError] = useState<{ message: string; itemKey?: string | null } | null>(null);
  const isCity = myRound.unit.kind === 'prefecture_city';
  const rules = myRound.rules;
  const city = rules.cityApproval;
  const actingRole = (acting?.officeRole ?? null) as OfficeRole | null;
  const viaGeneralOffice = isCity && actingRole === 'general_office';
  // sent by the city's general office, the reply needs no other office's seal
  const generalOfficeEnough = viaGeneralOffice && !!city?.generalOfficeSuffices;
  const needsStatement = isCity && !!city?.required && !generalOfficeEnough;
  const primary = acting?.contacts.find((c) => c.isPrimary) ?? acting?.contacts[0];
  const officeName = (role: OfficeRole) => cityOffices.find((o) => o.officeRole === role)?.shortName ?? `${myRound.unit.name}${SEAL_ROLE_LABEL[role].replace(/^市/, '')}`;
  const sealOptions = cityOffices
    .filter((o) => o.officeRole && (!generalOfficeEnough || o.officeRole === 'general_office'))
    .map((o) => ({ value: o.officeRole as OfficeRole, label: `${o.shortName}${!generalOfficeEnough && city?.requiredSeals.includes(o.officeRole as OfficeRole) ? '（须加盖）' : ''}` }));
  // a department's scan carries the seals the rule asks for (the office's own and the other required one):
  // ticked from the start, to be unticked where the scan lacks one
  const initialSeals = [...new Set([...(actingRole ? [actingRole] : []), ...(isCity && !generalOfficeEnough && city?.required ? city.requiredSeals : [])])].filter((role) =>
    cityOffices.some((o) => o.officeRole === role),
  );
  const handedOver = draft.handedOver;

  const upload = async (file: File) => {
    setUploading(true);
    setEvidenceError(null);
    try {
      setEvidence(await api.upload<EvidenceFile>(`/rounds/${myRound.round.id}/evidence`, file));
    } catch (err) {
      setEvidenceError(errorText(err));
    } finally {
      setUploading(false);
    }
  };

  const seal = async (kind: 'with_comments' | 'no_comment') => {
    let v: SealForm;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setError(null);
    setEvidenceError(null);
    if (rules.sealRequired && !evidence) {
      setEvidenceError('请先上传加盖公章的反馈函扫描件（PDF 或图片）');
      return;
    }
    setBusy(kind === 'no_comment' ? 'no_comment' : 'seal');
    try {
      if (kind === 'no_comment' && draft.kind !== 'no_comment') draft.setKind('no_comment', []);
      const version = await draft.flush();
      if (version === null) {
        setError({ message: '意见草稿未能保存，请先处理上方的保存提示' });
        return;
      }
      const roles: string[] = isCity ? v.seals ?? [] : ['unit'];
      const seals = evidence ? roles.map((role) => ({ role, evidenceFileId: evidence.id })) : [];
      const attestation = !isCity ? null : viaGeneralOffice ? { channel: 'general_office', statement: v.approved ? '经市政府同意' : null } : v.approved ? { channel: 'department', statement: '经市政府同意' } : null;
      const receipt = await api.post<SealedReceipt>(`/rounds/${myRound.round.id}/my-reply/seal`, {
        draftVersion: version,
        signatory: v.signatory.trim(),
        contactName: v.contactName.trim(),
        contactPhone: v.contactPhone.trim(),
        seals,
        attestation,
      });
      message.success(`已盖章提交，回执编号 ${receipt.trackingNo}`);
      onSealed(receipt);
    } catch (err) {
      const e = err instanceof ApiError ? err : null;
      const field = e ? ERROR_FIELD[e.code] : undefined;
      if (!e) {
        setError({ message: errorText(err) });
      } else if (field) {
        // the rule's own words, next to the field they are about
        if (field === 'evidence') setEvidenceError(e.message);
        else form.setFields([{ name: field, errors: [e.message] }]);
        setError({ message: '未能提交，请按标红处的提示修改后重新提交' });
      } else if (ITEM_ERRORS.includes(e.code)) {
        const index = typeof e.details?.index === 'number' ? (e.details.index as number) : null;
        const key = (e.details?.key as string | undefined) ?? (index !== null ? draft.items[index]?.key : null);
        setError({ message: e.message, itemKey: key ?? null });
        onItemProblem(key ?? null);
      } else if (e.code === 'VALIDATION_FAILED') {
        const names = (e.details?.fields ?? []).map((f) => f.field.split('.')[0]).filter((f) => ['signatory', 'contactName', 'contactPhone'].includes(f));
        form.setFields(names.map((name) => ({ name: name as keyof SealForm, errors: [name === 'contactPhone' ? '请填写正确的电话号码' : '请填写此项'] })));
        setError({ message: names.length ? '未能提交，请按标红处的提示修改后重新提交' : e.message });
      } else {
        setError({ message: e.message });
      }
    } finally {
      setBusy(null);
    }
  };

  const noComment = () => confirmNoComment(modal, draft, '盖章提交', () => seal('no_comment'));

  const content = draft.kind === 'no_comment' ? '无意见' : `${draft.items.length} 条意见`;

  return (
    <Card size="small" title="盖章提交" className="seal-card">
      {handedOver && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={`${handedOver.by || '起草人'}已于 ${shanghaiTime(handedOver.at)} 提交签发（${content}），请审阅后盖章提交。`}
        />
      )}
      {error && (
        <Alert
          type="error"
          showIcon
          role="alert"
          title={error.message}
          style={{ marginBottom: 12 }}
          action={
            error.itemKey !== undefined ? (
              <Button size="small" onClick={() => onItemProblem(error.itemKey ?? null)}>
                查看该条意见
              </Button>
            ) : undefined
          }
        />
      )}
      <Form
        form={form}
        layout="vertical"
        size="small"
        disabled={!editable}
        initialValues={{ contactName: primary?.name ?? '', contactPhone: primary?.phone ?? '', approved: false, seals: initialSeals, signatory: signatoryOf(actor) }}
        onValuesChange={() => setError(null)}
      >
        <Form.Item
          label="盖章文件扫描件"
          required={rules.sealRequired}
          validateStatus={evidenceError ? 'error' : undefined}
          help={evidenceError ?? (evidence ? undefined : '加盖公章的反馈函扫描件：PDF、PNG 或 JPEG，不超过 20 MB')}
        >
          <Space orientation="vertical" style={{ width: '100%' }} size={4}>
            <Upload
              accept=".pdf,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg"
              showUploadList={false}
              beforeUpload={(file) => {
                void upload(file);
                return false;
              }}
            >
              <Button icon={<UploadOutlined />} loading={uploading}>
                {evidence ? '重新上传' : '上传扫描件'}
              </Button>
            </Upload>
            {evidence && (
              <Typography.Text className="evidence-info" title={`SHA-256 ${evidence.sha256}`}>
                已上传：{evidence.filename}（{bytes(evidence.size)}）
              </Typography.Text>
            )}
          </Space>
        </Form.Item>
        <Row gutter={8}>
          <Col xs={24} md={8}>
            <Form.Item name="signatory" label="签发人" rules={[{ required: true, whitespace: true, message: '请填写签发人' }]}>
              <Input maxLength={50} autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="contactName" label="联系人" rules={[{ required: true, whitespace: true, message: '请填写联系人' }]}>
              <Input maxLength={50} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="contactPhone" label="联系电话" rules={[{ required: true, message: '请填写联系电话' }, { pattern: /^[0-9+()\- 转]{5,30}$/, message: '请填写正确的电话号码' }]}>
              <Input maxLength={30} />
            </Form.Item>
          </Col>
        </Row>
        {isCity && (
          <>
            {generalOfficeEnough ? (
              <Alert type="info" showIcon style={{ marginBottom: 12 }} title={`由${acting?.shortName ?? '市政府办公厅（室）'}报送，视为已经市政府同意，加盖本办公章即可。`} />
            ) : (
              <Form.Item
                name="approved"
                valuePropName="checked"
                label="市政府同意"
                required={needsStatement}
                extra={
                  needsStatement
                    ? `设区市的反馈须经市政府同意：${city?.generalOfficeSuffices ? `由${myRound.unit.name}政府办公厅（室）报送，或` : ''}注明“经市政府同意”并加盖${city?.requiredSeals.map((r) => officeName(r)).join('和')}的公章。`
                    : undefined
                }
              >
                <Checkbox>本反馈已经市政府同意（将在反馈中注明“经市政府同意”）</Checkbox>
              </Form.Item>
            )}
            <Form.Item name="seals" label="扫描件上加盖的公章" rules={[{ type: 'array', min: rules.sealRequired ? 1 : 0, message: '请选择扫描件上加盖了哪些单位的公章' }]}>
              <Checkbox.Group options={sealOptions} />
            </Form.Item>
          </>
        )}
        {!isCity && rules.sealRequired && <Typography.Paragraph type="secondary">加盖本单位（{myRound.unit.name}）公章。</Typography.Paragraph>}
        <Space wrap>
          <Button
            type="primary"
            icon={<SafetyCertificateOutlined />}
            onClick={() => void seal('with_comments')}
            loading={busy === 'seal'}
            disabled={!editable || uploading || busy !== null || (draft.kind === 'with_comments' && draft.items.length === 0)}
          >
            {draft.kind === 'no_comment' ? '加盖公章并提交（无意见）' : `加盖公章并提交（${draft.items.length} 条意见）`}
          </Button>
          {draft.kind === 'with_comments' && (
            <Button icon={<CheckCircleOutlined />} onClick={noComment} loading={busy === 'no_comment'} disabled={!editable || uploading || busy !== null} className="no-comment-button">
              本单位无意见，盖章提交
            </Button>
          )}
        </Space>
      </Form>
    </Card>
  );
}
