import { DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { MongooseModule } from '@nestjs/mongoose';
import { CONTEXT_TOPICS } from '@pb/contracts';
import { MembershipReferenceModule } from '@pb/membership-reference';
import { MessagingModule } from '@pb/messaging';
import { PlatformModule, ScheduledWorkModule, ServiceModuleOptions } from '@pb/platform';
import { ActivitiesConfig } from './activities.config';
import {
  CancelActivityHandler,
  PublishActivityHandler,
  RecordMinutesHandler,
  RotateCheckInCodeHandler,
} from './application/activity/activity-lifecycle.commands';
import { CheckInHandler, CheckOutHandler, RequestLeaveHandler, SignUpHandler, WithdrawSignUpHandler } from './application/activity/participation.commands';
import { ScheduleActivityHandler } from './application/activity/schedule-activity.command';
import { GetComplianceReportHandler } from './application/compliance/compliance-report.query';
import { OrganizationLifeData } from './application/compliance/organization-life-data';
import { SweepOverdueOrganizationLifeHandler } from './application/compliance/sweep-overdue.command';
import { AssignPostHandler, ClosePledgeHandler, MakePledgeHandler, ReleasePostHandler } from './application/pledge/pledge.commands';
import { ActivityReads } from './application/queries/activity-reads';
import { MakeRecommendationHandler, RegisterHonourHandler, ScoreAssessmentHandler, SetPointsRulesHandler } from './application/recognition/recognition.commands';
import { BookRoomHandler } from './application/room/book-room.command';
import { CancelBookingHandler } from './application/room/cancel-booking.command';
import { RegisterRoomHandler } from './application/room/register-room.command';
import { RegisterServiceCentreHandler } from './application/room/register-service-centre.command';
import { DecideVolunteerHoursHandler, ReportVolunteerHoursHandler } from './application/volunteer/hours-claim.commands';
import { ACTIVITIES_AGGREGATES } from './infrastructure/aggregates';
import { CheckInCodes } from './infrastructure/check-in-code';
import { SLOT_CLAIM, SlotClaims, SlotClaimSchema } from './infrastructure/room/slot-claims';
import { ActivitiesController } from './interface/http/activities.controller';
import { PeopleController } from './interface/http/people.controller';
import { RecognitionController } from './interface/http/recognition.controller';
import { RoomsController } from './interface/http/rooms.controller';
import { OverdueOrganizationLifeJob } from './interface/schedule/overdue-organization-life.job';

/** 活动共办: organization life, volunteering, pledges, vanguard posts, recognition, service-centre rooms. */
@Module({})
export class ActivitiesModule {
  static register(config: ActivitiesConfig, options: ServiceModuleOptions = {}): DynamicModule {
    return {
      module: ActivitiesModule,
      imports: [
        PlatformModule.forService('activities', config, options),
        // Organizations and members come only from membership's events.
        MessagingModule.forService({
          context: 'activities',
          consumes: { groupId: 'activities', topics: [CONTEXT_TOPICS.membership] },
          aggregates: ACTIVITIES_AGGREGATES,
        }),
        // Secretaries pick attendees and rankings show volunteers by name.
        MembershipReferenceModule.forService({ keepNames: true }),
        CqrsModule.forRoot(),
        ScheduledWorkModule,
        MongooseModule.forFeature([{ name: SLOT_CLAIM, schema: SlotClaimSchema }]),
      ],
      controllers: [ActivitiesController, RoomsController, PeopleController, RecognitionController],
      providers: [
        { provide: ActivitiesConfig, useValue: config },
        CheckInCodes,
        SlotClaims,
        OrganizationLifeData,
        ActivityReads,
        OverdueOrganizationLifeJob,
        ScheduleActivityHandler,
        PublishActivityHandler,
        CancelActivityHandler,
        RecordMinutesHandler,
        RotateCheckInCodeHandler,
        SignUpHandler,
        WithdrawSignUpHandler,
        RequestLeaveHandler,
        CheckInHandler,
        CheckOutHandler,
        RegisterServiceCentreHandler,
        RegisterRoomHandler,
        BookRoomHandler,
        CancelBookingHandler,
        ReportVolunteerHoursHandler,
        DecideVolunteerHoursHandler,
        GetComplianceReportHandler,
        SweepOverdueOrganizationLifeHandler,
        MakePledgeHandler,
        ClosePledgeHandler,
        AssignPostHandler,
        ReleasePostHandler,
        SetPointsRulesHandler,
        RegisterHonourHandler,
        ScoreAssessmentHandler,
        MakeRecommendationHandler,
      ],
    };
  }
}
