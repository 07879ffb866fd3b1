import { App, Card, Tabs } from 'antd';
import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { api, errorText } from '../../../api/client';
import type { Decision, FeedbackItemView, Round } from '../../../api/types';
import { Loadable } from '../../../components/Loadable';
import { DecisionFilter, useRoundFeedback } from '../../../hooks/adoption';
import { ADOPTION_DOWNLOADS, AdoptionDownload, AdoptionHeader } from './AdoptionHeader';
import { AdoptionTableTab } from './AdoptionTableTab';
import { BulkBar } from './BulkBar';
import { CountsBar } from './CountsBar';
import { decide, DecisionTarget } from './decide';
import { DecisionModal } from './DecisionModal';
import { FeedbackList } from './FeedbackList';
import { FilterBar } from './FilterBar';
import { GenerateModal } from './GenerateModal';
import { NextRoundModal } from './NextRoundModal';
import { NextVersionTab } from './NextVersionTab';

/** 意见处理: decide every comment, generate the next version, read the adoption table, 办结. */
export function AdoptionView({ round, reloadRound }: { round: Round; reloadRound: () => Promise<void> }) {
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [decisionFilter, setDecisionFilter] = useState<DecisionFilter>('all');
  const [unitFilter, setUnitFilter] = useState<string | undefined>();
  const feedback = useRoundFeedback(round.id, { decision: decisionFilter, unitId: unitFilter });
  const units = useRoundFeedback(round.id);
  const [tab, setTab] = useState('items');
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [deciding, setDeciding] = useState<{ items: DecisionTarget; decision: Decision } | null>(null);
  // the dialog is mounted afresh after each closing (its own form), so it opens with the decision just clicked
  const [decisionSeq, setDecisionSeq] = useState(0);
  const [generating, setGenerating] = useState(false);
  const [nextRoundOpen, setNextRoundOpen] = useState(false);
  const [versionTick, setVersionTick] = useState(0);

  const reloadAll = async () => {
    await Promise.all([feedback.reload(), units.reload()]);
    setVersionTick((t) => t + 1);
  };

  const quickAdopt = async (items: FeedbackItemView[]) => {
    try {
      await decide(round.id, items, 'adopted');
      message.success(items.length === 1 ? `已采纳${items[0].unit.name}的意见` : `已采纳 ${items.length} 条意见`);
      setSelected(new Set());
      await reloadAll();
    } catch (err) {
      message.error(errorText(err));
    }
  };

  const unitOptions = useMemo(() => {
    const seen = new Map<string, string>();
    for (const c of units.data?.clauses ?? []) for (const i of c.items) seen.set(i.unit.id, i.unit.name);
    for (const i of units.data?.general ?? []) seen.set(i.unit.id, i.unit.name);
    return [...seen].map(([value, label]) => ({ value, label }));
  }, [units.data]);

  const selectedItems = useMemo(() => {
    const all = [...(feedback.data?.clauses.flatMap((c) => c.items) ?? []), ...(feedback.data?.general ?? [])];
    return all.filter((i) => selected.has(i.id));
  }, [feedback.data, selected]);

  const toggle = (id: string, on: boolean) =>
    setSelected((s) => {
      const next = new Set(s);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });

  const concluded = round.status === 'concluded';

  const download = async (what: AdoptionDownload) => {
    const d = ADOPTION_DOWNLOADS[what];
    try {
      await api.download(d.path(round.id), d.query, d.name);
    } catch (err) {
      message.error(errorText(err));
    }
  };

  return (
    <>
      <AdoptionHeader onDownload={download} round={round} reloadRound={reloadRound} onConcluded={reloadAll} onGenerate={() => setGenerating(true)} onNextRound={() => setNextRoundOpen(true)} />
      {feedback.data && (
        <Card size="small" style={{ marginBottom: 12 }}>
          <CountsBar counts={feedback.data.counts} conflicts={feedback.data.conflictCount} />
        </Card>
      )}
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          {
            key: 'items',
            label: '逐条处理',
            children: (
              <>
                <FilterBar decision={decisionFilter} onDecision={setDecisionFilter} unitId={unitFilter} onUnit={setUnitFilter} unitOptions={unitOptions} />
                {!concluded && (
                  <BulkBar
                    selectedCount={selected.size}
                    undecidedCount={feedback.data?.counts.undecided ?? 0}
                    onAdoptSelected={() => quickAdopt(selectedItems)}
                    onDecideSelected={(d) => setDeciding({ items: selectedItems, decision: d })}
                    onClearSelection={() => setSelected(new Set())}
                    onDecideRest={() => setDeciding({ items: 'allUndecided', decision: 'noted' })}
                  />
                )}
                <Loadable state={feedback}>
                  {(fb) => (
                    <FeedbackList
                      fb={fb}
                      selected={selected}
                      onToggle={toggle}
                      editable={!concluded}
                      onAdopt={(i) => quickAdopt([i])}
                      onDecide={(i, d) => setDeciding({ items: [i], decision: d })}
                    />
                  )}
                </Loadable>
              </>
            ),
          },
          { key: 'next', label: '下一版本', children: <NextVersionTab onDownload={download} roundId={round.id} tick={versionTick} active={tab === 'next'} editable={!concluded} onChanged={reloadAll} /> },
          { key: 'table', label: '意见采纳情况表', children: <AdoptionTableTab onDownload={download} roundId={round.id} tick={versionTick} active={tab === 'table'} /> },
        ]}
      />
      <DecisionModal
        key={decisionSeq}
        target={deciding}
        onClose={async (done) => {
          setDeciding(null);
          setDecisionSeq((n) => n + 1);
          if (done) {
            setSelected(new Set());
            await reloadAll();
          }
        }}
        decide={(items, d, extra) => decide(round.id, items, d, extra)}
      />
      <GenerateModal
        open={generating}
        roundId={round.id}
        onClose={async (done) => {
          setGenerating(false);
          if (done) {
            await reloadAll();
            setTab('next');
          }
        }}
      />
      <NextRoundModal open={nextRoundOpen} roundId={round.id} onClose={() => setNextRoundOpen(false)} onCreated={(id) => navigate(`/rounds/${id}`)} />
    </>
  );
}
