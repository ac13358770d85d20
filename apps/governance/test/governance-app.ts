import { describeServiceApp } from '@pb/testing';
import { GovernanceConfig } from '../src/governance.config';
import { GovernanceModule } from '../src/governance.module';

/** The governance app as the test harness builds it (`startServiceApp(GOVERNANCE)`). */
export const GOVERNANCE = describeServiceApp({ name: 'governance', config: GovernanceConfig, module: (config, options) => GovernanceModule.register(config, options) });
