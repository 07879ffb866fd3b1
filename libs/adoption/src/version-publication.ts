import { Injectable } from '@nestjs/common';
import { VersionPublication } from '@zq/drafting';
import type { EntityManager } from 'typeorm';

/** Drafting's VersionPublication port: a round's next version waits for that round's 办结. */
@Injectable()
export class ConclusionPublication extends VersionPublication {
  async awaitingConclusion(em: EntityManager, versionId: string): Promise<{ roundId: string } | null> {
    const [pending]: { id: string }[] = await em.query(
      `SELECT r.id FROM round_adoption a JOIN consultation_round r ON r.id = a.round_id
        WHERE a.next_version_id = $1 AND r.status <> 'concluded' LIMIT 1`,
      [versionId],
    );
    return pending ? { roundId: pending.id } : null;
  }
}
