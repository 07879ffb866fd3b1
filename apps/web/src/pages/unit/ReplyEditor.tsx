import { CheckCircleOutlined, CloudSyncOutlined, CommentOutlined, DeleteOutlined, ExclamationCircleOutlined, LoadingOutlined, PlusOutlined, WarningOutlined } from '@ant-design/icons';
import { Alert, App, Badge, Button, Card, Col, Empty, Form, Input, Result, Row, Segmented, Select, Space, Typography } from 'antd';
import { ReactNode, useMemo, useRef, useState } from 'react';
import type { Clause, DraftItem, ItemKind } from '../../api/types';
import { ClauseBlock, ClauseRow, clauseTitle, estimateClauseHeight, rowsFromFlat } from '../../components/clauses';
import { VirtualList, VirtualListHandle } from '../../components/VirtualList';
import { ITEM_KIND_LABEL, shanghaiTime } from '../../format';
import type { DraftState, SaveState } from './useDraft';

const normalize = (s: string) => s.normalize('NFC').replace(/[\s\u3000]+/gu, '');

/** Same test the server applies at sealing: the quote is a span of the clause (whitespace aside). */
export function quoteFits(quote: string, clause: Clause | undefined): boolean {
  if (!quote.trim()) return true;
  if (!clause) return false;
  const q = normalize(quote);
  return [clause.heading + clause.text, clause.text, clause.heading, ...(clause.tableRows ?? []).flat()].some((p) => normalize(p).includes(q));
}

function newKey(): string {
  return `i${Date.now().toString(36)}${Math.random().toString(36).slice(2, 7)}`;
}

/** Marks the quoted spans of a clause's text. */
function withQuotes(text: string, quotes: string[]): ReactNode {
  const ranges: [number, number][] = [];
  for (const q of quotes) {
    if (!q) continue;
    const at = text.indexOf(q);
    if (at >= 0) ranges.push([at, at + q.length]);
  }
  if (!ranges.length) return text;
  ranges.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([...r]);
  }
  const out: ReactNode[] = [];
  let pos = 0;
  merged.forEach(([a, b], i) => {
    if (a > pos) out.push(text.slice(pos, a));
    out.push(
      <mark key={i} className="quoted">
        {text.slice(a, b)}
      </mark>,
    );
    pos = b;
  });
  if (pos < text.length) out.push(text.slice(pos));
  return out;
}

export function SaveIndicator({ save }: { save: SaveState }) {
  const content =
    save.kind === 'saving' ? (
      <>
        <LoadingOutlined /> 正在保存…
      </>
    ) : save.kind === 'dirty' ? (
      <>
        <CloudSyncOutlined /> 有未保存的修改（将自动保存）
      </>
    ) : save.kind === 'saved' ? (
      save.version > 0 ? (
        <>
          <CheckCircleOutlined /> 已自动保存（第 {save.version} 版{save.at ? ` ${shanghaiTime(save.at).slice(11)}` : ''}）
        </>
      ) : (
        <>尚未填写</>
      )
    ) : (
      <>
        <WarningOutlined /> {save.kind === 'conflict' ? '保存冲突' : '保存失败'}
      </>
    );
  return (
    <span
      className={`save-indicator save-${save.kind}`}
      role="status"
      aria-live="polite"
      title={save.kind === 'saved' && save.at ? `${shanghaiTime(save.at)}${save.by ? ` 由${save.by}保存` : ''}` : undefined}
    >
      {content}
    </span>
  );
}

interface Props {
  clauses: Clause[];
  draft: DraftState;
  editable: boolean;
  /** item to point out (a rule error at sealing named it) */
  flaggedKey?: string | null;
}

