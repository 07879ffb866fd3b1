import type { AppConfig } from '@zq/persistence';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ReceiptKeyService } from './receipt-key.service';

/** The receipt signing key in DATA_DIR: made once, never seen half-written, shared by processes starting together. */
describe('ReceiptKeyService', () => {
  let dir: string;
  const service = (file: string) => new ReceiptKeyService({ signingKeyFile: file } as AppConfig);
  beforeEach(async () => (dir = await mkdtemp(join(tmpdir(), 'zq-key-'))));
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('services starting together on a missing key file all sign with the one key written to it', async () => {
    const file = join(dir, 'keys', 'receipt-signing-key.pem');
    const signers = await Promise.all(Array.from({ length: 12 }, () => service(file).signer()));
    const onDisk = await service(file).signer();
    expect(new Set(signers.map((s) => s.keyId()))).toEqual(new Set([onDisk.keyId()]));
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(await readdir(join(dir, 'keys'))).toEqual(['receipt-signing-key.pem']); // no temporary files left
  });

  it('replaces an empty key file (a start cut off before the key was written) instead of failing every seal', async () => {
    const file = join(dir, 'receipt-signing-key.pem');
    await writeFile(file, '');
    const signer = await service(file).signer();
    expect((await readFile(file, 'utf8')).trim()).not.toBe('');
    expect((await service(file).signer()).keyId()).toBe(signer.keyId());
  });

  it('keeps an existing key', async () => {
    const file = join(dir, 'receipt-signing-key.pem');
    const first = await service(file).signer();
    const before = await readFile(file, 'utf8');
    expect((await service(file).signer()).keyId()).toBe(first.keyId());
    expect(await readFile(file, 'utf8')).toBe(before);
  });
});
