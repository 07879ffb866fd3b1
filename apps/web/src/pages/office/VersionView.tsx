import { DiffOutlined, DownloadOutlined, MailOutlined, SendOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, Row, Select, Space, Tag } from 'antd';
import { useMemo, useRef, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { api, errorText } from '../../api/client';
import type { FromLetterResult, Policy, Version } from '../../api/types';
import { ClauseBlock } from '../../components/clauses/ClauseBlock';
import { ClauseFixActions, type TreeOperation } from '../../components/clauses/ClauseFixActions';
import { estimateClauseHeight, flattenTree } from '../../components/clauses/rows';
import { ClauseNav } from '../../components/ClauseNav';
import { PageHeader } from '../../components/PageHeader';
import { VirtualList, VirtualListHandle } from '../../components/VirtualList';
import { shanghaiTime } from '../../format';
import { LetterFactsView } from '../../components/LetterFactsView';
import { VersionStatus } from '../../components/VersionStatus';

export function VersionView({ version: loaded, policy }: { version: Version; policy: Policy | null }) {
  const navigate = useNavigate();
  // corrections of the tree (ClauseFixActions) come back as the renumbered version
  const [version, setVersion] = useState(loaded);
  const editable = version.status === 'editing' && !version.locked;
  const { message } = App.useApp();
  const list = useRef<VirtualListHandle>(null);
  const rows = useMemo(() => flattenTree(version.clauses), [version]);
  const [creating, setCreating] = useState(false);
  const others = (policy?.versions ?? []).filter((v) => v.id !== version.id);
  const leads = useMemo(() => rows.filter((r) => r.responsibilities.length).length, [rows]);

  // one correction after the other: the tree shown is always the answer to the last one
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  const applyFix = (operations: TreeOperation[]): Promise<void> => {
    const run = queue.current.catch(() => undefined).then(async () => setVersion(await api.patch<Version>(`/versions/${version.id}/clauses`, { operations })));
    queue.current = run;
    return run;
  };

  const fromLetter = async () => {
    setCreating(true);
    try {
      const res = await api.post<FromLetterResult>('/rounds/from-letter', { versionId: version.id });
      message.success('已按征求意见函预填一个草稿轮次，请核对后发出');
      navigate(`/rounds/${res.round.id}`);
    } catch (err) {
      message.error(errorText(err));
    } finally {
      setCreating(false);
    }
  };

  const download = async (format: 'docx' | 'txt') => {
    try {
      await api.download(`/versions/${version.id}/export`, { format }, `${version.title}.${format}`);
    } catch (err) {
      message.error(errorText(err));
    }
  };

  return (
    <>
      <PageHeader
        title={version.title}
        crumbs={[{ label: '文件', to: '/policies' }, { label: policy?.title ?? '政策文件', to: '/policies' }, { label: `第${version.seq}版 · ${version.label}` }]}
        extra={
          <>
            <Button icon={<DownloadOutlined />} onClick={() => download('docx')}>
              导出 Word
            </Button>
            <Button icon={<DownloadOutlined />} onClick={() => download('txt')}>
              导出文本
            </Button>
            {version.letter && (
              <Button icon={<MailOutlined />} loading={creating} onClick={fromLetter}>
                按征求意见函创建轮次
              </Button>
            )}
            <Button type="primary" icon={<SendOutlined />} onClick={() => navigate(`/rounds/new?versionId=${version.id}`)}>
              发起征求意见
            </Button>
          </>
        }
        sub={
          <Space wrap>
            <Tag color="blue">{version.label}</Tag>
            <VersionStatus v={version} />
            <span>创建于 {shanghaiTime(version.createdAt)}</span>
            <span>共 {rows.length} 个条款，其中 {leads} 个写明责任单位</span>
            {others.length > 0 && (
              <Space size={4}>
                <DiffOutlined aria-hidden />
                <Select
                  aria-label="与其他版本比较"
                  placeholder="与其他版本比较…"
                  style={{ minWidth: 220 }}
                  options={others.map((v) => ({ value: v.id, label: `第${v.seq}版 · ${v.label}` }))}
                  onChange={(other: string) => {
                    const o = others.find((v) => v.id === other)!;
                    navigate(o.seq < version.seq ? `/versions/${other}/diff/${version.id}` : `/versions/${version.id}/diff/${other}`);
                  }}
                />
              </Space>
            )}
          </Space>
        }
      />
      <Row gutter={16}>
        <Col xs={0} lg={7} xl={6}>
          <Card size="small" title="目录" className="sticky-card">
            <ClauseNav rows={rows} onSelect={(i) => list.current?.scrollToIndex(i)} height={520} />
          </Card>
          {version.letter && (
            <Card size="small" title="导入时识别的征求意见函" style={{ marginTop: 16 }}>
              <LetterFactsView letter={version.letter} />
            </Card>
          )}
        </Col>
        <Col xs={24} lg={17} xl={18}>
          <Card size="small" title="条款" className="clause-card">
            <VirtualList
              ref={list}
              aria-label="条款"
              className="clause-list"
              height="calc(100vh - 290px)"
              style={{ minHeight: 360 }}
              items={rows}
              itemKey={(r) => r.key}
              estimate={estimateClauseHeight}
              render={(r) => (
                <ClauseBlock
                  row={r}
                  actions={editable && r.id ? <ClauseFixActions row={r} rows={rows} clauseKey={(c) => c.id} apply={applyFix} /> : undefined}
                  onLead={editable && r.id ? (unit) => void applyFix([{ op: 'set_lead', key: r.id!, unit }]).catch((err) => message.error(errorText(err))) : undefined}
                />
              )}
            />
          </Card>
        </Col>
      </Row>
    </>
  );
}
