import { AddCommitteeMemberHandler } from './add-committee-member.command';
import { CompleteResolutionActionHandler } from './complete-resolution-action.command';
import { EstablishCommitteeHandler } from './establish-committee.command';
import { FindCommitteeRecordsHandler } from './find-committee-records.query';
import { GetCommitteeRecordHandler } from './get-committee-record.query';
import { RecordMeetingHeldHandler } from './record-meeting-held.command';
import { RemoveCommitteeMemberHandler } from './remove-committee-member.command';
import { ScheduleMeetingHandler } from './schedule-meeting.command';
import { VoteResolutionHandler } from './vote-resolution.command';

/** 共治委员会 committees, meetings and resolutions: the handlers of every use case. */
export const COMMITTEE_HANDLERS = [
  AddCommitteeMemberHandler,
  CompleteResolutionActionHandler,
  EstablishCommitteeHandler,
  RecordMeetingHeldHandler,
  RemoveCommitteeMemberHandler,
  ScheduleMeetingHandler,
  VoteResolutionHandler,
  FindCommitteeRecordsHandler,
  GetCommitteeRecordHandler,
];
