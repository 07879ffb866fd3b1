import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@zq/persistence';
import { randomBytes } from 'node:crypto';
import { link, mkdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { ReceiptSigner } from './receipt/receipt-signer';

/**
 * The server's Ed25519 receipt key, loaded from AppConfig.signingKeyFile; generated (mode 0600) on
 * first use. Losing the file makes earlier receipts unverifiable by signature: back it up.
 */
@Injectable()
export class ReceiptKeyService {
  private readonly log = new Logger('ReceiptKey');
  private loading: Promise<ReceiptSigner> | null = null;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  signer(): Promise<ReceiptSigner> {
    this.loading ??= this.load().catch((error) => {
      this.loading = null; // a transient failure (disk) must not poison every later seal
      throw error;
    });
    return this.loading;
  }

  async publicKey(): Promise<{ keyId: string; algorithm: 'Ed25519'; publicKeyPem: string }> {
    const signer = await this.signer();
    return { keyId: signer.keyId(), algorithm: 'Ed25519', publicKeyPem: signer.publicKeyPem() };
  }

  /** The PEM of the key a receipt names, or null when this server does not hold that key. */
  async publicKeyPemFor(keyId: string): Promise<string | null> {
    const signer = await this.signer();
    return signer.keyId() === keyId ? signer.publicKeyPem() : null;
  }

  private async load(): Promise<ReceiptSigner> {
    const file = this.config.signingKeyFile;
    const existing = await readFile(file, 'utf8').catch((error) => (error.code === 'ENOENT' ? null : Promise.reject(error)));
    if (existing?.trim()) return ReceiptSigner.fromPrivateKeyPem(existing);
    const fresh = ReceiptSigner.generate();
    await mkdir(dirname(file), { recursive: true });
    // written whole to a file of its own, then put in place in one step: the key file is never seen half-written
    const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    await writeFile(tmp, fresh.exportPrivateKeyPem(), { mode: 0o600 });
    try {
      if (existing === null) {
        // link fails when another process (API and worker) put its key there first: use theirs
        await link(tmp, file);
      } else {
        // an empty file: a start cut off between creating and writing it (before keys were written
        // this way); it never held a key, so nothing signed can depend on it
        await rename(tmp, file);
      }
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
    } finally {
      await unlink(tmp).catch(() => undefined);
    }
    // whatever is on disk now is the key: ours, or the one another process put there first
    const onDisk = ReceiptSigner.fromPrivateKeyPem(await readFile(file, 'utf8'));
    if (onDisk.keyId() === fresh.keyId()) this.log.warn(`generated a new receipt signing key ${fresh.keyId()} in ${file}: back this file up`);
    return onDisk;
  }
}
