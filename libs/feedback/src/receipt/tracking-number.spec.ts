import fc from 'fast-check';
import { DomainError } from '@zq/common';
import { parseTrackingNumber, trackingNumber, TrackingNumberParts, trackingUnitName } from './tracking-number';

const codeOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (error) {
    return error instanceof DomainError ? error.code : `not a DomainError: ${String(error)}`;
  }
  return undefined;
};

describe('trackingNumber', () => {
  it('formats round, unit and a 4-digit sequence', () => {
    expect(trackingNumber({ roundNumber: 2, unitShortName: '省财政厅', sequence: 7 })).toBe('R2-省财政厅-0007');
    expect(trackingNumber({ roundNumber: 12, unitShortName: '杭州市', sequence: 12345 })).toBe('R12-杭州市-12345');
  });

  it('keeps Chinese and strips spaces, slashes and URL-reserved marks from the unit name', () => {
    expect(trackingNumber({ roundNumber: 1, unitShortName: ' 省 发展改革委/省能源局 ', sequence: 1 })).toBe(
      'R1-省发展改革委省能源局-0001',
    );
    expect(trackingUnitName('市政府办公厅（室）?#%&+=　')).toBe('市政府办公厅（室）');
  });

  it.each<[string, Partial<TrackingNumberParts>]>([
    ['round 0', { roundNumber: 0 }],
    ['a fractional round', { roundNumber: 1.5 }],
    ['sequence 0', { sequence: 0 }],
    ['a negative sequence', { sequence: -3 }],
    ['a unit name with nothing left', { unitShortName: ' / ' }],
  ])('rejects %s', (_, change) => {
    expect(codeOf(() => trackingNumber({ roundNumber: 2, unitShortName: '省财政厅', sequence: 7, ...change }))).toBe(
      'TRACKING_NUMBER_INVALID',
    );
  });
});

describe('parseTrackingNumber', () => {
  it('reads the parts back', () => {
    expect(parseTrackingNumber('R2-省财政厅-0007')).toEqual({ roundNumber: 2, unitShortName: '省财政厅', sequence: 7 });
  });

  it('copes with a hyphen inside the unit name', () => {
    expect(parseTrackingNumber('R3-A-1-0042')).toEqual({ roundNumber: 3, unitShortName: 'A-1', sequence: 42 });
  });

  it.each(['', 'R2-省财政厅-7', 'R02-省财政厅-0007', 'R0-省财政厅-0007', 'R2-省财政厅-0000', 'R2-省财政厅-00007', 'R2--0007',
    'R2-省 财政厅-0007', 'R2-省/财政厅-0007', 'r2-省财政厅-0007', 'R2-省财政厅-0007 '])('rejects %p', (text) => {
    expect(codeOf(() => parseTrackingNumber(text))).toBe('TRACKING_NUMBER_INVALID');
  });

  it('inverts trackingNumber for any round, unit name and sequence', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1000 }),
        fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }),
        fc.integer({ min: 1, max: 10_000_000 }),
        (roundNumber, name, sequence) => {
          const unitShortName = trackingUnitName(name);
          fc.pre(unitShortName.length > 0);
          const text = trackingNumber({ roundNumber, unitShortName: name, sequence });
          expect(parseTrackingNumber(text)).toEqual({ roundNumber, unitShortName, sequence });
          expect(trackingNumber(parseTrackingNumber(text))).toBe(text);
          expect(encodeURIComponent(text).includes('%2F')).toBe(false);
        },
      ),
    );
  });
});
