import { GetPreferencesHandler } from './preferences/get-preferences.query';
import { SetPreferencesHandler } from './preferences/set-preferences.command';
import { RegisterRecipientHandler } from './recipients/register-recipient.command';
import { SendDueRemindersHandler } from './reminders/send-due-reminders.command';
import { CountUnreadHandler } from './inbox/count-unread.query';
import { ListNotificationsHandler } from './inbox/list-notifications.query';
import { MarkNotificationsHandler } from './inbox/mark-read.command';

/** 待办与通知: the handlers of every use case. */
export const NOTIFICATIONS_HANDLERS = [
  ListNotificationsHandler,
  CountUnreadHandler,
  MarkNotificationsHandler,
  GetPreferencesHandler,
  SetPreferencesHandler,
  RegisterRecipientHandler,
  SendDueRemindersHandler,
];
