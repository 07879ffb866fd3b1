import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@zq/persistence';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import nodemailer, { Transporter } from 'nodemailer';

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

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.dir = join(config.dataDir, 'mail');
    if (config.smtpUrl) {
      this.kind = 'smtp';
      this.transporter = nodemailer.createTransport({
        url: config.smtpUrl,
        pool: true,
        maxConnections: config.smtpPoolSize,
        maxMessages: config.smtpMaxMessages,
        connectionTimeout: 10_000,
        greetingTimeout: 10_000,
        socketTimeout: 30_000,
        // a local relay without a valid certificate must not block delivery; set SMTP_URL=smtps:// for TLS
        ignoreTLS: new URL(config.smtpUrl).searchParams.get('ignoreTLS') === 'true',
      } as never);
    } else {
      this.kind = 'file';
      this.transporter = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
    }
  }

  async send(mail: OutgoingMail): Promise<void> {
    const message = {
      from: this.config.mailFrom,
      to: mail.toName ? { name: mail.toName, address: mail.to } : mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html ?? undefined,
      messageId: mail.messageId,
      headers: mail.headers,
      attachments: mail.attachments?.map((a) => ({ filename: a.filename, content: a.content, contentType: a.contentType })),
    };
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

  onApplicationShutdown(): void {
    this.transporter.close();
  }
}
