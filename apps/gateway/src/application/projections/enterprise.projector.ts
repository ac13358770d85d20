import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import {
  EventEnvelope,
  FinancingMatchConcluded,
  FinancingMatchConcludedData,
  FinancingMatchProposed,
  FinancingMatchProposedData,
  ServiceRequestClosed,
  ServiceRequestClosedData,
  ServiceRequestEscalated,
  ServiceRequestEscalatedV2,
  ServiceRequestFirstContacted,
  ServiceRequestInterimReplied,
  ServiceRequestRated,
  ServiceRequestRatedData,
  ServiceRequestSubmitted,
  ServiceRequestSubmittedData,
} from '@pb/contracts';
import { applyIfNewer } from '@pb/messaging';
import { FINANCING_MATCH_VIEW, FinancingMatchView, SERVICE_REQUEST_VIEW, ServiceRequestView } from '../../infrastructure/read-models/enterprise-views';
import { writeOnce } from '../../infrastructure/read-models/write-once';

/** Builds the enterprise-request (企业诉求) and bank-enterprise match (银企对接) views from enterprise's topic. */
@Controller()
export class EnterpriseProjector {
  constructor(
    @InjectModel(SERVICE_REQUEST_VIEW) private readonly requests: Model<ServiceRequestView>,
    @InjectModel(FINANCING_MATCH_VIEW) private readonly matches: Model<FinancingMatchView>,
  ) {}

  @EventPattern(ServiceRequestSubmitted.type)
  async submitted(@Payload() event: EventEnvelope<ServiceRequestSubmittedData>): Promise<void> {
    const d = event.data;
    await writeOnce(this.requests, d.requestId, {
      category: d.category,
      department: d.department,
      submittedAt: d.submittedAt,
      districtId: d.districtId,
      subDistrictId: d.subDistrictId,
      zoneId: d.zoneId,
    });
    await applyIfNewer(this.requests, d.requestId, event.aggregateversion, { open: true });
  }

  @EventPattern(ServiceRequestFirstContacted.type)
  async firstContacted(@Payload() event: EventEnvelope<{ requestId: string }>): Promise<void> {
    await applyIfNewer(this.requests, event.data.requestId, event.aggregateversion, {});
  }

  @EventPattern(ServiceRequestInterimReplied.type)
  async interimReplied(@Payload() event: EventEnvelope<{ requestId: string }>): Promise<void> {
    await applyIfNewer(this.requests, event.data.requestId, event.aggregateversion, {});
  }

  @EventPattern(ServiceRequestClosed.type)
  async closed(@Payload() event: EventEnvelope<ServiceRequestClosedData>): Promise<void> {
    const { requestId, onTime, closedAt } = event.data;
    await writeOnce(this.requests, requestId, { resolved: true, onTime, closedAt });
    await applyIfNewer(this.requests, requestId, event.aggregateversion, { open: false });
  }

  @EventPattern(ServiceRequestRated.type)
  async rated(@Payload() event: EventEnvelope<ServiceRequestRatedData>): Promise<void> {
    await writeOnce(this.requests, event.data.requestId, { satisfaction: event.data.satisfaction });
    await applyIfNewer(this.requests, event.data.requestId, event.aggregateversion, {});
  }

  @EventPattern([ServiceRequestEscalated.type, ServiceRequestEscalatedV2.type])
  async escalated(@Payload() event: EventEnvelope<{ requestId: string }>): Promise<void> {
    await writeOnce(this.requests, event.data.requestId, { escalated: true });
    await applyIfNewer(this.requests, event.data.requestId, event.aggregateversion, {});
  }

  @EventPattern(FinancingMatchProposed.type)
  async matchProposed(@Payload() event: EventEnvelope<FinancingMatchProposedData>): Promise<void> {
    const d = event.data;
    await writeOnce(this.matches, d.matchId, {
      needId: d.needId,
      bank: d.bank,
      intendedAmount: d.intendedAmount,
      districtId: d.districtId,
      subDistrictId: d.subDistrictId,
      zoneId: d.zoneId,
    });
    await applyIfNewer(this.matches, d.matchId, event.aggregateversion, { outcome: 'PROPOSED' });
  }

  @EventPattern(FinancingMatchConcluded.type)
  async matchConcluded(@Payload() event: EventEnvelope<FinancingMatchConcludedData>): Promise<void> {
    const { matchId, outcome, grantedAmount, concludedOn } = event.data;
    await writeOnce(this.matches, matchId, { grantedAmount: grantedAmount ?? 0, concludedOn });
    await applyIfNewer(this.matches, matchId, event.aggregateversion, { outcome });
  }
}
