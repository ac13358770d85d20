import { describeServiceApp } from '@pb/testing';
import { NotificationsConfig } from '../src/notifications.config';
import { NotificationsModule } from '../src/notifications.module';

/** The notifications app as the test harness builds it (`startServiceApp(NOTIFICATIONS)`). */
export const NOTIFICATIONS = describeServiceApp({
  name: 'notifications',
  config: NotificationsConfig,
  module: (config, options) => NotificationsModule.register(config, options),
});
