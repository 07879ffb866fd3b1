import { FileSearchOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Checkbox, DatePicker, Drawer, Form, Input, Radio, Select, Space, Table, Tag, Upload, message } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { api, errorText } from '../../../api/client';
import type { BoardRecipient, ClauseNode, DraftItem, EvidenceFile, ParsedReplyItem, ParsedReplyTable, SealedReceipt, Unit as UnitSummary } from '../../../api/types';
import { ClausePicker, clauseChoices, type ClauseChoice } from '../../../components/clauses/ClausePicker';

const CHANNELS = [
  { value: 'paper', label: '纸质' },
  { value: 'oa_exchange', label: 'OA公文交换' },
  { value: 'fax', label: '传真' },
  { value: 'email', label: '电子邮件' },
];
const KINDS = [
  { value: 'modify', label: '修改' },
  { value: 'delete', label: '删除' },
  { value: 'add', label: '新增' },
  { value: 'other', label: '其他' },
];

interface Props {
  roundId: string;
  /** the round's version: its clauses are what an unresolved row can be pointed at */
  versionId: string;
  recipient: BoardRecipient | null;
  onClose: (done: boolean) => void;
}

/** An item as staff check it: `where` it points, and for a row read from the table, what the table said (`parsed`) and why it did not resolve. */
type Row = DraftItem & { where: string; why?: string; parsed?: ParsedReplyItem };

/**
 * 代为录入: office staff record a unit's letter received on paper / through OA / by fax / by e-mail —
 * the scan beside the items pre-filled from the unit's table, checked and fixed, then sealed as received.
 */
