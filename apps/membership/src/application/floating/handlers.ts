import { CheckInFloatingMemberHandler } from './check-in-floating-member.command';
import { CheckOutFloatingMemberHandler } from './check-out-floating-member.command';
import { RegisterFloatingMemberHandler } from './register-floating-member.command';

/** 流动党员 floating members: the handlers of every use case. */
export const FLOATING_HANDLERS = [CheckInFloatingMemberHandler, CheckOutFloatingMemberHandler, RegisterFloatingMemberHandler];
