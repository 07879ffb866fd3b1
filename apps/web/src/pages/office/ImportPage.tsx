import { FileWordOutlined, InboxOutlined, ReloadOutlined, SaveOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Empty, Form, Input, List, Row, Space, Spin, Statistic, Tabs, Typography, Upload } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { api, errorText } from '../../api/client';
import type { ImportPreview, ImportSummary, Policy } from '../../api/types';
import { ClauseBlock } from '../../components/clauses/ClauseBlock';
import { countParsed, estimateClauseHeight, flattenTree } from '../../components/clauses/rows';
import { LetterFactsView } from '../../components/LetterFactsView';
import { PageHeader } from '../../components/PageHeader';
import { VirtualList } from '../../components/VirtualList';

function readBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(new Error('无法读取文件'));
    reader.readAsDataURL(file);
  });
}

export function ImportPage() {
  const [params] = useSearchParams();
  const policyId = params.get('policyId') ?? undefined;
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [tab, setTab] = useState<'text' | 'docx'>('text');
  const [text, setText] = useState('');
  const [docx, setDocx] = useState<{ name: string; base64: string } | null>(null);
  const [label, setLabel] = useState('');
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [previewing, setPreviewing] = useState(false);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [policyTitle, setPolicyTitle] = useState<string | null>(null);
  const textArea = useRef<HTMLTextAreaElement | null>(null);
  const previewedSource = useRef<string>('');

  useEffect(() => {
    if (!policyId) return;
    api.get<Policy>(`/policies/${policyId}`).then((p) => setPolicyTitle(p.title), () => setPolicyTitle(null));
  }, [policyId]);

  const source = () => (tab === 'text' ? (text.trim() ? { text } : null) : docx ? { docxBase64: docx.base64 } : null);

  const runPreview = async () => {
    const body = source();
    if (!body) {
      setError(tab === 'text' ? '请先粘贴征求意见稿（或征求意见函全文）' : '请先选择 .docx 文件');
      return;
    }
    setPreviewing(true);
    setError(null);
    try {
      previewedSource.current = tab === 'text' ? text : (docx?.base64 ?? '');
      setPreview(await api.post<ImportPreview>('/policies/import/preview', body));
    } catch (err) {
      setError(errorText(err));
    } finally {
      setPreviewing(false);
    }
  };

  // after the first preview, edits to the pasted text re-parse by themselves: fix the source, see the tree change
  useEffect(() => {
    if (!preview || tab !== 'text' || text === previewedSource.current || !text.trim()) return;
    const timer = setTimeout(() => void runPreview(), 900);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [text]);

  const save = async () => {
    const body = source();
    if (!body) return;
    setSaving(true);
    setError(null);
    try {
      const res = await api.post<ImportSummary>('/policies/import', { ...body, ...(label.trim() ? { label: label.trim() } : {}), ...(policyId ? { policyId } : {}) });
      message.success(`已导入《${res.title}》，共 ${res.clauseCount} 个条款`);
      navigate(`/versions/${res.versionId}`);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setSaving(false);
    }
  };

  const goToLine = (line: number) => {
    const el = textArea.current;
    if (!el || tab !== 'text') return;
    const lines = text.split('\n');
    const start = lines.slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0);
    el.focus();
    el.setSelectionRange(start, start + (lines[line - 1]?.length ?? 0));
    el.scrollTop = Math.max(0, (line - 5) * 22);
  };

  const rows = useMemo(() => (preview ? flattenTree(preview.clauses) : []), [preview]);

  return (
    <>
      <PageHeader
        title={policyTitle ? `导入新版本：${policyTitle}` : '导入征求意见稿'}
        crumbs={[{ label: '文件', to: '/policies' }, { label: '导入' }]}
        sub="粘贴文本（可连同征求意见函一起粘贴）或上传 .docx，先预览解析结果：左侧为原文，右侧为识别出的条款、责任单位（牵头单位已标出）。识别有误时直接在左侧修改原文，右侧会自动重新解析；确认无误后保存。"
      />
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" closable={{ onClose: () => setError(null) }} />}
      <Row gutter={16}>
        <Col xs={24} lg={11}>
          <Card
            title="原文"
            className="import-source"
            extra={
              <Space>
                <Button icon={<ReloadOutlined />} onClick={runPreview} loading={previewing}>
                  解析预览
                </Button>
              </Space>
            }
          >
            <Tabs
              activeKey={tab}
              onChange={(k) => setTab(k as 'text' | 'docx')}
              items={[
                {
                  key: 'text',
                  label: '粘贴文本',
                  children: (
                    <Input.TextArea
                      ref={(r) => {
                        textArea.current = r?.resizableTextArea?.textArea ?? null;
                      }}
                      aria-label="征求意见稿原文"
                      value={text}
                      onChange={(e) => setText(e.target.value)}
                      placeholder="在此粘贴征求意见稿全文，例如：关于全面推进现代化美丽城镇建设的意见（二次征求意见稿）……"
                      className="source-textarea"
                      spellCheck={false}
                    />
                  ),
                },
                {
                  key: 'docx',
                  label: '上传 .docx',
                  children: (
                    <>
                      <Upload.Dragger
                        accept=".docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
                        maxCount={1}
                        showUploadList={false}
                        beforeUpload={async (file) => {
                          try {
                            setDocx({ name: file.name, base64: await readBase64(file) });
                            setPreview(null);
                          } catch (err) {
                            setError(errorText(err));
                          }
                          return false;
                        }}
                      >
                        <p className="ant-upload-drag-icon">
                          <InboxOutlined />
                        </p>
                        <p>点击或拖入 Word 文件（.docx）</p>
                        <p className="ant-upload-hint">.doc 旧格式请先在 Word 中另存为 .docx</p>
                      </Upload.Dragger>
                      {docx && (
                        <Alert style={{ marginTop: 12 }} type="info" showIcon icon={<FileWordOutlined />} title={`已选择：${docx.name}`} description="Word 文件的识别结果有误时，请在 Word 中修改后重新上传，或改用“粘贴文本”修改。" />
                      )}
                    </>
                  ),
                },
              ]}
            />
            <Form layout="vertical" style={{ marginTop: 12 }}>
              <Form.Item label="版本名称" htmlFor="import-label" extra="留空则按标题中的“（…稿）”命名，如 二次征求意见稿">
                <Input id="import-label" value={label} onChange={(e) => setLabel(e.target.value)} placeholder="如：征求意见稿、二次征求意见稿、送审稿" maxLength={50} />
              </Form.Item>
            </Form>
          </Card>
        </Col>
        <Col xs={24} lg={13}>
          <Card
            title="解析结果"
            extra={
              <Button type="primary" icon={<SaveOutlined />} disabled={!preview || previewing} loading={saving} onClick={save}>
                保存导入
              </Button>
            }
          >
            <Spin spinning={previewing}>
              {!preview ? (
                <Empty description="粘贴原文或上传文件后，点击“解析预览”" />
              ) : (
                <Space orientation="vertical" style={{ width: '100%' }} size={12}>
                  <Typography.Title level={4} style={{ margin: 0 }}>
                    {preview.title || '（未识别到标题）'}
                  </Typography.Title>
                  <Space size={24} wrap>
                    <Statistic title="条款" value={countParsed(preview.clauses)} />
                    <Statistic title="一级标题" value={preview.clauses.length} />
                    <Statistic title="编号方式" value={preview.numbering.items === 'continuous' ? '条目连续编号' : '各节重新编号'} />
                    <Statistic title="提示" value={preview.warnings.length} />
                  </Space>
                  {preview.warnings.length > 0 && (
                    <Alert
                      type="warning"
                      showIcon
                      title={`有 ${preview.warnings.length} 处需要核对`}
                      description={
                        <List
                          size="small"
                          dataSource={preview.warnings}
                          renderItem={(w) => (
                            <List.Item>
                              {w.line && tab === 'text' ? (
                                <Button type="link" size="small" onClick={() => goToLine(w.line!)} style={{ padding: 0 }}>
                                  第 {w.line} 行
                                </Button>
                              ) : w.line ? (
                                <span>第 {w.line} 段</span>
                              ) : null}{' '}
                              {w.message}
                            </List.Item>
                          )}
                        />
                      }
                    />
                  )}
                  {preview.letter && (
                    <Card size="small" title="识别到的征求意见函">
                      <LetterFactsView letter={preview.letter} />
                    </Card>
                  )}
                  <VirtualList
                    aria-label="解析出的条款"
                    className="clause-list"
                    height="60vh"
                    items={rows}
                    itemKey={(r) => r.key}
                    estimate={estimateClauseHeight}
                    render={(r) => <ClauseBlock row={r} />}
                  />
                </Space>
              )}
            </Spin>
          </Card>
        </Col>
      </Row>
    </>
  );
}
