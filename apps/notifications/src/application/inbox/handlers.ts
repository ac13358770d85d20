import { ListNotificationsHandler } from './list-notifications.query';

/** 我的待办与通知: the handlers of every use case. */
export const INBOX_HANDLERS = [ListNotificationsHandler];