export function ReplyEditor({ clauses, draft, editable, flaggedKey }: Props) {
  const { modal } = App.useApp();
  const rows = useMemo(() => rowsFromFlat(clauses), [clauses]);
  const byId = useMemo(() => new Map(clauses.map((c) => [c.id, c])), [clauses]);
  const indexOf = useMemo(() => new Map(rows.map((r, i) => [r.id!, i])), [rows]);
  const list = useRef<VirtualListHandle>(null);
  const [pending, setPending] = useState<{ clauseId: string; text: string } | null>(null);
  const [focusKey, setFocusKey] = useState<string | null>(null);
  const itemsPanel = useRef<HTMLDivElement>(null);

  const itemsByClause = useMemo(() => {
    const m = new Map<string, DraftItem[]>();
    for (const it of draft.items) if (it.clauseId) m.set(it.clauseId, [...(m.get(it.clauseId) ?? []), it]);
    return m;
  }, [draft.items]);

  const addItem = (clauseId: string | null, quote = '', kind: ItemKind = quote ? 'modify' : clauseId ? 'modify' : 'other') => {
    const key = newKey();
    const item: DraftItem = { key, clauseId, quote, kind, proposedText: '', reason: '' };
    if (draft.kind === 'no_comment') draft.setKind('with_comments', [...draft.items, item]);
    else draft.setItems((items) => [...items, item]);
    setFocusKey(key);
    setPending(null);
    window.getSelection()?.removeAllRanges();
    requestAnimationFrame(() => document.getElementById(`item-${key}`)?.scrollIntoView({ behavior: 'smooth', block: 'nearest' }));
  };

  const update = (key: string, patch: Partial<DraftItem>) => draft.setItems((items) => items.map((i) => (i.key === key ? { ...i, ...patch } : i)));
  const remove = (key: string) => draft.setItems((items) => items.filter((i) => i.key !== key));

  const captureSelection = (e: React.SyntheticEvent<HTMLElement>, row: ClauseRow) => {
    const sel = window.getSelection();
    if (!sel || sel.isCollapsed || !sel.anchorNode || !sel.focusNode) {
      setPending((p) => (p?.clauseId === row.id ? null : p));
      return;
    }
    const el = e.currentTarget;
    if (!el.contains(sel.anchorNode) || !el.contains(sel.focusNode)) return;
    const text = sel.toString().trim();
    if (text) setPending({ clauseId: row.id!, text });
  };

  const noComment = () => {
    modal.confirm({
      title: '确认本单位对该文件无意见？',
      icon: <ExclamationCircleOutlined />,
      content: (
        <>
          <p>“无意见”是正式的书面反馈，经签发人盖章提交后计入已反馈单位。</p>
          {draft.items.length > 0 && <p className="danger">已填写的 {draft.items.length} 条意见将被清除。</p>}
        </>
      ),
      okText: '确认无意见',
      cancelText: '取消',
      onOk: () => draft.setKind('no_comment', []),
    });
  };

  const renderClause = (row: ClauseRow) => {
    const mine = itemsByClause.get(row.id!) ?? [];
    const selected = pending && pending.clauseId === row.id ? pending.text : null;
    const text = (
      <div className="selectable" onMouseUp={(e) => captureSelection(e, row)} onKeyUp={(e) => captureSelection(e, row)}>
        {withQuotes(row.text, mine.map((i) => i.quote))}
      </div>
    );
    return (
      <ClauseBlock
        row={row}
        text={row.text ? text : undefined}
        highlight={mine.length > 0}
        actions={
          editable && (
            <Space size={4}>
              {selected && (
                <Button size="small" type="primary" icon={<CommentOutlined />} onClick={() => addItem(row.id!, selected)} className="quote-button">
                  引用所选文字提意见
                </Button>
              )}
              <Badge count={mine.length} size="small" offset={[-4, 2]}>
                <Button size="small" icon={<PlusOutlined />} onClick={() => addItem(row.id!)} aria-label={`对${clauseTitle(row)}提意见`}>
                  提意见
                </Button>
              </Badge>
            </Space>
          )
        }
      />
    );
  };

  const jumpOptions = useMemo(
    () => rows.map((r, i) => ({ value: i, label: clauseTitle(r) })).filter((o, i) => rows[i].label || rows[i].heading),
    [rows],
  );

  return (
    <Row gutter={16}>
      <Col xs={24} lg={14}>
        <Card
          size="small"
          title="征求意见稿"
          extra={
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              placeholder="跳转到条款…"
              aria-label="跳转到条款"
              style={{ width: 260 }}
              options={jumpOptions}
              value={null}
              onChange={(i: number) => list.current?.scrollToIndex(i)}
              className="jump-select"
            />
          }
        >
          <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
            {editable ? '选中条款中的文字，点击“引用所选文字提意见”；也可点击（或用 Tab 键移到）条款右侧的“提意见”，再在“原文”栏填写要修改的文字。' : '本轮反馈已不能修改。'}
          </Typography.Paragraph>
          <VirtualList
            ref={list}
            aria-label="条款"
            className="clause-list"
            height="calc(100vh - 330px)"
            style={{ minHeight: 320 }}
            items={rows}
            itemKey={(r) => r.key}
            estimate={estimateClauseHeight}
            render={renderClause}
          />
        </Card>
      </Col>
      <Col xs={24} lg={10}>
        <Card
          size="small"
          title={draft.kind === 'no_comment' ? '本单位的反馈：无意见' : `本单位的意见（${draft.items.length} 条）`}
          extra={<SaveIndicator save={draft.save} />}
          className="items-card"
        >
          {draft.save.kind === 'conflict' && (
            <Alert
              type="error"
              showIcon
              role="alert"
              title="草稿已被同单位的其他人修改"
              description={
                <>
                  <p>{draft.save.message}</p>
                  <Space wrap>
                    <Button size="small" onClick={() => void draft.reloadFromServer()}>
                      载入对方保存的版本（放弃我的修改）
                    </Button>
                    <Button size="small" danger onClick={() => void draft.overwrite()}>
                      保留我的修改并覆盖
                    </Button>
                  </Space>
                </>
              }
              style={{ marginBottom: 12 }}
            />
          )}
          {draft.save.kind === 'error' && (
            <Alert type="warning" showIcon title={`自动保存失败：${draft.save.message}`} action={<Button size="small" onClick={() => void draft.flush()}>重试</Button>} style={{ marginBottom: 12 }} />
          )}
          <div ref={itemsPanel} className="items-scroll">
            {draft.kind === 'no_comment' ? (
              <Result
                status="success"
                title="本单位无意见"
                subTitle="请签发人在“盖章提交”中加盖公章后提交。"
                extra={
                  editable && (
                    <Button onClick={() => draft.setKind('with_comments', [])} icon={<CommentOutlined />}>
                      改为逐条提意见
                    </Button>
                  )
                }
              />
            ) : (
              <>
                {editable && (
                  <Space wrap style={{ marginBottom: 12 }}>
                    <Button icon={<PlusOutlined />} onClick={() => addItem(null, '', 'other')}>
                      添加总体意见
                    </Button>
                    <Button onClick={noComment} icon={<CheckCircleOutlined />} className="no-comment-button">
                      本单位无意见
                    </Button>
                  </Space>
                )}
                {draft.items.length === 0 ? (
                  <Empty description="还没有意见。在左侧选中条款文字后点击“引用所选文字提意见”，或点击“本单位无意见”。" />
                ) : (
                  draft.items.map((item, n) => (
                    <ItemCard
                      key={item.key}
                      n={n + 1}
                      item={item}
                      clause={item.clauseId ? byId.get(item.clauseId) : undefined}
                      editable={editable}
                      autoFocus={focusKey === item.key}
                      flagged={flaggedKey === item.key}
                      onChange={(patch) => update(item.key, patch)}
                      onRemove={() => remove(item.key)}
                      onShowClause={() => {
                        const i = item.clauseId ? indexOf.get(item.clauseId) : undefined;
                        if (i !== undefined) list.current?.scrollToIndex(i);
                      }}
                    />
                  ))
                )}
              </>
            )}
          </div>
        </Card>
      </Col>
    </Row>
  );
}

