import { SendDueRemindersHandler } from './send-due-reminders.command';

/** 到期提醒: the handlers of every use case. */
export const REMINDERS_HANDLERS = [SendDueRemindersHandler];
