import { APP_CONFIG, AppConfig } from '@zq/persistence';
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ConsultationRound } from './entities/round.entity';
import type { RoundFacts } from './mail/round-mails';

/** What the round mails need to know of a round, its draft and its organizer. */
@Injectable()
export class RoundFactsReader {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** the link a recipient follows to read the draft and reply */
  portalUrl(roundId: string): string {
    return `${this.config.publicUrl}/my/rounds/${roundId}`;
  }

  officeUrl(roundId: string): string {
    return `${this.config.publicUrl}/rounds/${roundId}/board`;
  }

  async read(em: EntityManager, round: ConsultationRound): Promise<RoundFacts> {
    const [row] = await em.query(
      `SELECT (SELECT short_name FROM unit WHERE kind = 'organizer' ORDER BY sort_order LIMIT 1) AS organizer,
              (SELECT title FROM draft_version WHERE id = $1) AS "documentTitle"`,
      [round.versionId],
    );
    return {
      organizer: row?.organizer ?? '征求意见发起单位',
      title: round.title,
      documentTitle: row?.documentTitle ?? round.title,
      deadline: round.deadline,
      contactName: round.contactName,
      contactPhone: round.contactPhone,
      sealRequired: round.sealRequired,
      cityApproval: round.cityApproval,
      silenceRule: round.silenceRule,
      url: this.portalUrl(round.id),
    };
  }
}
