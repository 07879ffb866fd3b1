import type { EntityManager } from 'typeorm';
import { AuditEvent } from './audit-event.entity';

export interface AuditInput {
  actorUserId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  data?: Record<string, unknown>;
}

/** Writes audit rows in the caller's transaction, so a change and its record commit together. */
export async function recordAudit(em: EntityManager, events: AuditInput | AuditInput[]): Promise<void> {
  const rows = (Array.isArray(events) ? events : [events]).map((e) => ({ ...e, data: e.data ?? {} }));
  for (let i = 0; i < rows.length; i += 1000) {
    await em.createQueryBuilder().insert().into(AuditEvent).values(rows.slice(i, i + 1000) as never).execute();
  }
}
