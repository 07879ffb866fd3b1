import { CheckCircleOutlined, CommentOutlined, ExclamationCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Badge, Button, Card, Col, Empty, Result, Row, Select, Space, Typography } from 'antd';
import { useMemo, useRef, useState } from 'react';
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
