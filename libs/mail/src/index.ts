export * from './mail-message.entity';
export * from './mail-transport';
export * from './mail.service';
export * from './mail.module';
export * from './templates/layout';
export * from './templates/invitation';
import { MailMessage } from "./mail-message.entity";
export const mailEntities = [MailMessage];
