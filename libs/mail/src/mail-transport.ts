import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@zq/persistence';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import nodemailer, { Transporter } from 'nodemailer';
import { Worker } from 'node:worker_threads';

export interface OutgoingMail {
  to: string;
  toName?: string;
  subject: string;
  text: string;
  html?: string | null;
  messageId: string;
  headers?: Record<string, string>;
  /** nodemailer encodes the (Chinese) file names per RFC 2231 / 2047 */
  attachments?: { filename: string; content: Buffer; contentType: string }[];
}

/** What a failed send means for the next attempt. */
export type SendFailure =
  /** the server refused this mail for good (5xx to MAIL/RCPT/DATA): retrying will not help */
  | 'permanent'
  /** the server could not be reached or refused service (connection, TLS, 421, auth): pause all sending */
  | 'transport_down'
  /** this mail, this time (4xx): retry it later */
  | 'transient';

export function classifySendError(err: { code?: string; responseCode?: number; command?: string }): SendFailure {
  const rc = err.responseCode;
  if (rc === 421 || err.code === 'EAUTH') return 'transport_down';
  if (rc && rc >= 500 && rc < 600 && err.command !== 'CONN' && err.command !== 'EHLO' && err.command !== 'HELO') return 'permanent';
  if (rc && rc >= 400) return 'transient';
  return 'transport_down';
}

/**
 * The one place that talks to nodemailer: pooled SMTP with timeouts when SMTP_URL is set,
 * otherwise .eml files under DATA_DIR/mail (the embedded default).
 */
@Injectable()
export class MailTransport implements OnApplicationShutdown {
  readonly kind: 'smtp' | 'file';
  private readonly transporter: Transporter;
  private readonly dir: string;
  /** while the server is known to be down: when to probe it next (epoch ms); 0 = up */
  private downUntil = 0;
  private probing: Promise<void> | null = null;
  private thread: SmtpThread | null = null;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.dir = join(config.dataDir, 'mail');
    if (config.smtpUrl) {
      this.kind = 'smtp';
      this.transporter = nodemailer.createTransport(this.smtpOptions() as never);
    } else {
      this.kind = 'file';
      this.transporter = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
    }
  }

  private smtpOptions() {
    return {
      url: this.config.smtpUrl,
      pool: true,
      maxConnections: this.config.smtpPoolSize,
      maxMessages: this.config.smtpMaxMessages,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
      // a local relay without a valid certificate must not block delivery; set SMTP_URL=smtps:// for TLS
      ignoreTLS: new URL(this.config.smtpUrl!).searchParams.get('ignoreTLS') === 'true',
    };
  }

  /**
   * Sends a mail without files on the SMTP sender thread (a pool of its own, SMTP_POOL_SIZE
   * connections): building and writing MIME costs the CPU a burst's batch job needs for its next
   * batch. Without SMTP (mail as .eml files) it is send().
   */
  sendOffThread(mail: OutgoingMail): Promise<void> {
    if (this.kind !== 'smtp' || mail.attachments?.length) return this.send(mail);
    // a thread that died (its in-flight mails were refused with ETHREAD and go to send jobs) is replaced
    if (this.thread && !this.thread.alive) this.thread = null;
    this.thread ??= new SmtpThread(this.smtpOptions());
    return this.thread.send(this.message(mail));
  }

  private message(mail: OutgoingMail) {
    return {
      from: this.config.mailFrom,
      to: mail.toName ? { name: mail.toName, address: mail.to } : mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html ?? undefined,
      messageId: mail.messageId,
      headers: mail.headers,
      attachments: mail.attachments?.map((a) => ({ filename: a.filename, content: a.content, contentType: a.contentType })),
    };
  }

  async send(mail: OutgoingMail): Promise<void> {
    const message = this.message(mail);
    const info = await this.transporter.sendMail(message);
    if (this.kind === 'file') {
      await mkdir(this.dir, { recursive: true });
      const name = mail.messageId.replace(/[<>]/g, '').replace(/[^\w.@-]/g, '_');
      await writeFile(join(this.dir, `${name}.eml`), (info as unknown as { message: Buffer }).message);
    }
  }

  /** Marks the server unreachable: senders pause until a probe (every MAIL_PROBE_SECONDS) finds it back. */
  markDown(now = Date.now()): void {
    if (this.kind === 'smtp') this.downUntil = now + this.config.mail.probeSeconds * 1000;
  }

  /** null when sending may go ahead; else the epoch ms until which sending is paused (the server is down). */
  async pausedUntil(now = Date.now()): Promise<number | null> {
    if (!this.downUntil) return null;
    if (now < this.downUntil) return this.downUntil;
    // one probe for every waiting sender
    this.probing ??= this.transporter
      .verify()
      .then(() => void (this.downUntil = 0))
      .catch(() => this.markDown())
      .finally(() => (this.probing = null));
    await this.probing;
    return this.downUntil || null;
  }

  markUp(): void {
    this.downUntil = 0;
  }

  get isDown(): boolean {
    return this.downUntil > 0;
  }

  /** For the health check: can we reach the SMTP server / write the mail folder? */
  async verify(): Promise<void> {
    if (this.kind === 'smtp') {
      await this.transporter.verify();
      return;
    }
    await mkdir(this.dir, { recursive: true });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.thread?.close();
    this.thread = null;
    this.transporter.close();
  }
}

