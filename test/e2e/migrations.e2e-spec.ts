import { pendingSchemaChanges } from '../../apps/cli/src/commands/migration-generate';
import { createTestDatabase } from '../support/database';

describe('migrations', () => {
  it('run on an empty database and leave no drift from the entities', async () => {
    const db = await createTestDatabase('migrations');
    try {
      const { up } = await pendingSchemaChanges(db.url);
      expect(up).toEqual([]);
    } finally {
      await db.drop();
    }
  });
});
