import fc from 'fast-check';
import { DomainError } from '@zq/common';
import { sha256Hex } from './digest';
import { chainHash, ChainEntry, verifyChain } from './hash-chain';

const buildChain = (digests: string[]): ChainEntry[] => {
  const entries: ChainEntry[] = [];
  for (const digest of digests) entries.push({ digest, chainHash: chainHash(entries.at(-1)?.chainHash ?? null, digest) });
  return entries;
};
const digests = (n: number) => Array.from({ length: n }, (_, i) => sha256Hex(`submission ${i}`));
const aChain = fc.array(fc.string(), { minLength: 1, maxLength: 12 }).map((texts) => buildChain(texts.map((t) => sha256Hex(t))));

describe('chainHash', () => {
  it('is sha256 of "<prev or GENESIS>:<digest>"', () => {
    const digest = sha256Hex('first');
    expect(chainHash(null, digest)).toBe(sha256Hex(`GENESIS:${digest}`));
    const first = chainHash(null, digest);
    expect(chainHash(first, digest)).toBe(sha256Hex(`${first}:${digest}`));
  });

  it('rejects malformed hex', () => {
    const code = (fn: () => unknown) => {
      try {
        fn();
      } catch (error) {
        return (error as DomainError).code;
      }
      return undefined;
    };
    expect(code(() => chainHash(null, 'abc'))).toBe('RECEIPT_DIGEST_INVALID');
    expect(code(() => chainHash('GENESIS', sha256Hex('x')))).toBe('RECEIPT_DIGEST_INVALID');
  });
});

describe('verifyChain', () => {
  it('accepts an intact chain, and an empty one', () => {
    expect(verifyChain(buildChain(digests(5)))).toBe(-1);
    expect(verifyChain([])).toBe(-1);
  });

  it('points at the entry after a deleted one', () => {
    const chain = buildChain(digests(5));
    expect(verifyChain([...chain.slice(0, 2), ...chain.slice(3)])).toBe(2);
    expect(verifyChain(chain.slice(1))).toBe(0);
  });

  it('points at an altered entry', () => {
    const chain = buildChain(digests(5));
    const altered = chain.map((e, i) => (i === 3 ? { ...e, digest: sha256Hex('forged') } : e));
    expect(verifyChain(altered)).toBe(3);
  });

  it('points at a re-hashed entry, since its successor still links to the original', () => {
    const chain = buildChain(digests(5));
    const forged = sha256Hex('forged');
    const rehashed = chain.map((e, i) => (i === 2 ? { digest: forged, chainHash: chainHash(chain[1].chainHash, forged) } : e));
    expect(verifyChain(rehashed)).toBe(3);
  });

  it('treats a malformed entry as a break', () => {
    const chain = buildChain(digests(3));
    expect(verifyChain([chain[0], { digest: 'x', chainHash: chain[1].chainHash }, chain[2]])).toBe(1);
    expect(verifyChain([chain[0], null as unknown as ChainEntry])).toBe(1);
  });

  it('needs the recorded head to notice the last entries cut off', () => {
    const chain = buildChain(digests(5));
    const head = chain[4].chainHash;
    expect(verifyChain(chain.slice(0, 4))).toBe(-1);
    expect(verifyChain(chain.slice(0, 4), { expectedHead: head })).toBe(4);
    expect(verifyChain(chain, { expectedHead: head })).toBe(-1);
    expect(verifyChain([], { expectedHead: null })).toBe(-1);
    expect(verifyChain([], { expectedHead: head })).toBe(0);
  });

  it('detects any single deleted entry but the last', () => {
    fc.assert(
      fc.property(aChain, fc.nat(), (chain, position) => {
        fc.pre(chain.length > 1);
        const index = position % (chain.length - 1);
        expect(verifyChain([...chain.slice(0, index), ...chain.slice(index + 1)])).toBe(index);
      }),
    );
  });

  it('detects any altered digest or chain hash', () => {
    fc.assert(
      fc.property(aChain, fc.nat(), fc.boolean(), fc.string(), (chain, position, alterDigest, text) => {
        const index = position % chain.length;
        const replacement = sha256Hex(`forged:${text}`);
        const altered = chain.map((e, i) =>
          i !== index ? e : alterDigest ? { ...e, digest: replacement } : { ...e, chainHash: replacement },
        );
        expect(verifyChain(altered)).toBe(index);
      }),
    );
  });
});
