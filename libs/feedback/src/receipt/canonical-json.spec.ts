import fc from 'fast-check';
import { DomainError } from '@zq/common';
import { canonicalJson } from './canonical-json';

const problem = (value: unknown): DomainError => {
  try {
    canonicalJson(value);
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
};

/** Rebuilds a JSON value with every object's keys in a seeded random order. */
function shuffleKeys(value: unknown, seed: number): unknown {
  let state = seed >>> 0 || 1;
  const next = () => (state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0);
  const visit = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(visit);
    if (node === null || typeof node !== 'object') return node;
    const entries = Object.entries(node).map(([k, v]) => [k, visit(v)] as const);
    for (let i = entries.length - 1; i > 0; i--) {
      const j = next() % (i + 1);
      [entries[i], entries[j]] = [entries[j], entries[i]];
    }
    return Object.fromEntries(entries); // not obj[key] = …, which would treat "__proto__" specially
  };
  return visit(value);
}

describe('canonicalJson', () => {
  it('sorts keys at every depth and writes no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, 1, 2], c: '意见' } })).toBe('{"a":{"c":"意见","d":[3,1,2]},"b":1}');
  });

  it('orders keys by UTF-16 code units, as RFC 8785 does', () => {
    const value = { b: 1, 中: 2, Z: 3, a: 4, aa: 5, '\uFF01': 6, '😀': 7 };
    expect(Object.keys(JSON.parse(canonicalJson(value)))).toEqual(['Z', 'a', 'aa', 'b', '中', '😀', '\uFF01']);
  });

  it('normalises strings and keys to NFC', () => {
    expect(canonicalJson({ 'cafe\u0301': 'e\u0301' })).toBe('{"café":"é"}');
    expect(canonicalJson('e\u0301')).toBe(canonicalJson('\u00e9'));
  });

  it('rejects two keys that become one after NFC', () => {
    const error = problem({ 'e\u0301': 1, '\u00e9': 2 });
    expect(error.code).toBe('CANONICAL_JSON_UNSUPPORTED');
    expect(error.details).toMatchObject({ path: '$.é' });
  });

  it('drops undefined properties and writes undefined array items as null', () => {
    expect(canonicalJson({ a: undefined, b: [undefined, 1] })).toBe('{"b":[null,1]}');
    // eslint-disable-next-line no-sparse-arrays
    expect(canonicalJson([1, , 3])).toBe('[1,null,3]');
  });

  it('writes Dates as ISO-8601 UTC strings', () => {
    expect(canonicalJson({ sealedAt: new Date('2023-05-22T17:30:00+08:00') })).toBe(
      '{"sealedAt":"2023-05-22T09:30:00.000Z"}',
    );
  });

  it('writes numbers in their shortest form and -0 as 0', () => {
    expect(canonicalJson([1, 1.5, 1e21, 1e-7, -0, 0.1 + 0.2])).toBe('[1,1.5,1e+21,1e-7,0,0.30000000000000004]');
  });

  it('keeps Chinese text as is, escaping only what JSON requires', () => {
    expect(canonicalJson('“经市政府同意”\n')).toBe('"“经市政府同意”\\n"');
  });

  it('accepts objects without a prototype', () => {
    const bare = Object.assign(Object.create(null) as object, { b: 2, a: 1 });
    expect(canonicalJson(bare)).toBe('{"a":1,"b":2}');
  });

  it('accepts the same object twice, as long as it does not contain itself', () => {
    const shared = { x: 1 };
    expect(canonicalJson({ a: shared, b: shared })).toBe('{"a":{"x":1},"b":{"x":1}}');
  });

  it.each<[string, unknown, string]>([
    ['NaN', { a: Number.NaN }, '$.a'],
    ['Infinity', [1, Number.POSITIVE_INFINITY], '$[1]'],
    ['-Infinity', Number.NEGATIVE_INFINITY, '$'],
    ['an invalid Date', { at: new Date('nope') }, '$.at'],
    ['a bigint', { n: BigInt(1) }, '$.n'],
    ['a function', { f: () => 1 }, '$.f'],
    ['a symbol', [Symbol('s')], '$[0]'],
    ['a Map', { m: new Map() }, '$.m'],
    ['a Buffer', { b: Buffer.from('x') }, '$.b'],
    ['a class instance', { c: new (class Seal {})() }, '$.c'],
    ['undefined at the top', undefined, '$'],
  ])('rejects %s and says where', (_, value, path) => {
    const error = problem(value);
    expect(error.code).toBe('CANONICAL_JSON_UNSUPPORTED');
    expect(error.details).toMatchObject({ path });
  });

  it('rejects a cycle', () => {
    const loop: Record<string, unknown> = { a: 1 };
    loop.self = { back: loop };
    expect(problem(loop).details).toMatchObject({ path: '$.self.back', value: 'cycle' });
  });

  it('is invariant under key reordering', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.integer(), (value, seed) => {
        expect(canonicalJson(shuffleKeys(value, seed))).toBe(canonicalJson(value));
      }),
    );
  });

  it('is a fixed point: parsing and re-canonicalising changes nothing', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const canonical = canonicalJson(value);
        expect(canonicalJson(JSON.parse(canonical))).toBe(canonical);
      }),
    );
  });

  it('keeps the meaning of any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue({ noUnicodeString: true }), (value) => {
        // Object.is would tell -0 from 0; JSON does not carry the difference.
        expect(JSON.parse(canonicalJson(value))).toEqual(JSON.parse(JSON.stringify(value)));
      }),
    );
  });
});
