import { createServiceApp, loadConfig, runService, ServiceConfig } from '@pb/platform';
import { EnterpriseModule } from './enterprise.module';

void runService('enterprise', async () => {
  const config = loadConfig(ServiceConfig, process.env, { PORT: 3004, MONGODB_DATABASE: 'enterprise' });
  const app = await createServiceApp(EnterpriseModule.register(config), { title: ' enterprises, requests, service days, bank-enterprise matching, mentors, maker spaces.:企业服务 Enterprise' });
  return { app, port: config.PORT };
});
