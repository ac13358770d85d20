import { KafkaEventTransport } from '@pb/messaging';
import { createServiceApp, loadConfig, runService } from '@pb/platform';
import { EnterpriseConfig } from './enterprise.config';
import { EnterpriseModule } from './enterprise.module';

void runService('enterprise', async () => {
  const config = loadConfig(EnterpriseConfig, process.env, { PORT: 3004, MONGODB_DATABASE: 'enterprise' });
  const app = await createServiceApp(EnterpriseModule.register(config), {
    title: '企业服务 Enterprise: enterprises, requests, service days, bank-enterprise matching, policies, mentors, maker spaces',
    consumer: (a) => a.get(KafkaEventTransport),
  });
  return { app, port: config.PORT };
});
