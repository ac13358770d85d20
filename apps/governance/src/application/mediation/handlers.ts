import { FindMediationsHandler } from './find-mediations.query';
import { OpenMediationHandler } from './open-mediation.command';
import { ProgressMediationHandler } from './progress-mediation.command';

/** 矛盾调解 mediation: the handlers of every use case. */
export const MEDIATION_HANDLERS = [OpenMediationHandler, ProgressMediationHandler, FindMediationsHandler];
