import { AimOutlined, FileWordOutlined, InboxOutlined, ReloadOutlined, SaveOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Empty, Form, Input, List, Row, Space, Spin, Statistic, Tabs, Typography, Upload } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { api, errorText } from '../../api/client';
import type { ImportPreview, ImportSummary, ParsedClause, Policy } from '../../api/types';
import { ClauseBlock } from '../../components/clauses/ClauseBlock';
import { ClauseFixActions, type TreeOperation } from '../../components/clauses/ClauseFixActions';
import { countParsed, estimateClauseHeight, flattenTree } from '../../components/clauses/rows';
import { LetterFactsView } from '../../components/LetterFactsView';
import { PageHeader } from '../../components/PageHeader';
import { VirtualList, VirtualListHandle } from '../../components/VirtualList';

function readBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(new Error('无法读取文件'));
    reader.readAsDataURL(file);
  });
}

/**
 * Where line `line` (1-based) of a textarea's value starts, in pixels from the top of its content,
 * with the wrapping the textarea really does: a hidden copy of the same width, font and padding is
 * filled with the text before that line and measured.
 */
function lineTop(el: HTMLTextAreaElement, before: string): number {
  const style = getComputedStyle(el);
  const mirror = document.createElement('div');
  for (const p of ['fontFamily', 'fontSize', 'fontWeight', 'lineHeight', 'letterSpacing', 'paddingLeft', 'paddingRight', 'paddingTop', 'borderLeftWidth', 'borderRightWidth', 'boxSizing', 'wordBreak', 'overflowWrap', 'tabSize'] as const) mirror.style[p] = style[p];
  Object.assign(mirror.style, { position: 'absolute', visibility: 'hidden', whiteSpace: 'pre-wrap', top: '0', left: '-9999px', width: `${el.clientWidth}px`, boxSizing: 'border-box', borderStyle: 'none' });
  mirror.textContent = before;
  document.body.appendChild(mirror);
  const top = before ? mirror.scrollHeight - parseFloat(style.paddingTop || '0') : 0;
  mirror.remove();
  return top;
}

