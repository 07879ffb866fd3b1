import { Module } from '@nestjs/common';
import { MailService } from './mail.service';
import { MailTransport } from './mail-transport';
import { SendMailHandler } from './send-mail.handler';

@Module({
  providers: [MailTransport, MailService, SendMailHandler],
  exports: [MailTransport, MailService],
})
export class MailModule {}
