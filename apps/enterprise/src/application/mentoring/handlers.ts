import { AdmitStartupHandler } from './admit-startup.command';
import { ChangeStartupStatusHandler } from './change-startup-status.command';
import { MatchMentorHandler } from './match-mentor.command';
import { OpenMakerSpaceHandler } from './open-maker-space.command';
import { RegisterMentorHandler } from './register-mentor.command';

/** 导师库、众创空间 mentors, maker spaces and startups: the handlers of every use case. */
export const MENTORING_HANDLERS = [AdmitStartupHandler, ChangeStartupStatusHandler, MatchMentorHandler, OpenMakerSpaceHandler, RegisterMentorHandler];
