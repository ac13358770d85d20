import { describeServiceApp } from '@pb/testing';
import { EnterpriseConfig } from '../src/enterprise.config';
import { EnterpriseModule } from '../src/enterprise.module';

/** The enterprise app as the test harness builds it (`startServiceApp(ENTERPRISE)`). */
export const ENTERPRISE = describeServiceApp({ name: 'enterprise', config: EnterpriseConfig, module: (config, options) => EnterpriseModule.register(config, options) });
