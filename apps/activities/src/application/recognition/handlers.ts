import { GetBranchFlagsHandler } from './get-branch-flags.query';
import { GetMemberRatingsHandler } from './get-member-ratings.query';
import { GetPointsRulesHandler } from './get-points-rules.query';
import { ListRecognitionRecordsHandler } from './list-recognition-records.query';
import { RegisterHonourHandler } from './register-honour.command';
import { ScoreAssessmentHandler } from './score-assessment.command';
import { SetPointsRulesHandler } from './set-points-rules.command';

/** 积分、荣誉、考评、推荐 recognition: the handlers of every use case. */
export const RECOGNITION_HANDLERS = [
  RegisterHonourHandler,
  ScoreAssessmentHandler,
  SetPointsRulesHandler,
  GetBranchFlagsHandler,
  GetMemberRatingsHandler,
  GetPointsRulesHandler,
  ListRecognitionRecordsHandler,
];
