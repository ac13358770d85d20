import { DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { MongooseModule } from '@nestjs/mongoose';
import { CONTEXT_TOPICS } from '@pb/contracts';
import { MembershipReferenceModule } from '@pb/membership-reference';
import { MessagingModule, POINTS_COUNTER_MODELS } from '@pb/messaging';
import { PlatformModule, ScheduledWorkModule, ServiceModuleOptions } from '@pb/platform';
import { ActivitiesConfig } from './activities.config';
import { ACTIVITY_HANDLERS } from './application/activity/handlers';
import { COMPLIANCE_HANDLERS } from './application/compliance/handlers';
import { OrganizationLifeData } from './application/compliance/organization-life-data';
import { PLEDGE_HANDLERS } from './application/pledge/handlers';
import { RECOGNITION_HANDLERS } from './application/recognition/handlers';
import { MemberTotals } from './application/recognition/member-totals';
import { PointsCounting } from './application/recognition/points-counting';
import { RECORDS_HANDLERS } from './application/records/handlers';
import { ROOM_HANDLERS } from './application/room/handlers';
import { RoomSlots } from './application/room/room-slots';
import { VOLUNTEER_HANDLERS } from './application/volunteer/handlers';
import { ACTIVITIES_AGGREGATES } from './infrastructure/aggregates';
import { CheckInCodes } from './infrastructure/check-in-code';
import { SLOT_CLAIM, SlotClaims, SlotClaimSchema } from './infrastructure/room/slot-claims';
import { ActivitiesController } from './interface/http/activities.controller';
import { PeopleController } from './interface/http/people.controller';
import { RecognitionController } from './interface/http/recognition.controller';
import { RoomsController } from './interface/http/rooms.controller';
import { PointsCountersConsumer } from './interface/events/points-counters.consumer';
import { OverdueOrganizationLifeJob } from './interface/schedule/overdue-organization-life.job';

/** 活动共办: organization life, volunteering, pledges, vanguard posts, recognition, service-centre rooms. */
@Module({})
export class ActivitiesModule {
  static register(config: ActivitiesConfig, options: ServiceModuleOptions = {}): DynamicModule {
    return {
      module: ActivitiesModule,
      imports: [
        PlatformModule.forService('activities', config, options),
        // Organizations and members come only from membership's events; its own topic keeps the points counters (PointsCountersConsumer).
        MessagingModule.forService({
          context: 'activities',
          consumes: { groupId: 'activities', topics: [CONTEXT_TOPICS.membership, CONTEXT_TOPICS.activities] },
          aggregates: ACTIVITIES_AGGREGATES,
        }),
        // Secretaries pick attendees and rankings show volunteers by name.
        MembershipReferenceModule.forService({ keepNames: true }),
        CqrsModule.forRoot(),
        ScheduledWorkModule,
        MongooseModule.forFeature([{ name: SLOT_CLAIM, schema: SlotClaimSchema }, ...POINTS_COUNTER_MODELS]),
      ],
      controllers: [ActivitiesController, RoomsController, PeopleController, RecognitionController, PointsCountersConsumer],
      providers: [
        { provide: ActivitiesConfig, useValue: config },
        CheckInCodes,
        SlotClaims,
        RoomSlots,
        OrganizationLifeData,
        MemberTotals,
        PointsCounting,
        OverdueOrganizationLifeJob,
        ...ACTIVITY_HANDLERS,
        ...ROOM_HANDLERS,
        ...VOLUNTEER_HANDLERS,
        ...COMPLIANCE_HANDLERS,
        ...PLEDGE_HANDLERS,
        ...RECOGNITION_HANDLERS,
        ...RECORDS_HANDLERS,
      ],
    };
  }
}
