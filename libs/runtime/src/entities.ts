import { accessEntities } from '@zq/access';
import { adoptionEntities } from '@zq/adoption';
import { consultationEntities } from '@zq/consultation';
import { directoryEntities } from '@zq/directory';
import { draftingEntities } from '@zq/drafting';
import { feedbackEntities } from '@zq/feedback';
import { mailEntities } from '@zq/mail';
import { AuditEvent, OutboxEntry } from '@zq/persistence';
import { reminderEntities } from '@zq/reminders';

/** Every entity of the product: the TypeORM data source and the migration drift check use this list. */
export const allEntities: Function[] = [
  OutboxEntry,
  AuditEvent,
  ...directoryEntities,
  ...accessEntities,
  ...mailEntities,
  ...draftingEntities,
  ...consultationEntities,
  ...reminderEntities,
  ...feedbackEntities,
  ...adoptionEntities,
];
