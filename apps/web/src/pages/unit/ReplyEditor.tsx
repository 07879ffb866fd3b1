import { CommentOutlined, PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { Alert, Badge, Button, Card, Col, Empty, Input, Result, Row, Space, Typography } from 'antd';
import { ReactNode, useMemo, useRef, useState } from 'react';
import type { Clause, DraftItem, ItemKind } from '../../api/types';
import { ClauseBlock } from '../../components/clauses/ClauseBlock';
import { ClauseRow, clauseTitle, estimateClauseHeight, rowsFromFlat } from '../../components/clauses/rows';
import { VirtualList, VirtualListHandle } from '../../components/VirtualList';
import type { DraftState } from '../../hooks/useDraft';
import { ItemCard } from './ItemCard';
import { newKey, withQuotes } from './reply-text';
import { SaveIndicator } from './SaveIndicator';

interface Props {
  clauses: Clause[];
  draft: DraftState;
  editable: boolean;
  /** item to point out (a rule error at sealing named it) */
  flaggedKey?: string | null;
  /** what goes below the items: 盖章提交 or 提交签发 */
  submit?: ReactNode;
}

const normalized = (s: string) => s.normalize('NFKC').replace(/[\s\u3000]+/gu, '').toLowerCase();

export function ReplyEditor({ clauses, draft, editable, flaggedKey, submit }: Props) {
  const allRows = useMemo(() => rowsFromFlat(clauses), [clauses]);
  const [search, setSearch] = useState('');
  // the search box keeps the clauses whose label, heading or text holds the words typed
  const rows = useMemo(() => {
    const q = normalized(search);
    return q ? allRows.filter((r) => normalized(`${r.label}${r.heading}${r.text}`).includes(q)) : allRows;
  }, [allRows, search]);
  const byId = useMemo(() => new Map(clauses.map((c) => [c.id, c])), [clauses]);
  const fullIndexOf = useMemo(() => new Map(allRows.map((r, i) => [r.id!, i])), [allRows]);
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
                  就所选文字提意见
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

  return (
    <Row gutter={16}>
      <Col xs={24} lg={14}>
        <Card
          size="small"
          title="征求意见稿"
          extra={
            <Input
              allowClear
              prefix={<SearchOutlined />}
              placeholder="搜索条款：文字或编号"
              aria-label="搜索条款"
              style={{ width: 240 }}
              value={search}
              onChange={(e) => setSearch(e.target.value)}
              className="clause-search"
            />
          }
        >
          <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
            {editable ? '选中条款中的文字，点击“就所选文字提意见”，再填写建议（理由可不填）；也可点击条款右侧的“提意见”。' : '本轮反馈已不能修改。'}
            {search && ` 找到 ${rows.length} 条。`}
          </Typography.Paragraph>
          {rows.length === 0 && <Empty description="没有包含这些文字的条款" />}
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
                subTitle="请签发人上传盖章扫描件后提交。"
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
                  </Space>
                )}
                {draft.items.length === 0 ? (
                  <Empty description="还没有意见。在左侧选中条款文字后点击“就所选文字提意见”；本单位无意见的，点击下方“本单位无意见”。" />
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
                        setSearch('');
                        const i = item.clauseId ? fullIndexOf.get(item.clauseId) : undefined;
                        if (i !== undefined) requestAnimationFrame(() => list.current?.scrollToIndex(i));
                      }}
                    />
                  ))
                )}
              </>
            )}
          </div>
        </Card>
        {submit}
      </Col>
    </Row>
  );
}
