import { describeServiceApp } from '@pb/testing';
import { MembershipConfig } from '../src/membership.config';
import { MembershipModule } from '../src/membership.module';

/** The membership app as the test harness builds it (`startServiceApp(MEMBERSHIP)`). */
export const MEMBERSHIP = describeServiceApp({ name: 'membership', config: MembershipConfig, module: (config, options) => MembershipModule.register(config, options) });
