import { RoundRemindersController } from './round-reminders.controller';

/** Controllers of the reminders domain, registered by ApiModule. */
export const remindersControllers: Function[] = [RoundRemindersController];
