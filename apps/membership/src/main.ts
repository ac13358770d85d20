import { createServiceApp, loadConfig, runService } from '@pb/platform';
import { MembershipConfig } from './membership.config';
import { MembershipModule } from './membership.module';

void runService('membership', async () => {
  const config = loadConfig(MembershipConfig, process.env, { PORT: 3001, MONGODB_DATABASE: 'membership' });
  const app = await createServiceApp(MembershipModule.register(config), { title: '党员管理服务 Membership' });
  return { app, port: config.PORT };
});
