import { MatchPolicyHandler } from './match-policy.command';
import { PublishPolicyHandler } from './publish-policy.command';
import { RecordPolicyMatchHandler } from './record-policy-match.command';

/** 惠企政策 policies and their matches: the handlers of every use case. */
export const POLICY_HANDLERS = [MatchPolicyHandler, PublishPolicyHandler, RecordPolicyMatchHandler];
