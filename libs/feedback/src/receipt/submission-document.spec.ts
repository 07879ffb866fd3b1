import fc from 'fast-check';
import { canonicalJson } from './canonical-json';
import { canonicalItem, SealedItemRecord, SealedRecord, submissionCanonical, submissionCanonicalTemplate } from './submission-document';

const record: SealedRecord = {
  trackingNo: 'R2-杭州市-0003',
  roundId: '00000000-0000-4000-8000-000000000001',
  roundNumber: 2,
  unitId: '00000000-0000-4000-8000-000000000002',
  unitName: '杭州市',
  actingUnitId: '00000000-0000-4000-8000-000000000003',
  actingUnitName: '杭州市建设局',
  revision: 1,
  supersedesId: null,
  kind: 'with_comments',
  withdrawalReason: null,
  attestation: { channel: 'department', statement: '经市政府同意' },
  seals: [
    { unitId: '00000000-0000-4000-8000-000000000003', role: 'construction_authority', evidenceFileId: 'e1', evidenceSha256: 'a'.repeat(64) },
    { unitId: '00000000-0000-4000-8000-000000000004', role: 'beautiful_towns_office', evidenceFileId: 'e1', evidenceSha256: 'a'.repeat(64) },
  ],
  signatory: '钱塘',
  contactName: '周杭',
  contactPhone: '0571-85000000',
  sealedBy: '00000000-0000-4000-8000-000000000005',
  sealedAt: new Date('2023-05-22T10:00:00+08:00'),
  deadlineAt: new Date('2023-05-23T23:59:59.999+08:00'),
  lateSeconds: 0,
  chainSeq: 3,
  prevChainHash: 'b'.repeat(64),
};
const items: SealedItemRecord[] = [
  { position: 1, clauseId: 'c1', lineageKey: 'l1', kind: 'modify', quote: '加大城镇路网设施建设', proposedText: '加快城镇路网设施建设', reason: '与市级规划衔接' },
  { position: 2, clauseId: null, lineageKey: null, kind: 'other', quote: '', proposedText: '', reason: '建议增加资金保障' },
];

describe('submissionCanonical', () => {
  it('covers the round, both units, the seals with evidence hashes, the signatory, the time and the chain position', () => {
    const doc = JSON.parse(submissionCanonical(record, items));
    expect(doc).toMatchObject({
      schema: 'zq-sealed-submission-v1',
      trackingNo: 'R2-杭州市-0003',
      round: { number: 2 },
      unit: { name: '杭州市' },
      actingUnit: { name: '杭州市建设局' },
      attestation: { statement: '经市政府同意' },
      chain: { seq: 3, prev: 'b'.repeat(64) },
      sealedAt: '2023-05-22T02:00:00.000Z',
    });
    expect(doc.seals.map((s: { evidenceSha256: string }) => s.evidenceSha256)).toEqual(['a'.repeat(64), 'a'.repeat(64)]);
  });

  it('orders items by position whatever order the rows come back in', () => {
    expect(submissionCanonical(record, [...items].reverse())).toBe(submissionCanonical(record, items));
  });

  it.each<[string, Partial<SealedRecord>]>([
    ['the chain position', { chainSeq: 4 }],
    ['the previous chain hash', { prevChainHash: null }],
    ['the statement', { attestation: { channel: 'department', statement: '经市政府研究' } }],
    ['a seal’s evidence hash', { seals: [{ ...record.seals[0], evidenceSha256: 'c'.repeat(64) }, record.seals[1]] }],
    ['the signatory', { signatory: '钱江' }],
    ['the seal time', { sealedAt: new Date('2023-05-22T10:00:01+08:00') }],
    ['the lateness', { lateSeconds: 1 }],
    ['the revision', { revision: 2 }],
  ])('changes when %s changes', (_, change) => {
    expect(submissionCanonical({ ...record, ...change }, items)).not.toBe(submissionCanonical(record, items));
  });

  it('changes when one character of an item changes', () => {
    const altered = items.map((i, n) => (n === 0 ? { ...i, proposedText: '加快城镇路网设施建筑' } : i));
    expect(submissionCanonical(record, altered)).not.toBe(submissionCanonical(record, items));
  });
});

describe('submissionCanonicalTemplate', () => {
  const text = fc.oneof(
    fc.string(),
    fc.string({ unit: 'binary' }),
    fc.constantFrom('"chain":{"prev":null,"seq":0}', '{"prev":null,"seq":0}', '\\', '"', '"chain":', '推动产业用地有机更新（一）', 'e\u0301', '\uF900'),
  );
  it('gives exactly the bytes of submissionCanonical for any position, whatever the texts hold', () => {
    fc.assert(
      fc.property(
        fc.record({ unitName: text, signatory: text, withdrawalReason: fc.option(text), statement: fc.option(text) }),
        fc.array(fc.record({ quote: text, proposedText: text, reason: text }), { maxLength: 5 }),
        fc.nat(),
        fc.option(fc.stringMatching(/^[0-9a-f]{64}$/)),
        (fields, texts, chainSeq, prevChainHash) => {
          const { chainSeq: _s, prevChainHash: _p, ...base } = record;
          const rec = { ...base, unitName: fields.unitName, signatory: fields.signatory, withdrawalReason: fields.withdrawalReason,
            attestation: fields.statement === null ? null : { channel: 'department' as const, statement: fields.statement } };
          const its = texts.map((t, n) => ({ ...items[n % items.length], ...t, position: n + 1 }));
          const template = submissionCanonicalTemplate(rec, its);
          const expected = submissionCanonical({ ...rec, chainSeq, prevChainHash }, its);
          expect(template(chainSeq, prevChainHash)).toBe(expected);
          // the UTF-8 the receipt signs, assembled from bytes encoded once
          expect(template.bytes(chainSeq, prevChainHash).equals(Buffer.from(expected, 'utf8'))).toBe(true);
          expect(template.unplacedBytes.equals(Buffer.from(template.unplaced, 'utf8'))).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('canonicalItem', () => {
  it('writes every item exactly as canonicalJson does', () => {
    const text = fc.oneof(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' }), fc.constantFrom('e\u0301', '"\\\n', 'Å', '①'));
    fc.assert(
      fc.property(
        fc.record({
          position: fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constant(-0)),
          clauseId: fc.option(text),
          lineageKey: fc.option(text, { nil: undefined }),
          kind: fc.constantFrom('modify', 'delete', 'add', 'other'),
          quote: text,
          proposedText: text,
          reason: text,
        }),
        (item) => {
          const generic = canonicalJson({ position: item.position, clauseId: item.clauseId, lineageKey: item.lineageKey, kind: item.kind, quote: item.quote, proposedText: item.proposedText, reason: item.reason });
          expect(canonicalItem(item as SealedItemRecord)).toBe(generic);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('leaves what JSON cannot carry to canonicalJson, which refuses it', () => {
    expect(() => canonicalItem({ ...items[0], position: Number.NaN })).toThrow();
  });
});
