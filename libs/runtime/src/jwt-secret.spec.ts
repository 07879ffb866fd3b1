import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jwtSecretFor } from './boot';

const dirs: string[] = [];
const newDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'zq-jwt-'));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('the sign-in secret kept in DATA_DIR when JWT_SECRET is not set', () => {
  it('processes starting together on one DATA_DIR end with one secret, the one in the file', async () => {
    const dataDir = newDir();
    const secrets = await Promise.all(Array.from({ length: 12 }, () => jwtSecretFor({ dataDir, jwtSecret: undefined })));
    expect(new Set(secrets).size).toBe(1);
    expect(readFileSync(join(dataDir, 'jwt-secret'), 'utf8')).toBe(secrets[0]);
    expect(await jwtSecretFor({ dataDir, jwtSecret: undefined })).toBe(secrets[0]);
  });

  it('an empty file left by a start cut off while writing it is replaced, not a reason to refuse', async () => {
    const dataDir = newDir();
    writeFileSync(join(dataDir, 'jwt-secret'), '');
    const secret = await jwtSecretFor({ dataDir, jwtSecret: undefined });
    expect(secret.length).toBeGreaterThanOrEqual(32);
    expect(readFileSync(join(dataDir, 'jwt-secret'), 'utf8')).toBe(secret);
  });
});
