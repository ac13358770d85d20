import { CancelActivityHandler } from './cancel-activity.command';
import { CheckInHandler } from './check-in.command';
import { CheckOutHandler } from './check-out.command';
import { GetActivityCalendarHandler } from './get-activity-calendar.query';
import { GetAttendanceByOrganizationHandler } from './get-attendance-by-organization.query';
import { GetCheckInCodeHandler } from './get-check-in-code.query';
import { PublishActivityHandler } from './publish-activity.command';
import { RecordMinutesHandler } from './record-minutes.command';
import { RequestLeaveHandler } from './request-leave.command';
import { RescheduleActivityHandler } from './reschedule-activity.command';
import { RotateCheckInCodeHandler } from './rotate-check-in-code.command';
import { ScheduleActivityHandler } from './schedule-activity.command';
import { SignUpHandler } from './sign-up.command';
import { WithdrawSignUpHandler } from './withdraw-sign-up.command';

/** 活动 activities and participation: the handlers of every use case. */
export const ACTIVITY_HANDLERS = [
  CancelActivityHandler,
  CheckInHandler,
  CheckOutHandler,
  PublishActivityHandler,
  RecordMinutesHandler,
  RequestLeaveHandler,
  RescheduleActivityHandler,
  RotateCheckInCodeHandler,
  ScheduleActivityHandler,
  SignUpHandler,
  WithdrawSignUpHandler,
  GetActivityCalendarHandler,
  GetAttendanceByOrganizationHandler,
  GetCheckInCodeHandler,
];
