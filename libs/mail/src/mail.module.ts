import { Module } from '@nestjs/common';
import { MailBatchSender } from './mail-batch-sender';
import { MailDelivery } from './mail-delivery.service';
import { MailService } from './mail.service';
import { MailTransport } from './mail-transport';
import { SendMailHandler } from './send-mail.handler';

@Module({
  providers: [MailTransport, MailService, SendMailHandler, MailDelivery, MailBatchSender],
  exports: [MailTransport, MailService, MailDelivery, MailBatchSender],
})
export class MailModule {}
