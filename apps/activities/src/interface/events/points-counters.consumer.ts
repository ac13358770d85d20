import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import {
  ActivityCancelled,
  ActivityRescheduled,
  ActivityRescheduledData,
  EventEnvelope,
  MemberCheckedIn,
  MemberCheckedInData,
  MemberCheckedOut,
  MemberCheckedOutData,
  PledgeFulfilled,
  PledgeFulfilledData,
  VolunteerHoursApproved,
  VolunteerHoursApprovedData,
} from '@pb/contracts';
import { PointsCounting } from '../../application/recognition/points-counting';

/**
 * 积分计数: activities reads its own topic to keep the counters its rankings, stars and flags
 * read. Through Kafka rather than in the command, so a counter follows its event even if the app
 * stopped in between (the consumer group resumes from its committed offset); the answers lag the
 * command by the consumer's delay.
 */
@Controller()
export class PointsCountersConsumer {
  constructor(private readonly counting: PointsCounting) {}

  @EventPattern(MemberCheckedIn.type)
  checkedIn(@Payload() event: EventEnvelope<MemberCheckedInData>): Promise<void> {
    return this.counting.checkedIn(event);
  }

  @EventPattern(MemberCheckedOut.type)
  checkedOut(@Payload() event: EventEnvelope<MemberCheckedOutData>): Promise<void> {
    return this.counting.checkedOut(event);
  }

  @EventPattern(ActivityCancelled.type)
  cancelled(@Payload() event: EventEnvelope<{ activityId: string }>): Promise<void> {
    return this.counting.cancelled(event);
  }

  @EventPattern(ActivityRescheduled.type)
  rescheduled(@Payload() event: EventEnvelope<ActivityRescheduledData>): Promise<void> {
    return this.counting.rescheduled(event);
  }

  @EventPattern(VolunteerHoursApproved.type)
  hoursApproved(@Payload() event: EventEnvelope<VolunteerHoursApprovedData>): Promise<void> {
    return this.counting.hoursApproved(event);
  }

  @EventPattern(PledgeFulfilled.type)
  pledgeFulfilled(@Payload() event: EventEnvelope<PledgeFulfilledData>): Promise<void> {
    return this.counting.pledgeFulfilled(event);
  }
}
