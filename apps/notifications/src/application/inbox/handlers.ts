import { CountUnreadHandler } from './count-unread.query';
import { ListNotificationsHandler } from './list-notifications.query';
import { MarkNotificationsHandler } from './mark-read.command';

/** 我的待办与通知: the handlers of every use case. */
export const INBOX_HANDLERS = [ListNotificationsHandler, CountUnreadHandler, MarkNotificationsHandler];
