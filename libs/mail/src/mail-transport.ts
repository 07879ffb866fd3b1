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

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.dir = join(config.dataDir, 'mail');
    if (config.smtpUrl) {
      this.kind = 'smtp';
      this.transporter = nodemailer.createTransport({
        url: config.smtpUrl,
        pool: true,
        maxConnections: 5,
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
    };
    const info = await this.transporter.sendMail(message);
    if (this.kind === 'file') {
      await mkdir(this.dir, { recursive: true });
      const name = mail.messageId.replace(/[<>]/g, '').replace(/[^\w.@-]/g, '_');
      await writeFile(join(this.dir, `${name}.eml`), (info as unknown as { message: Buffer }).message);
    }
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
