import type { EntityManager } from 'typeorm';

/**
 * Ports drafting declares for what only the libraries above it know (an abstract class is the DI
 * token; the implementations are bound in @zq/runtime). Drafting never reads their tables.
 */

/** Whether a unit may read a version: it was sent to the unit (or its city) in a launched round. Implemented by consultation. */
export abstract class VersionVisibility {
  abstract visibleTo(versionId: string, unitIds: string[]): Promise<boolean>;
}

/**
 * Whether a version may be published by hand. A round's next version is published by concluding
 * that round: this names the round still to conclude, or null. Implemented by adoption.
 */
export abstract class VersionPublication {
  abstract awaitingConclusion(em: EntityManager, versionId: string): Promise<{ roundId: string } | null>;
}