function ItemCard({
  n,
  item,
  clause,
  editable,
  autoFocus,
  flagged,
  onChange,
  onRemove,
  onShowClause,
}: {
  n: number;
  item: DraftItem;
  clause: Clause | undefined;
  editable: boolean;
  autoFocus: boolean;
  flagged: boolean;
  onChange: (patch: Partial<DraftItem>) => void;
  onRemove: () => void;
  onShowClause: () => void;
}) {
  const fits = quoteFits(item.quote, clause);
  const needsQuote = item.kind === 'modify' || item.kind === 'delete';
  const needsProposal = item.kind === 'modify' || item.kind === 'add';
  const title = clause ? clauseTitle(clause) : '总体意见（不针对具体条款）';
  return (
    <Card
      size="small"
      id={`item-${item.key}`}
      className={`item-card${flagged ? ' item-flagged' : ''}`}
      title={
        <Space size={4}>
          <span>第 {n} 条</span>
          {clause ? (
            <Button type="link" size="small" onClick={onShowClause} className="item-clause-link">
              {title}
            </Button>
          ) : (
            <Typography.Text type="secondary">{title}</Typography.Text>
          )}
        </Space>
      }
      extra={
        editable && (
          <Button size="small" type="text" danger icon={<DeleteOutlined />} onClick={onRemove} aria-label={`删除第 ${n} 条意见`}>
            删除
          </Button>
        )
      }
      style={{ marginBottom: 12 }}
    >
      <Form layout="vertical" size="small" disabled={!editable} component="div">
        <Form.Item label="意见类型">
          <Segmented<ItemKind>
            value={item.kind}
            onChange={(kind) => onChange({ kind })}
            options={(Object.keys(ITEM_KIND_LABEL) as ItemKind[]).map((k) => ({ value: k, label: ITEM_KIND_LABEL[k] }))}
            aria-label={`第 ${n} 条意见类型`}
          />
        </Form.Item>
        {clause && (
          <Form.Item
            label="原文"
            validateStatus={!fits ? 'warning' : needsQuote && !item.quote.trim() ? 'warning' : undefined}
            help={!fits ? '这段文字不在该条款中，请从条款原文中选取' : needsQuote && !item.quote.trim() ? '请引用要修改或删除的原文' : undefined}
          >
            <Input.TextArea value={item.quote} onChange={(e) => onChange({ quote: e.target.value })} autoSize={{ minRows: 1, maxRows: 4 }} aria-label={`第 ${n} 条原文`} className="quote-input" />
          </Form.Item>
        )}
        {item.kind !== 'delete' && (
          <Form.Item label={item.kind === 'add' ? '建议新增' : item.kind === 'other' ? '意见' : '建议修改为'} help={needsProposal && !item.proposedText.trim() ? '请填写建议的文字' : undefined} validateStatus={needsProposal && !item.proposedText.trim() ? 'warning' : undefined}>
            <Input.TextArea
              value={item.proposedText}
              onChange={(e) => onChange({ proposedText: e.target.value })}
              autoSize={{ minRows: 2, maxRows: 8 }}
              autoFocus={autoFocus}
              aria-label={`第 ${n} 条建议`}
              className="proposal-input"
            />
          </Form.Item>
        )}
        <Form.Item label="理由">
          <Input.TextArea value={item.reason} onChange={(e) => onChange({ reason: e.target.value })} autoSize={{ minRows: 1, maxRows: 6 }} aria-label={`第 ${n} 条理由`} className="reason-input" />
        </Form.Item>
      </Form>
    </Card>
  );
}