export function ImportPage() {
  const [params] = useSearchParams();
  const policyId = params.get('policyId') ?? undefined;
  const navigate = useNavigate();
  const { message, modal } = App.useApp();
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
  const list = useRef<VirtualListHandle>(null);
  /** corrections made on the parsed tree: from then on, what is saved is that tree */
  const [corrections, setCorrections] = useState(0);
  /** the clause a warning was followed to */
  const [focused, setFocused] = useState<string | null>(null);

  useEffect(() => {
    if (!policyId) return;
    api.get<Policy>(`/policies/${policyId}`).then((p) => setPolicyTitle(p.title), () => setPolicyTitle(null));
  }, [policyId]);

  // a file goes as it is: the server tells .docx, .doc, a text PDF and plain text apart by content
  const source = () => (tab === 'text' ? (text.trim() ? { text } : null) : docx ? { fileBase64: docx.base64, fileName: docx.name } : null);

  const runPreview = async (confirmed = false) => {
    const body = source();
    if (corrections > 0 && !confirmed) {
      modal.confirm({
        title: '重新解析原文？',
        content: `已在解析结果中修正 ${corrections} 处；按原文重新解析将放弃这些修正。`,
        okText: '重新解析',
        cancelText: '保留修正',
        onOk: () => runPreview(true),
      });
      return;
    }
    if (!body) {
      setError(tab === 'text' ? '请先粘贴征求意见稿（或征求意见函全文）' : '请先选择文件（.docx、.doc、PDF 或文本）');
      return;
    }
    setPreviewing(true);
    setError(null);
    try {
      previewedSource.current = tab === 'text' ? text : (docx?.base64 ?? '');
      setPreview(await api.post<ImportPreview>('/policies/import/preview', body));
      setCorrections(0);
      setFocused(null);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setPreviewing(false);
    }
  };

  // after the first preview, edits to the pasted text re-parse by themselves: fix the source, see the tree change
  useEffect(() => {
    if (!preview || corrections > 0 || tab !== 'text' || text === previewedSource.current || !text.trim()) return;
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
      // the tree as the office sees it (corrected or not) is what is saved; the source gives the title and the letter
      const res = await api.post<ImportSummary>('/policies/import', {
        ...body,
        ...(label.trim() ? { label: label.trim() } : {}),
        ...(policyId ? { policyId } : {}),
        ...(preview ? { clauses: preview.clauses, numbering: preview.numbering.items } : {}),
      });
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
    // measured with the textarea's own wrapping: long lines take several rows on screen
    el.scrollTop = Math.max(0, lineTop(el, text.slice(0, start)) - el.clientHeight / 3);
  };

  const rows = useMemo(() => (preview ? flattenTree(preview.clauses) : []), [preview]);

  /** A warning names its clause by key: scroll the tree to it and mark it (and the source line, for pasted text). */
  const goToClause = (key: string, line?: number) => {
    const index = rows.findIndex((r) => r.clauseKey === key);
    if (index < 0) return;
    setFocused(key);
    list.current?.scrollToIndex(index);
    if (line) goToLine(line);
  };

  // corrections go one after the other, each on the tree the one before returned (two quick clicks on two rows lose nothing)
  const latest = useRef<ImportPreview | null>(null);
  latest.current = preview;
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  const applyFix = (operations: TreeOperation[]): Promise<void> => {
    const run = queue.current.catch(() => undefined).then(async () => {
      const current = latest.current;
      if (!current) return;
      const clauses = await api.post<ParsedClause[]>('/policies/import/preview/edit', { clauses: current.clauses, numbering: current.numbering.items, operations });
      latest.current = { ...current, clauses };
      setPreview(latest.current);
      setCorrections((n) => n + operations.length);
    });
    queue.current = run;
    return run;
  };
  const warningClauses = useMemo(() => new Set(rows.map((r) => r.clauseKey)), [rows]);

  return (
    <>
      <PageHeader
        title={policyTitle ? `导入新版本：${policyTitle}` : '导入征求意见稿'}
        crumbs={[{ label: '文件', to: '/policies' }, { label: '导入' }]}
        sub="粘贴文本（可连同征求意见函一起粘贴）或上传文件（.docx、.doc、可复制文字的 PDF），先预览解析结果：左侧为原文，右侧为识别出的条款、责任单位（牵头单位已标出）。识别有误时在右侧逐条修正（升级、降级、拆分、合并、改类型、改文字、移动责任单位、设牵头单位），无需改原文；确认无误后保存，保存的就是右侧的条款树。"
      />
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" closable={{ onClose: () => setError(null) }} />}
      <Row gutter={16}>
        <Col xs={24} lg={11}>
          <Card
            title="原文"
            className="import-source"
            extra={
              <Space>
                <Button icon={<ReloadOutlined />} onClick={() => void runPreview()} loading={previewing}>
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
                  label: '上传文件',
                  children: (
                    <>
                      <Upload.Dragger
                        accept=".docx,.doc,.pdf,.txt,application/vnd.openxmlformats-officedocument.wordprocessingml.document,application/msword,application/pdf,text/plain"
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
                        <p>点击或拖入征求意见稿文件（.docx、.doc、PDF、文本）</p>
                        <p className="ant-upload-hint">扫描件（图片或扫描 PDF）没有文字，无法解析，请提供 Word 文件或可复制文字的 PDF</p>
                      </Upload.Dragger>
                      {docx && (
                        <Alert style={{ marginTop: 12 }} type="info" showIcon icon={<FileWordOutlined />} title={`已选择：${docx.name}`} description="识别有误时，在右侧解析结果中逐条修正即可，无需修改文件。" />
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
                              {w.clause && warningClauses.has(w.clause) ? (
                                <Button type="link" size="small" icon={<AimOutlined />} onClick={() => goToClause(w.clause!, tab === 'text' ? w.line : undefined)} style={{ padding: 0 }} aria-label={`定位到条款：${w.message}`}>
                                  {w.line ? `第 ${w.line} ${tab === 'text' ? '行' : '段'}` : '定位'}
                                </Button>
                              ) : w.line && tab === 'text' ? (
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
                  {corrections > 0 && (
                    <Alert
                      type="info"
                      showIcon
                      title={`已修正 ${corrections} 处，保存时按右侧修正后的条款树保存`}
                      description="修改左侧原文不再自动重新解析；点“解析预览”可按原文重新解析（将放弃这些修正）。"
                    />
                  )}
                  {preview.letter && (
                    <Card size="small" title="识别到的征求意见函">
                      <LetterFactsView letter={preview.letter} />
                    </Card>
                  )}
                  <VirtualList
                    ref={list}
                    aria-label="解析出的条款"
                    className="clause-list"
                    height="60vh"
                    items={rows}
                    itemKey={(r) => r.key}
                    estimate={estimateClauseHeight}
                    render={(r) => (
                      <ClauseBlock
                        row={r}
                        highlight={!!focused && r.clauseKey === focused}
                        actions={r.clauseKey ? <ClauseFixActions row={r} rows={rows} clauseKey={(c) => c.clauseKey} apply={applyFix} /> : undefined}
                        onLead={r.clauseKey ? (unit) => void applyFix([{ op: 'set_lead', key: r.clauseKey!, unit }]).catch((err) => message.error(errorText(err))) : undefined}
                      />
                    )}
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
