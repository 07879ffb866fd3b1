import fc from 'fast-check';
import { DomainError } from '@zq/common';
import { RECIPIENT_STATUSES, ROUND_STATUSES } from './entities/round.entity';
import { recipientMachine, roundMachine } from './state-machines';

describe('round lifecycle', () => {
  it('goes draft → open → closed → concluded', () => {
    let s = roundMachine.next('draft', 'launch');
    s = roundMachine.next(s, 'close');
    expect(roundMachine.next(s, 'conclude')).toBe('concluded');
  });

  it('refuses to launch twice or conclude an open round, with a stable code', () => {
    expect(() => roundMachine.next('open', 'launch')).toThrow(expect.objectContaining({ code: 'ROUND_TRANSITION_NOT_ALLOWED' }));
    expect(() => roundMachine.next('open', 'conclude')).toThrow(DomainError);
  });

  it('never leaves concluded, whatever events arrive', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...roundMachine.events()), { maxLength: 30 }), (events) => {
        let s: (typeof ROUND_STATUSES)[number] = 'concluded';
        for (const e of events) if (roundMachine.can(s, e)) s = roundMachine.next(s, e);
        return s === 'concluded';
      }),
    );
  });

  it('only ever reaches known states, and launch happens at most once', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...roundMachine.events()), { maxLength: 40 }), (events) => {
        let s: (typeof ROUND_STATUSES)[number] = 'draft';
        let launches = 0;
        for (const e of events) {
          if (!roundMachine.can(s, e)) continue;
          if (e === 'launch') launches++;
          s = roundMachine.next(s, e);
          if (!ROUND_STATUSES.includes(s)) return false;
        }
        return launches <= 1;
      }),
    );
  });
});

describe('recipient lifecycle', () => {
  it('lets a returned reply be drafted and submitted again', () => {
    let s = recipientMachine.next('submitted', 'return');
    expect(s).toBe('returned');
    s = recipientMachine.next(s, 'start_drafting');
    expect(recipientMachine.next(s, 'submit')).toBe('submitted');
  });

  it('does not return a reply that was never submitted', () => {
    expect(() => recipientMachine.next('drafting', 'return')).toThrow(expect.objectContaining({ code: 'RECIPIENT_TRANSITION_NOT_ALLOWED' }));
  });

  it('keeps an exempted unit exempted and never un-submits by viewing or drafting', () => {
    fc.assert(
      fc.property(fc.constantFrom(...RECIPIENT_STATUSES), fc.array(fc.constantFrom('view', 'start_drafting') as fc.Arbitrary<'view' | 'start_drafting'>), (start, events) => {
        let s = start;
        for (const e of events) if (recipientMachine.can(s, e)) s = recipientMachine.next(s, e);
        if (start === 'submitted' || start === 'exempted') return s === start;
        return true;
      }),
    );
  });
});
