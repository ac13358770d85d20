import { ApproveAdmissionHandler } from './approve-admission.command';
import { CancelProbationaryMembershipHandler } from './cancel-probationary-membership.command';
import { ExtendProbationHandler } from './extend-probation.command';
import { PublishAdmissionNoticeHandler } from './publish-admission-notice.command';
import { RecordOathHandler } from './record-oath.command';
import { RecordPoliticalReviewHandler } from './record-political-review.command';
import { RecordTrainingHandler } from './record-training.command';
import { RejectAdmissionHandler } from './reject-admission.command';
import { WithdrawApplicationHandler } from './withdraw-application.command';
import { ReapplyHandler } from './reapply.command';
import { AdmitMemberAsFullHandler } from './admit-member.command';
import { AdvanceDevelopmentHandler } from './advance-development.command';
import { CorrectIdNumberHandler } from './correct-id-number.command';
import { CorrectMemberHandler } from './correct-member.command';
import { CountZoneMembersHandler } from './count-zone-members.query';
import { EndMembershipHandler } from './end-membership.command';
import { GetMemberHandler } from './get-member.query';
import { ListIdNumberRevealsHandler } from './list-id-number-reveals.query';
import { ListMembersHandler } from './list-members.query';
import { ListRecommendationsHandler } from './list-recommendations.query';
import { PresentMemberHandler } from './present-member.query';
import { RecordRecommendationHandler } from './record-recommendation.command';
import { RegisterMemberHandler } from './register-member.command';
import { SubmitApplicationHandler } from './submit-application.command';

/** 党员 members, their development and recommendations: the handlers of every use case. */
export const MEMBER_HANDLERS = [
  AdmitMemberAsFullHandler,
  AdvanceDevelopmentHandler,
  ApproveAdmissionHandler,
  CancelProbationaryMembershipHandler,
  ExtendProbationHandler,
  PublishAdmissionNoticeHandler,
  RecordOathHandler,
  RecordPoliticalReviewHandler,
  RecordTrainingHandler,
  RejectAdmissionHandler,
  WithdrawApplicationHandler,
  ReapplyHandler,
  CorrectIdNumberHandler,
  CorrectMemberHandler,
  EndMembershipHandler,
  RecordRecommendationHandler,
  RegisterMemberHandler,
  SubmitApplicationHandler,
  CountZoneMembersHandler,
  GetMemberHandler,
  ListIdNumberRevealsHandler,
  ListMembersHandler,
  ListRecommendationsHandler,
  PresentMemberHandler,
];
