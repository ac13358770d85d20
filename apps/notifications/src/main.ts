import { KafkaEventTransport } from '@pb/messaging';
import { createServiceApp, loadConfig, runService } from '@pb/platform';
import { NotificationsConfig } from './notifications.config';
import { NotificationsModule } from './notifications.module';

void runService('notifications', async () => {
  const config = loadConfig(NotificationsConfig, process.env, { PORT: 3006, MONGODB_DATABASE: 'notifications' });
  const app = await createServiceApp(NotificationsModule.register(config), {
    title: '消息通知 Notifications: to-dos and notices for every role, from the facts of every context',
    consumer: (a) => a.get(KafkaEventTransport),
  });
  return { app, port: config.PORT };
});
