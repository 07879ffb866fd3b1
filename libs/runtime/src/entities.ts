import { accessEntities } from '@zq/access';
import { directoryEntities } from '@zq/directory';
import { mailEntities } from '@zq/mail';
import { AuditEvent, OutboxEntry } from '@zq/persistence';

/** Every entity of the product: the TypeORM data source and the migration drift check use this list. */
export const allEntities: Function[] = [OutboxEntry, AuditEvent, ...directoryEntities, ...accessEntities, ...mailEntities];
