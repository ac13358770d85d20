import { createServiceApp, loadConfig, runService, ServiceConfig } from '@pb/platform';
import { GovernanceModule } from './governance.module';

void runService('governance', async () => {
  const config = loadConfig(ServiceConfig, process.env, { PORT: 3003, MONGODB_DATABASE: 'governance' });
  const app = await createServiceApp(GovernanceModule.register(config), { title: ' co-governance committees, grids, grid workers, the case loop.:基层共治服务 Governance' });
  return { app, port: config.PORT };
});
