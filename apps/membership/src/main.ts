import { createServiceApp, loadConfig, runService, ServiceConfig } from '@pb/platform';
import { MembershipModule } from './membership.module';

void runService('membership', async () => {
  const config = loadConfig(ServiceConfig, process.env, { PORT: 3001, MONGODB_DATABASE: 'membership' });
  const app = await createServiceApp(MembershipModule.register(config), { title: '党员管理服务 Membership' });
  return { app, port: config.PORT };
});
