import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@zq/persistence';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
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
    if (existing !== null) return ReceiptSigner.fromPrivateKeyPem(existing);
    const fresh = ReceiptSigner.generate();
    await mkdir(dirname(file), { recursive: true });
    try {
      // 'wx': when another process (API and worker) created it first, use theirs
      await writeFile(file, fresh.exportPrivateKeyPem(), { mode: 0o600, flag: 'wx' });
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      return ReceiptSigner.fromPrivateKeyPem(await readFile(file, 'utf8'));
    }
    this.log.warn(`generated a new receipt signing key ${fresh.keyId()} in ${file}: back this file up`);
    return fresh;
  }
}
