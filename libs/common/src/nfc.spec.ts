import fc from 'fast-check';
import { nfc, NFC_STABLE } from './nfc';

describe('nfc', () => {
  /** every BMP code point the fast path takes as NFC already */
  const stable = Array.from({ length: 0x10000 }, (_, c) => c).filter((c) => (c < 0xd800 || c > 0xdfff) && NFC_STABLE.test(String.fromCharCode(c)));

  it('takes only characters that NFC leaves alone, alone and after a base they could compose with (each checked with ICU)', () => {
    expect(stable.length).toBeGreaterThan(27_000);
    // composition partners: a character that can start a composition, or is a base for combining marks
    const bases = ['A', 'e', 'か', 'ㄅ', '가', 'ᄀ', '\u0627', '\u0915', '中', '，'];
    const changed: string[] = [];
    for (const c of stable) {
      const ch = String.fromCharCode(c);
      if (ch.normalize('NFC') !== ch) changed.push(c.toString(16));
      for (const base of bases) if ((base + ch).normalize('NFC') !== base + ch) changed.push(`${c.toString(16)} after ${base}`);
    }
    expect(changed).toEqual([]);
    // and no combining mark (every character with a combining class other than 0 is one): NFC would reorder them
    expect(stable.filter((c) => /\p{M}/u.test(String.fromCharCode(c))).map((c) => c.toString(16))).toEqual([]);
  });

  it('equals String.prototype.normalize("NFC") on any text (property)', () => {
    const pool = fc.constantFrom(...'推动产业用地有机更新，并明确责任分工（一）第一条、“美丽城镇”《意见》——…·ABCé\u0301ｶﾞ\uF900\u302A\u3099가\u1100\u1161 \u3000');
    fc.assert(
      fc.property(fc.array(fc.oneof(pool, fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' })), { maxLength: 30 }), (parts) => {
        const text = parts.join('');
        expect(nfc(text)).toBe(text.normalize('NFC'));
      }),
      { numRuns: 2000 },
    );
  });
});
