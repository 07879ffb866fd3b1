import { fittedHeight, wrappedLines } from './printable-sheet';

describe('wrapped lines and fitted row heights of a printable sheet', () => {
  it('keeps an e-mail address whole: three addresses in a 34-wide column take three lines', () => {
    expect(wrappedLines('unit030@example.org；unit031@example.org；unit032@example.org', 34)).toBe(3);
  });

  it('breaks Chinese anywhere, at about 14 characters a line in a 30-wide column', () => {
    expect(wrappedLines('省委编办联络员', 30)).toBe(1);
    expect(wrappedLines('一'.repeat(14), 30)).toBe(1);
    expect(wrappedLines('一'.repeat(15), 30)).toBe(2);
    expect(wrappedLines('一二\n三', 30)).toBe(2);
  });

  it('keeps closing punctuation with the character before it', () => {
    expect(wrappedLines(`${'一'.repeat(14)}。`, 30)).toBe(2);
  });

  it('cuts a Latin run longer than a line where the line ends', () => {
    // a 10-wide column holds about 4.4 CJK characters, 8.8 Latin ones
    expect(wrappedLines('x'.repeat(30), 10)).toBe(4);
  });

  it('fits the row to its tallest cell, one line at least, 409 pt at most', () => {
    expect(fittedHeight(['1', '省委编办'], [6, 20])).toBe(21);
    expect(fittedHeight(['', ''], [6, 20])).toBe(21);
    expect(fittedHeight(['1', 'unit030@example.org；unit031@example.org；unit032@example.org'], [6, 34])).toBe(Math.ceil(3 * 14.3 + 6));
    expect(fittedHeight(['一'.repeat(5000)], [10])).toBe(409);
  });
});
