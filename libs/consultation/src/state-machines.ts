import type { RecipientStatus, RoundStatus } from './entities/round.entity';
import { ConsultationErrors } from './errors';

/** A finite state machine: named transitions only; anything else is a ROUND_/RECIPIENT_ rule error. */
export class StateMachine<S extends string, E extends string> {
  constructor(
    private readonly name: 'ROUND' | 'RECIPIENT',
    private readonly transitions: Record<E, { from: readonly S[]; to: S }>,
    private readonly labels: Record<S, string>,
  ) {}

  can(from: S, event: E): boolean {
    return this.transitions[event].from.includes(from);
  }

  next(from: S, event: E): S {
    const t = this.transitions[event];
    if (!t.from.includes(from)) {
      throw ConsultationErrors.transitionNotAllowed(this.name, this.labels[from], { from, event });
    }
    return t.to;
  }

  /** states from which an event is allowed (for SQL guards: WHERE status = ANY(…)) */
  sources(event: E): readonly S[] {
    return this.transitions[event].from;
  }

  events(): E[] {
    return Object.keys(this.transitions) as E[];
  }
}

export type RoundEvent = 'launch' | 'close' | 'reopen' | 'conclude';

/** Round: draft → open (launched) → closed → concluded; a closed round may be reopened. */
export const roundMachine = new StateMachine<RoundStatus, RoundEvent>(
  'ROUND',
  {
    launch: { from: ['draft'], to: 'open' },
    close: { from: ['open'], to: 'closed' },
    reopen: { from: ['closed'], to: 'open' },
    conclude: { from: ['closed'], to: 'concluded' },
  },
  { draft: '草稿', open: '征求中', closed: '已截止', concluded: '已办结' },
);

export type RecipientEvent = 'view' | 'start_drafting' | 'submit' | 'return' | 'exempt' | 'revise' | 'withdraw';

/**
 * Recipient: pending → viewed → drafting → submitted, or returned (退回补正) → drafting again.
 * A submitted unit may file a new sealed revision (revise keeps it submitted), or withdraw its
 * reply by a sealed withdrawal (back to drafting: it has no reply until it seals again).
 */
export const recipientMachine = new StateMachine<RecipientStatus, RecipientEvent>(
  'RECIPIENT',
  {
    view: { from: ['pending'], to: 'viewed' },
    start_drafting: { from: ['pending', 'viewed', 'returned'], to: 'drafting' },
    submit: { from: ['pending', 'viewed', 'drafting', 'returned'], to: 'submitted' },
    revise: { from: ['submitted'], to: 'submitted' },
    withdraw: { from: ['submitted'], to: 'drafting' },
    return: { from: ['submitted'], to: 'returned' },
    exempt: { from: ['pending', 'viewed', 'drafting', 'returned'], to: 'exempted' },
  },
  { pending: '未查看', viewed: '已查看', drafting: '起草中', submitted: '已反馈', returned: '退回补正', exempted: '已豁免' },
);
