import type { EntityManager } from 'typeorm';
import { SqlParam, sqlParams } from './sql-params';

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
  const rows = (Array.isArray(events) ? events : [events]).map(auditRow);
  for (let i = 0; i < rows.length; i += AUDIT_ROWS_PER_STATEMENT) {
    const params: unknown[] = [];
    await em.query(insertSql(rows.slice(i, i + AUDIT_ROWS_PER_STATEMENT), sqlParams(params)), params);
  }
}

/** audit rows written by one statement */
export const AUDIT_ROWS_PER_STATEMENT = 5000;

/**
 * recordAudit as the INSERT for a data-modifying CTE of the caller's statement (`audit AS (…)`), so a
 * change and its audit rows go in one statement. At most AUDIT_ROWS_PER_STATEMENT events.
 */
export function auditInsertSql(events: AuditInput[], param: SqlParam): string {
  if (events.length > AUDIT_ROWS_PER_STATEMENT) throw new RangeError(`at most ${AUDIT_ROWS_PER_STATEMENT} audit rows per statement`);
  return insertSql(events.map(auditRow), param);
}

const auditRow = (e: AuditInput) => ({
  actor_user_id: e.actorUserId,
  action: e.action,
  entity_type: e.entityType,
  entity_id: e.entityId,
  data: e.data ?? {},
});

function insertSql(rows: ReturnType<typeof auditRow>[], param: SqlParam): string {
  return `INSERT INTO audit_event (actor_user_id, action, entity_type, entity_id, data)
     SELECT t.actor_user_id, t.action, t.entity_type, t.entity_id, t.data
       FROM json_to_recordset(${param(JSON.stringify(rows))}::json) AS t(actor_user_id uuid, action text, entity_type text, entity_id text, data jsonb)`;
}
