import { KafkaEventTransport } from '@pb/messaging';
import { createServiceApp, loadConfig, runService } from '@pb/platform';
import { GovernanceConfig } from './governance.config';
import { GovernanceModule } from './governance.module';

void runService('governance', async () => {
  const config = loadConfig(GovernanceConfig, process.env, { PORT: 3003, MONGODB_DATABASE: 'governance' });
  const app = await createServiceApp(GovernanceModule.register(config), {
    title: '基层共治服务 Governance: co-governance committees, grids, grid workers, the case loop',
    consumer: (a) => a.get(KafkaEventTransport),
  });
  return { app, port: config.PORT };
});
