import { Module } from '@nestjs/common';
import { MailDelivery } from './mail-delivery.service';
import { MailService } from './mail.service';
import { MailTransport } from './mail-transport';
import { SendMailHandler } from './send-mail.handler';

@Module({
  providers: [MailTransport, MailService, SendMailHandler, MailDelivery],
  exports: [MailTransport, MailService, MailDelivery],
})
export class MailModule {}
