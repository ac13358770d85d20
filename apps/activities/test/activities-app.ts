import { describeServiceApp } from '@pb/testing';
import { ActivitiesConfig } from '../src/activities.config';
import { ActivitiesModule } from '../src/activities.module';

/** The activities app as the test harness builds it (`startServiceApp(ACTIVITIES)`). */
export const ACTIVITIES = describeServiceApp({ name: 'activities', config: ActivitiesConfig, module: (config, options) => ActivitiesModule.register(config, options) });
