import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/** A fresh, empty database on the given server, for one test file or one bench run; drop it when done. */
export async function createScratchDatabase(prefix: string, adminUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `${prefix.replace(/[^a-z0-9]/gi, '_').toLowerCase().slice(0, 40)}_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
