import { KafkaEventTransport } from '@pb/messaging';
import { createServiceApp, loadConfig, runService } from '@pb/platform';
import { ANALYST_STREAMS_DEFAULTS, AnalystStreamsConfig } from './analyst-streams.config';
import { AnalystStreamsModule } from './analyst-streams.module';

void runService('analyst-streams', async () => {
  const config = loadConfig(AnalystStreamsConfig, process.env, ANALYST_STREAMS_DEFAULTS);
  const app = await createServiceApp(AnalystStreamsModule.register(config), {
    title: '分析事件流 Analyst streams',
    consumer: (a) => a.get(KafkaEventTransport),
  });
  return { app, port: config.PORT };
});
