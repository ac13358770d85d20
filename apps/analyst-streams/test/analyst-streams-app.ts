import { describeServiceApp } from '@pb/testing';
import { AnalystStreamsConfig } from '../src/analyst-streams.config';
import { AnalystStreamsModule } from '../src/analyst-streams.module';

/** The analyst-streams app as the test harness builds it (`startServiceApp(ANALYST_STREAMS)`). */
export const ANALYST_STREAMS = describeServiceApp({
  name: 'analyst-streams',
  config: AnalystStreamsConfig,
  module: (config, options) => AnalystStreamsModule.register(config, options),
});
