import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@zq/persistence';
import { appendFile, mkdir, open } from 'node:fs/promises';
import { dirname } from 'node:path';
import { sha256Hex } from './receipt/digest';
import { ReceiptSigner } from './receipt/receipt-signer';
import { ReceiptKeyService } from './receipt-key.service';

/** One line of the chain head log: a seal as it was appended to its round's chain. */
export interface ChainHeadEntry {
  v: 1;
  /** when the line was written */
  at: string;
  roundId: string;
  chainSeq: number;
  chainHash: string;
  trackingNo: string;
  digest: string;
  unit: string;
  actingUnit: string;
  sealedAt: string;
  keyId: string;
}

/** What the log says about one round. */
export interface RoundAnchor {
  file: string;
  /** lines of this round, by chain position (the last one written wins a repeat) */
  bySeq: Map<number, ChainHeadEntry>;
  /** the highest chain position the log has seen for the round */
  head: ChainHeadEntry | null;
  /** lines naming this round whose signature does not hold with this server's key (forged or garbled) */
  unverifiable: number;
}

/**
 * The round's chain head, anchored outside the database: after every committed seal batch, one line
 * per seal (JSON, signed with the receipt key over the SHA-256 of the line without its `sig`) is
 * appended to AppConfig.chainHeadLogFile (O_APPEND, never rewritten). Whoever can change the
 * database — deleting the newest seals together with their audit rows, triggers off — cannot change
 * this file unless they also hold the server's file system; verification checks the stored chain
 * against it. Written after commit: a crash between commit and write leaves the log one batch short
 * (never ahead of the database), so the log can only under-report.
 */
@Injectable()
export class ChainHeadLogService {
  private readonly log = new Logger('ChainHeadLog');
  private writing: Promise<unknown> = Promise.resolve();
  /** the log's folder was made (once; again after a failed write, in case it was removed) */
  private folderMade = false;
  // incremental reader: what has been read of the file so far
  private offset = 0;
  private partial = '';
  private rounds = new Map<string, { bySeq: Map<number, ChainHeadEntry>; unverifiable: number }>();
  private byTrackingNo = new Map<string, ChainHeadEntry>();
  private reading: Promise<void> | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly keys: ReceiptKeyService,
  ) {}

  get file(): string {
    return this.config.chainHeadLogFile;
  }

  /**
   * Appends the seals of one committed batch. Never throws: the seals are committed already; a log
   * that cannot be written is reported (error log) and the receipts still go out.
   */
  async append(entries: Omit<ChainHeadEntry, 'v' | 'at' | 'keyId'>[], signer: ReceiptSigner): Promise<void> {
    if (!entries.length) return;
    const at = new Date().toISOString();
    const text = entries.map((e) => `${signedLine({ v: 1, at, ...e, keyId: signer.keyId() }, signer)}\n`).join('');
    const write = this.writing.then(async () => {
      if (!this.folderMade) await mkdir(dirname(this.file), { recursive: true });
      this.folderMade = true;
      await appendFile(this.file, text, { flag: 'a', mode: 0o640 }).catch((error) => {
        this.folderMade = false;
        throw error;
      });
    });
    this.writing = write.catch(() => undefined);
    try {
      await write;
    } catch (error) {
      this.log.error(`链头记录写入失败（${this.file}）：${(error as Error).message}；本批 ${entries.length} 份回执已提交，但没有库外锚点`);
    }
  }

  /** What the log holds for a round (reads only what was appended since the last call). */
  async round(roundId: string): Promise<RoundAnchor> {
    await this.refresh();
    const r = this.rounds.get(roundId);
    const bySeq = r?.bySeq ?? new Map<number, ChainHeadEntry>();
    let head: ChainHeadEntry | null = null;
    for (const e of bySeq.values()) if (!head || e.chainSeq > head.chainSeq) head = e;
    return { file: this.file, bySeq, head, unverifiable: r?.unverifiable ?? 0 };
  }

  /** The logged seal of a tracking number, or null. */
  async entry(trackingNo: string): Promise<ChainHeadEntry | null> {
    await this.refresh();
    return this.byTrackingNo.get(trackingNo) ?? null;
  }

  private refresh(): Promise<void> {
    // one reader at a time; a caller arriving while a read runs waits for it and reads again
    const next = (this.reading ?? Promise.resolve()).then(() => this.readNew());
    this.reading = next.catch(() => undefined);
    return next;
  }

  private async readNew(): Promise<void> {
    const handle = await open(this.file, 'r').catch((error) => (error.code === 'ENOENT' ? null : Promise.reject(error)));
    if (!handle) {
      this.reset();
      return;
    }
    try {
      const { size } = await handle.stat();
      if (size < this.offset) this.reset(); // replaced or cut short: read it all again
      if (size === this.offset) return;
      const buffer = Buffer.alloc(size - this.offset);
      let read = 0;
      while (read < buffer.length) {
        const { bytesRead } = await handle.read(buffer, read, buffer.length - read, this.offset + read);
        if (!bytesRead) break;
        read += bytesRead;
      }
      this.offset += read;
      const text = this.partial + buffer.subarray(0, read).toString('utf8');
      const lines = text.split('\n');
      this.partial = lines.pop() ?? '';
      const pem = (await this.keys.signer()).publicKeyPem();
      const keyId = (await this.keys.signer()).keyId();
      for (const line of lines) if (line.trim()) this.index(line, pem, keyId);
    } finally {
      await handle.close();
    }
  }

  private index(line: string, pem: string, keyId: string): void {
    let parsed: (ChainHeadEntry & { sig?: unknown }) | null = null;
    try {
      parsed = JSON.parse(line);
    } catch {
      parsed = null;
    }
    if (!parsed || typeof parsed !== 'object' || typeof parsed.roundId !== 'string') return;
    const round = this.rounds.get(parsed.roundId) ?? { bySeq: new Map(), unverifiable: 0 };
    this.rounds.set(parsed.roundId, round);
    const { sig, ...entry } = parsed;
    const valid =
      entry.v === 1 &&
      entry.keyId === keyId &&
      Number.isInteger(entry.chainSeq) &&
      typeof entry.chainHash === 'string' &&
      typeof entry.trackingNo === 'string' &&
      typeof sig === 'string' &&
      ReceiptSigner.verify(pem, sha256Hex(JSON.stringify(entry)), sig);
    if (!valid) {
      round.unverifiable++;
      return;
    }
    round.bySeq.set(entry.chainSeq, entry);
    this.byTrackingNo.set(entry.trackingNo, entry);
  }

  private reset(): void {
    this.offset = 0;
    this.partial = '';
    this.rounds = new Map();
    this.byTrackingNo = new Map();
  }
}

/** The entry as one JSON line with its signature last (the signed text is the line without `sig`). */
function signedLine(entry: ChainHeadEntry, signer: ReceiptSigner): string {
  const body = JSON.stringify(entry);
  return `${body.slice(0, -1)},"sig":${JSON.stringify(signer.sign(sha256Hex(body)))}}`;
}