export function ProxyReplyDrawer({ roundId, versionId, recipient, onClose }: Props) {
  const [scan, setScan] = useState<EvidenceFile | null>(null);
  const [scanUrl, setScanUrl] = useState<string | null>(null);
  const [rows, setRows] = useState<Row[]>([]);
  const [noComment, setNoComment] = useState(false);
  const [offices, setOffices] = useState<UnitSummary[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [tree, setTree] = useState<ClauseNode[]>([]);
  const choices = useMemo(() => clauseChoices(tree), [tree]);
  const [form] = Form.useForm();
  const isCity = recipient?.kind === 'prefecture_city';

  useEffect(() => {
    setScan(null);
    setScanUrl(null);
    setRows([]);
    setNoComment(false);
    setError(null);
    form.resetFields();
    if (recipient?.kind === 'prefecture_city') {
      void api.get<UnitSummary[]>('/units').then((units) => setOffices(units.filter((u) => u.parentId === recipient.unitId)), () => setOffices([]));
    } else setOffices([]);
  }, [recipient, form]);
  useEffect(() => {
    if (recipient && !tree.length) void api.get<ClauseNode[]>(`/versions/${versionId}/clauses`).then(setTree, (e) => setError(errorText(e)));
  }, [recipient, versionId, tree.length]);
  useEffect(() => () => void (scanUrl && URL.revokeObjectURL(scanUrl)), [scanUrl]);

  if (!recipient) return null;
  const base = `/rounds/${roundId}/recipients/${recipient.unitId}`;

  const uploadScan = async (file: File) => {
    setError(null);
    try {
      const stored = await api.upload<EvidenceFile>(`${base}/evidence`, file);
      setScan(stored);
      setScanUrl(URL.createObjectURL(await api.blob(`/rounds/${roundId}/evidence/${stored.id}`)));
    } catch (e) {
      setError(errorText(e));
    }
    return false;
  };

  const uploadTable = async (file: File) => {
    setError(null);
    try {
      const parsed = await api.upload<ParsedReplyTable>(`/rounds/${roundId}/reply-table`, file);
      setNoComment(parsed.noComment);
      setRows(
        parsed.draftItems.map((d, i) => ({
          ...d,
          where: parsed.items[i]?.resolved ? parsed.items[i].clausePath.join('') || '总体意见' : `未对应：${parsed.items[i]?.clauseLabel ?? ''}`,
          why: parsed.items[i]?.why,
          parsed: parsed.items[i],
        })),
      );
      form.setFieldsValue({
        signatory: parsed.signatory ?? form.getFieldValue('signatory'),
        contactName: parsed.contact ?? form.getFieldValue('contactName'),
        contactPhone: parsed.phone ?? form.getFieldValue('contactPhone'),
        approval: parsed.statesCityApproval || form.getFieldValue('approval'),
      });
      message.success(`已读取 ${parsed.items.length} 条意见，请对照扫描件核对`);
    } catch (e) {
      setError(errorText(e));
    }
    return false;
  };

  const update = (key: string, patch: Partial<Row>) => setRows((all) => all.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  /**
   * Staff point a row at a clause (an unresolved one, or a correction): it then counts as resolved —
   * the table's kind and quote come back and the 【原表所指】 note leaves the reason. Cleared: a general comment.
   */
  const pointAt = (row: Row, choice: ClauseChoice | null) => {
    const p = row.parsed;
    const reason = row.reason.replace(/^【原表所指：[^】]*】/, '');
    if (!choice) return update(row.key, { clauseId: null, where: '总体意见', why: undefined, kind: row.kind === 'modify' || row.kind === 'delete' ? 'other' : row.kind, quote: '', reason });
    update(row.key, { clauseId: choice.id, where: choice.path, why: undefined, kind: p && !p.resolved ? p.kind : row.kind, quote: p && !p.resolved ? (p.quote ?? row.quote) : row.quote, reason });
  };
  const unresolved = rows.filter((r) => r.why).length;

  const submit = async () => {
    const v = await form.validateFields();
    if (!scan) return setError('请先上传盖章来函的扫描件');
    const acting = offices.find((o) => o.id === v.actingUnitId);
    const role = acting?.officeRole ?? 'unit';
    setBusy(true);
    setError(null);
    try {
      const receipt = await api.post<SealedReceipt>(`${base}/recorded-reply`, {
        actingUnitId: v.actingUnitId ?? null,
        channel: v.channel,
        receivedOn: v.receivedOn.format('YYYY-MM-DD'),
        kind: noComment ? 'no_comment' : 'with_comments',
        items: noComment ? [] : rows.map(({ where: _w, why: _y, parsed: _p, ...item }) => item),
        signatory: v.signatory,
        contactName: v.contactName,
        contactPhone: v.contactPhone,
        seals: [{ role, evidenceFileId: scan.id }],
        attestation: isCity ? { channel: role === 'general_office' ? 'general_office' : 'department', statement: v.approval ? '经市政府同意' : null } : null,
      });
      message.success(`已代为录入并签收，回执编号 ${receipt.trackingNo}`);
      onClose(true);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Drawer title={`代为录入：${recipient.name}的书面反馈`} open size="large" width="92vw" onClose={() => onClose(false)} destroyOnHidden>
      <div className="proxy-reply" style={{ display: 'flex', gap: 16, alignItems: 'stretch', minHeight: '70vh' }}>
        <section aria-label="来函扫描件" style={{ flex: 1, minWidth: 0, display: 'flex', flexDirection: 'column', gap: 8 }}>
          <Upload accept=".pdf,.png,.jpg,.jpeg" showUploadList={false} beforeUpload={uploadScan}>
            <Button icon={<UploadOutlined />}>{scan ? '更换扫描件' : '上传盖章来函扫描件（PDF/JPG/PNG）'}</Button>
          </Upload>
          {scan && <span className="muted">{scan.filename}（SHA-256 {scan.sha256.slice(0, 12)}…）</span>}
          {scanUrl ? (
            scan?.mime === 'application/pdf' ? (
              <iframe title="来函扫描件" src={scanUrl} style={{ flex: 1, border: '1px solid #ddd', minHeight: 500 }} />
            ) : (
              <img alt="来函扫描件" src={scanUrl} style={{ maxWidth: '100%', border: '1px solid #ddd' }} />
            )
          ) : (
            <Alert type="info" showIcon message="扫描件将显示在这里，便于逐条核对" />
          )}
        </section>
        <section aria-label="录入内容" style={{ flex: 1.3, minWidth: 0 }}>
          {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
          <Space wrap style={{ marginBottom: 12 }}>
            <Upload accept=".docx,.xlsx,.txt,.pdf" showUploadList={false} beforeUpload={uploadTable}>
              <Button icon={<FileSearchOutlined />}>读取随函的反馈意见表（Word/Excel）</Button>
            </Upload>
            <Checkbox checked={noComment} onChange={(e) => setNoComment(e.target.checked)}>
              来函为“无意见”
            </Checkbox>
          </Space>
          {!noComment && (
            <>
              {unresolved > 0 && (
                <Alert
                  type="warning"
                  showIcon
                  style={{ marginBottom: 8 }}
                  message={`${unresolved} 条意见未能对应到条款：请对照扫描件选择条款；不选择的，作为总体意见录入`}
                />
              )}
              <Table<Row>
                rowKey="key"
                size="small"
                pagination={false}
                dataSource={rows}
                columns={[
                  {
                    title: '条款',
                    key: 'where',
                    width: 220,
                    render: (r) => (
                      <Space orientation="vertical" size={2} style={{ width: '100%' }}>
                        {r.why && (
                          <Tag color="orange" title={r.why} style={{ whiteSpace: 'normal' }}>
                            {r.where}（{r.why}）
                          </Tag>
                        )}
                        <ClausePicker choices={choices} value={r.clauseId} onChange={(c) => pointAt(r, c)} placeholder={r.why ? '请选择对应条款' : '总体意见（可选择条款）'} ariaLabel={`第 ${rows.indexOf(r) + 1} 条意见的条款`} />
                      </Space>
                    ),
                  },
                  { title: '类型', key: 'kind', width: 90, render: (r) => <Select size="small" value={r.kind} options={KINDS} onChange={(kind) => update(r.key, { kind })} aria-label="意见类型" /> },
                  { title: '原文', key: 'quote', render: (r) => <Input.TextArea autoSize value={r.quote} onChange={(e) => update(r.key, { quote: e.target.value })} aria-label="原文" /> },
                  { title: '意见/建议修改为', key: 'proposal', render: (r) => <Input.TextArea autoSize value={r.proposedText} onChange={(e) => update(r.key, { proposedText: e.target.value })} aria-label="意见" /> },
                  { title: '理由', key: 'reason', render: (r) => <Input.TextArea autoSize value={r.reason} onChange={(e) => update(r.key, { reason: e.target.value })} aria-label="理由" /> },
                  { title: '', key: 'del', width: 50, render: (r) => <Button size="small" danger type="link" onClick={() => setRows((all) => all.filter((x) => x.key !== r.key))}>删除</Button> },
                ]}
              />
              <Button
                icon={<PlusOutlined />}
                style={{ marginTop: 8 }}
                onClick={() => setRows((all) => [...all, { key: crypto.randomUUID(), clauseId: null, quote: '', kind: 'other', proposedText: '', reason: '', where: '总体意见' }])}
              >
                添加一条总体意见
              </Button>
            </>
          )}
          <Form form={form} layout="vertical" style={{ marginTop: 16 }} initialValues={{ channel: 'oa_exchange' }}>
            <Form.Item name="channel" label="收文渠道" rules={[{ required: true }]}>
              <Radio.Group options={CHANNELS} optionType="button" />
            </Form.Item>
            <Form.Item name="receivedOn" label="收文日期" rules={[{ required: true, message: '请选择收文日期' }]}>
              <DatePicker />
            </Form.Item>
            {isCity && (
              <>
                <Form.Item name="actingUnitId" label="来函单位（扫描件上的公章）">
                  <Select allowClear placeholder={recipient.name} options={offices.map((o) => ({ value: o.id, label: o.shortName }))} />
                </Form.Item>
                <Form.Item name="approval" valuePropName="checked">
                  <Checkbox>来函注明“经市政府同意”</Checkbox>
                </Form.Item>
              </>
            )}
            <Space wrap>
              <Form.Item name="signatory" label="签发人" rules={[{ required: true, message: '请填写签发人' }]}>
                <Input />
              </Form.Item>
              <Form.Item name="contactName" label="联系人" rules={[{ required: true, message: '请填写联系人' }]}>
                <Input />
              </Form.Item>
              <Form.Item name="contactPhone" label="联系电话" rules={[{ required: true, message: '请填写联系电话' }]}>
                <Input />
              </Form.Item>
            </Space>
            <Button type="primary" loading={busy} onClick={() => void submit()}>
              核对无误，代为录入并签收
            </Button>
          </Form>
        </section>
      </div>
    </Drawer>
  );
}