/** What a send on the thread failed with: the fields classifySendError reads. */
interface ThreadError {
  message: string;
  code?: string;
  responseCode?: number;
  command?: string;
}

const THREAD_CODE = `
const { parentPort, workerData } = require('node:worker_threads');
const transport = require(workerData.nodemailer).createTransport(workerData.options);
parentPort.on('message', (m) => {
  if (m === 'close') { transport.close(); parentPort.close(); return; }
  transport.sendMail(m.message).then(
    () => parentPort.postMessage({ seq: m.seq }),
    (e) => parentPort.postMessage({ seq: m.seq, err: { message: String((e && e.message) || e), code: e && e.code, responseCode: e && e.responseCode, command: e && e.command } }),
  );
});`;

/** A nodemailer pool on a worker thread: mails in, each send's outcome back. */
class SmtpThread {
  private readonly worker: Worker;
  private readonly waiting = new Map<number, { resolve: () => void; reject: (err: Error) => void }>();
  private seq = 0;
  private failed: Error | null = null;

  constructor(options: object) {
    this.worker = new Worker(THREAD_CODE, { eval: true, workerData: { nodemailer: require.resolve('nodemailer'), options } });
    this.worker.on('message', (m: { seq: number; err?: ThreadError }) => {
      const w = this.waiting.get(m.seq);
      this.waiting.delete(m.seq);
      if (m.err) w?.reject(Object.assign(new Error(m.err.message), m.err));
      else w?.resolve();
    });
    const fail = (err: Error) => {
      this.failed = err;
      for (const w of this.waiting.values()) w.reject(err);
      this.waiting.clear();
    };
    this.worker.on('error', fail);
    this.worker.on('exit', () => fail(Object.assign(new Error('SMTP 发送线程已退出'), { code: 'ETHREAD' })));
  }

  get alive(): boolean {
    return !this.failed;
  }

  send(message: object): Promise<void> {
    if (this.failed) return Promise.reject(this.failed);
    const seq = ++this.seq;
    return new Promise<void>((resolve, reject) => {
      this.waiting.set(seq, { resolve, reject });
      this.worker.postMessage({ seq, message });
    });
  }

  async close(): Promise<void> {
    this.worker.postMessage('close');
    await Promise.race([new Promise((r) => this.worker.once('exit', r)), new Promise((r) => setTimeout(r, 2000).unref())]);
    await this.worker.terminate();
  }
}
