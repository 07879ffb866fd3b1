import { ExclamationCircleOutlined, SaveOutlined, SendOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Checkbox, Col, Form, Input, InputNumber, List, Radio, Row, Select, Space, Switch, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { useLocation, useNavigate, useSearchParams } from 'react-router-dom';
import { api, ApiError, errorText } from '../../../api/client';
import type { Coverage, DeadlineOptions, LaunchResult, Policy, Round, Unit } from '../../../api/types';
import { showFieldErrors } from '../../../components/fieldErrors';
import { PageHeader } from '../../../components/PageHeader';
import { RecipientPicker } from '../../../components/RecipientPicker';
import { roundNumberText } from '../../../format';
import { useLoad } from '../../../hooks/useLoad';
import { DeadlineField } from './DeadlineField';
import { LetterAttachmentsCard } from './LetterAttachmentsCard';
import { DEFAULTS, FIELD_ALIASES, FormValues, toBody, toForm } from './round-form';

/** The round before launch: version, letter, deadline, rules, recipients and the coverage check; 保存草稿 and 发出. */
export function RoundForm({ round, units, policies }: { round: Round | null; units: Unit[]; policies: Policy[] }) {
  const [form] = Form.useForm<FormValues>();
  const navigate = useNavigate();
  const location = useLocation();
  const [params] = useSearchParams();
  const { message, modal } = App.useApp();
  const [saving, setSaving] = useState(false);
  const [launching, setLaunching] = useState(false);
  const [dirty, setDirty] = useState(!round);
  const [coverage, setCoverage] = useState<Coverage | null>(null);
  const [ack, setAck] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const warnings = (location.state as { warnings?: { code: string; message: string }[] } | null)?.warnings ?? [];
  const mode = Form.useWatch('deadlineMode', form);
  const cityRequired = Form.useWatch(['cityApproval', 'required'], form);
  const recipientIds = Form.useWatch('recipientUnitIds', form);
  const deadlineDate = Form.useWatch('deadlineDate', form);
  const deadlineWorkdays = Form.useWatch('deadlineWorkdays', form);
  // today and N 个工作日后 by the server's clock and calendar (never the browser's)
  const deadlineOptions = useLoad(() => api.get<DeadlineOptions>('/rounds/deadline-options'), []);
  const deadlineText =
    mode === 'workdays'
      ? deadlineWorkdays
        ? `发出后第 ${deadlineWorkdays} 个工作日（${deadlineOptions.data?.options.find((o) => o.workdays === deadlineWorkdays)?.deadlineLocal ?? '发出时确定'}）`
        : '未填写'
      : deadlineDate
        ? `${deadlineDate.format('YYYY-MM-DD')} 23:59`
        : '未填写';
  const deadlinePassed = mode !== 'workdays' && !!deadlineDate && !!deadlineOptions.data && deadlineDate.format('YYYY-MM-DD') < deadlineOptions.data.today;

  const versionOptions = useMemo(
    () => policies.map((p) => ({ label: p.title, options: p.versions.map((v) => ({ value: v.id, label: `${v.title}（第${v.seq}版）` })) })),
    [policies],
  );

  const loadCoverage = async (roundId: string) => {
    try {
      const c = await api.get<Coverage>(`/rounds/${roundId}/coverage`);
      setCoverage(c);
      setAck(c.acknowledged && c.issueUnitIds.length > 0);
    } catch (err) {
      setError(errorText(err));
    }
  };

  useEffect(() => {
    if (round) void loadCoverage(round.id);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [round?.id]);

  const initial = round ? toForm(round) : { ...DEFAULTS, versionId: params.get('versionId') ?? undefined };

  /** Saves the form; returns the round id, or null when the form was refused. */
  const save = async (): Promise<string | null> => {
    let values: FormValues;
    try {
      values = await form.validateFields();
    } catch {
      setError('请先更正表单中标红的内容');
      return null;
    }
    setSaving(true);
    setError(null);
    try {
      const saved = round ? await api.patch<Round>(`/rounds/${round.id}`, toBody(values)) : await api.post<Round>('/rounds', toBody(values));
      setDirty(false);
      if (!round) {
        message.success('已保存为草稿');
        navigate(`/rounds/${saved.id}`, { replace: true });
        return null;
      }
      form.setFieldsValue(toForm(saved));
      await loadCoverage(saved.id);
      return saved.id;
    } catch (err) {
      if (!showFieldErrors(form, err, FIELD_ALIASES)) setError(errorText(err));
      else setError(errorText(err));
      return null;
    } finally {
      setSaving(false);
    }
  };

  const launch = async () => {
    if (!round) return;
    const roundId = dirty ? await save() : round.id;
    if (!roundId) return;
    const c = await api.get<Coverage>(`/rounds/${roundId}/coverage`).catch(() => coverage);
    if (c && c.issueUnitIds.length && !c.acknowledged && !ack) {
      setCoverage(c);
      setError('发出前请先核对覆盖检查提示，并勾选“已知悉”');
      document.getElementById('coverage')?.scrollIntoView({ behavior: 'smooth', block: 'center' });
      return;
    }
    if (deadlinePassed) {
      form.setFields([{ name: 'deadlineDate', errors: ['截止日期已过，请重新选择（可点选“N 个工作日后”）'] }]);
      setError('截止日期已过，请先重新选择截止日期');
      return;
    }
    const count = form.getFieldValue('recipientUnitIds')?.length ?? 0;
    modal.confirm({
      title: '确认发出征求意见？',
      icon: <ExclamationCircleOutlined />,
      content: `将向 ${count} 个单位发送征求意见函，反馈截止 ${deadlineText}（北京时间），并按催办规则自动提醒。发出后征求意见稿锁定，征求对象和规则不能再修改。`,
      okText: '确认发出',
      cancelText: '再看看',
      onOk: async () => {
        setLaunching(true);
        try {
          const res = await api.post<LaunchResult>(`/rounds/${roundId}/launch`, { acknowledgedUnitIds: c?.issueUnitIds ?? [] });
          message.success(`已发出：${res.recipients} 个单位，${res.letters} 封征求意见函，截止 ${res.deadlineLocal}`);
          navigate(`/rounds/${roundId}/board`);
        } catch (err) {
          if (err instanceof ApiError && err.code === 'DEADLINE_PASSED') form.setFields([{ name: 'deadlineDate', errors: [err.message] }]);
          setError(errorText(err));
        } finally {
          setLaunching(false);
        }
      },
    });
  };

  const flagged = useMemo(() => new Set(coverage?.notRecipients.map((u) => u.unitId) ?? []), [coverage]);
  const addToRecipients = (unitId: string) => {
    const ids: string[] = form.getFieldValue('recipientUnitIds') ?? [];
    if (!ids.includes(unitId)) form.setFieldValue('recipientUnitIds', [...ids, unitId]);
    setDirty(true);
  };

  const issues = coverage ? coverage.notRecipients.length + coverage.unnotifiable.length : 0;

  return (
    <>
      <PageHeader
        title={round ? `编辑轮次：${round.title}` : '新建征求意见轮次'}
        crumbs={[{ label: '轮次', to: '/rounds' }, { label: round ? roundNumberText(round.roundNumber) : '新建' }]}
        extra={
          <>
            {round && <Tag>{round.statusLabel}</Tag>}
            <Button icon={<SaveOutlined />} onClick={() => void save()} loading={saving}>
              保存草稿
            </Button>
            {round && (
              <Button type="primary" icon={<SendOutlined />} onClick={() => void launch()} loading={launching} disabled={saving}>
                发出征求意见
              </Button>
            )}
          </>
        }
        sub={round ? `截止 ${deadlineText}（北京时间）· 征求对象 ${recipientIds?.length ?? round.recipientCount} 家` : '填写后先保存为草稿，核对覆盖检查后再发出。'}
      />
      {warnings.length > 0 && (
        <Alert
          type="info"
          showIcon
          closable
          style={{ marginBottom: 16 }}
          title="已按征求意见函预填，请逐项核对"
          description={
            <ul className="plain-list">
              {warnings.map((w, i) => (
                <li key={i}>{w.message}</li>
              ))}
            </ul>
          }
        />
      )}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" closable={{ onClose: () => setError(null) }} />}
      <Form form={form} layout="vertical" initialValues={initial} onValuesChange={() => setDirty(true)} scrollToFirstError>
        <Row gutter={16}>
          <Col xs={24} xl={14}>
            <Card title="基本信息" size="small">
              <Form.Item label="征求意见稿" name="versionId" rules={[{ required: true, message: '请选择征求意见稿版本' }]}>
                <Select options={versionOptions} placeholder="选择文件版本" showSearch={{ optionFilterProp: 'label' }} />
              </Form.Item>
              <Row gutter={12}>
                <Col xs={24} md={18}>
                  <Form.Item label="标题（征求意见函）" name="title">
                    <Input placeholder="留空则为：关于征求《…》意见的函" maxLength={300} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={6}>
                  <Form.Item label="第几次征求意见" name="roundNumber">
                    <InputNumber min={1} max={99} style={{ width: '100%' }} placeholder="自动" />
                  </Form.Item>
                </Col>
              </Row>
              <Form.Item label="征求意见函正文" name="letterText" extra="各单位在反馈页面看到的函件正文">
                <Input.TextArea rows={8} />
              </Form.Item>
              <Row gutter={12}>
                <Col xs={24} md={12}>
                  <Form.Item label="联系人" name="contactName">
                    <Input maxLength={50} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item label="联系电话" name="contactPhone">
                    <Input maxLength={100} />
                  </Form.Item>
                </Col>
              </Row>
            </Card>
            <Card title="征求对象" size="small" style={{ marginTop: 16 }}>
              <Form.Item name="recipientUnitIds" rules={[{ type: 'array', min: 1, message: '请至少选择一个征求对象' }]} noStyle={false}>
                <RecipientPicker units={units} flagged={flagged} />
              </Form.Item>
            </Card>
            {round && <LetterAttachmentsCard roundId={round.id} editable={round.status === 'draft'} />}
          </Col>
          <Col xs={24} xl={10}>
            <Card title="反馈截止" size="small">
              <Form.Item name="deadlineMode">
                <Radio.Group
                  options={[
                    { value: 'date', label: '指定日期' },
                    { value: 'workdays', label: '发出后若干个工作日' },
                  ]}
                  optionType="button"
                />
              </Form.Item>
              {mode === 'workdays' ? (
                <Form.Item label="工作日数" name="deadlineWorkdays" rules={[{ required: true, message: '请填写工作日数' }]} extra="按国家法定节假日和调休安排计算，发出时确定截止日期">
                  <InputNumber min={1} max={120} addonAfter="个工作日" style={{ width: 220 }} />
                </Form.Item>
              ) : (
                <DeadlineField
                  passed={deadlinePassed}
                  options={deadlineOptions.data?.options ?? []}
                  onPick={(date) => {
                    form.setFieldValue('deadlineDate', dayjs(date));
                    form.setFields([{ name: 'deadlineDate', errors: [] }]);
                    setDirty(true);
                  }}
                />
              )}
            </Card>
            <Card title="反馈要求" size="small" style={{ marginTop: 16 }}>
              <Form.Item name="sealRequired" label="须加盖公章" valuePropName="checked">
                <Switch checkedChildren="须盖章" unCheckedChildren="不要求" />
              </Form.Item>
              <Form.Item name={['cityApproval', 'required']} label="设区市反馈须经市政府同意" valuePropName="checked">
                <Switch checkedChildren="须同意" unCheckedChildren="不要求" />
              </Form.Item>
              {cityRequired && (
                <>
                  <Form.Item name={['cityApproval', 'generalOfficeSuffices']} valuePropName="checked">
                    <Checkbox>由市政府办公厅（室）反馈即可</Checkbox>
                  </Form.Item>
                  <Form.Item name={['cityApproval', 'requiredSeals']} label="由部门反馈时，注明“经市政府同意”并加盖以下单位公章">
                    <Checkbox.Group
                      options={[
                        { value: 'construction_authority', label: '市建设局（建委）' },
                        { value: 'beautiful_towns_office', label: '市美丽城镇办' },
                        { value: 'general_office', label: '市政府办公厅（室）' },
                      ]}
                    />
                  </Form.Item>
                </>
              )}
              <Form.Item name="silenceRule" label="未反馈的处理">
                <Radio.Group>
                  <Space orientation="vertical">
                    <Radio value="no_comment_must_be_written">无意见也请书面反馈（无意见须盖章回复）</Radio>
                    <Radio value="silence_is_no_comment">逾期未反馈视为无意见</Radio>
                  </Space>
                </Radio.Group>
              </Form.Item>
              <Form.Item name="escalationEmails" label="电话催办名单（逾期后通知，邮箱）">
                <Select mode="tags" tokenSeparators={[',', '，', ' ']} placeholder="输入邮箱后回车" open={false} suffixIcon={null} />
              </Form.Item>
            </Card>
            {round && (
              <Card
                id="coverage"
                title={
                  <Space>
                    覆盖检查
                    {coverage && (issues ? <Tag color="orange">{issues} 项提示</Tag> : <Tag color="green">无问题</Tag>)}
                  </Space>
                }
                size="small"
                style={{ marginTop: 16 }}
                extra={dirty ? <Typography.Text type="warning">有未保存的修改，保存后重新检查</Typography.Text> : null}
              >
                {!coverage ? (
                  <Typography.Text type="secondary">正在检查…</Typography.Text>
                ) : issues === 0 ? (
                  <Alert type="success" showIcon title="草案中的责任单位均在征求对象中，所有征求对象都能收到通知。" />
                ) : (
                  <Space orientation="vertical" style={{ width: '100%' }}>
                    {coverage.notRecipients.length > 0 && (
                      <Alert
                        type="warning"
                        showIcon
                        title={`${coverage.notRecipients.length} 个责任单位不在征求对象中`}
                        description={
                          <List
                            size="small"
                            dataSource={coverage.notRecipients}
                            renderItem={(u) => (
                              <List.Item
                                actions={[
                                  <Button key="add" size="small" onClick={() => addToRecipients(u.unitId)} disabled={recipientIds?.includes(u.unitId)}>
                                    {recipientIds?.includes(u.unitId) ? '已加入（待保存）' : '加入征求对象'}
                                  </Button>,
                                ]}
                              >
                                <List.Item.Meta title={<span className="coverage-unit">{u.name}</span>} description={`草案中负责：${u.clauses.join('；')}`} />
                              </List.Item>
                            )}
                          />
                        }
                      />
                    )}
                    {coverage.unnotifiable.length > 0 && (
                      <Alert type="warning" showIcon title="以下征求对象没有联系邮箱，无法通过系统通知" description={coverage.unnotifiable.map((u) => u.name).join('、')} />
                    )}
                    <Checkbox checked={ack} onChange={(e) => setAck(e.target.checked)}>
                      已知悉以上情况，仍按当前名单发出
                    </Checkbox>
                  </Space>
                )}
                {coverage && coverage.unresolvedNames.length > 0 && (
                  <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
                    未在单位目录中找到的责任单位名称：{coverage.unresolvedNames.map((u) => u.name).join('、')}
                  </Typography.Paragraph>
                )}
              </Card>
            )}
          </Col>
        </Row>
      </Form>
    </>
  );
}
