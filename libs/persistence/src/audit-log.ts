import type { EntityManager } from 'typeorm';

export interface AuditInput {
  actorUserId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  data?: Record<string, unknown>;
}

/**
 * Writes audit rows in the caller's transaction, so a change and its record commit together: one
 * statement per 5,000 rows, the rows as one JSON parameter (no ORM, no per-row binds).
 */
export async function recordAudit(em: EntityManager, events: AuditInput | AuditInput[]): Promise<void> {
  const rows = (Array.isArray(events) ? events : [events]).map((e) => ({
    actor_user_id: e.actorUserId,
    action: e.action,
    entity_type: e.entityType,
    entity_id: e.entityId,
    data: e.data ?? {},
  }));
  for (let i = 0; i < rows.length; i += 5000) {
    await em.query(
      `INSERT INTO audit_event (actor_user_id, action, entity_type, entity_id, data)
       SELECT t.actor_user_id, t.action, t.entity_type, t.entity_id, t.data
         FROM json_to_recordset($1::json) AS t(actor_user_id uuid, action text, entity_type text, entity_id text, data jsonb)`,
      [JSON.stringify(rows.slice(i, i + 5000))],
    );
  }
}
