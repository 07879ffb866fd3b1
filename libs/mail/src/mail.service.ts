import { Injectable } from '@nestjs/common';
import { JobName, OutboxService } from '@zq/jobs';
import { createHash } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { MailMessage } from './mail-message.entity';
import type { RenderedMail } from './templates/layout';

export interface ComposeMail extends RenderedMail {
  /** deterministic key of the decision that produced this mail (e.g. reminder.<round>.<unit>.<slot>) */
  dedupeKey: string;
  purpose: string;
  to: string;
  toName?: string;
  roundId?: string | null;
  unitId?: string | null;
}

export const messageIdFor = (dedupeKey: string) =>
  `<${createHash('sha256').update(dedupeKey).digest('hex').slice(0, 32)}@zhengqiu-yijian.local>`;

/** Decide-and-render: rows written in the caller's transaction; the send happens after commit. */
@Injectable()
export class MailService {
  constructor(private readonly outbox: OutboxService) {}

  /** Returns the ids of mails newly composed (a dedupeKey seen before composes nothing). */
  async compose(em: EntityManager, mails: ComposeMail[], now = new Date()): Promise<string[]> {
    const ids: string[] = [];
    for (let i = 0; i < mails.length; i += 1000) {
      const rows = mails.slice(i, i + 1000).map((m) => ({
        dedupeKey: m.dedupeKey,
        purpose: m.purpose,
        roundId: m.roundId ?? null,
        unitId: m.unitId ?? null,
        toAddress: m.to,
        toName: m.toName ?? '',
        subject: m.subject,
        textBody: m.text,
        htmlBody: m.html,
        messageId: messageIdFor(m.dedupeKey),
      }));
      const result = await em.createQueryBuilder().insert().into(MailMessage).values(rows).orIgnore().returning(['id']).execute();
      ids.push(...(result.raw as { id: string }[]).map((r) => r.id));
    }
    await this.outbox.enqueue(
      em,
      ids.map((id) => ({ name: JobName.SendMail, jobId: `mail.${id}`, payload: { mailId: id } })),
      now,
    );
    return ids;
  }
}
