import { Clause, ClauseResponsibility } from './clause.entity';
import { DraftVersion, Policy } from './policy.entity';
export * from './clause.entity';
export * from './policy.entity';
export const draftingEntities = [Policy, DraftVersion, Clause, ClauseResponsibility];
