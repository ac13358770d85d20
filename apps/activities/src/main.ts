import { KafkaEventTransport } from '@pb/messaging';
import { createServiceApp, loadConfig, runService } from '@pb/platform';
import { ActivitiesConfig } from './activities.config';
import { ActivitiesModule } from './activities.module';

void runService('activities', async () => {
  const config = loadConfig(ActivitiesConfig, process.env, { PORT: 3002, MONGODB_DATABASE: 'activities' });
  const app = await createServiceApp(ActivitiesModule.register(config), {
    title: '党建活动服务 Activities: organization life, volunteering, pledges, vanguard posts, ratings, service-centre rooms',
    consumer: (a) => a.get(KafkaEventTransport),
  });
  return { app, port: config.PORT };
});
