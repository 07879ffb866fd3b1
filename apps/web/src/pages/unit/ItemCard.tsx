import { DeleteOutlined } from '@ant-design/icons';
import { Button, Card, Form, Input, Segmented, Space, Typography } from 'antd';
import type { Clause, DraftItem, ItemKind } from '../../api/types';
import { clauseTitle } from '../../components/clauses/rows';
import { ITEM_KIND_LABEL } from '../../format';
import { quoteFits } from './reply-text';

/** One comment of the reply: kind, quoted text, proposal, reason. */
export function ItemCard({
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
