import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import {
  CaseAccepted,
  CaseClosed,
  CaseClosedData,
  CaseDispatched,
  CaseEscalated,
  CaseEscalatedData,
  CaseHandled,
  CaseHeld,
  CaseMarkedDuplicate,
  CaseOverdue,
  CaseRated,
  CaseRatedData,
  CaseRejected,
  CaseReported,
  CaseReportedData,
  CaseResumed,
  CaseResumedData,
  CaseReturned,
  CaseReworkRequested,
  CaseVerified,
  EventEnvelope,
} from '@pb/contracts';
import { applyIfNewer } from '@pb/messaging';
import { CASE_VIEW, CaseView } from '../../infrastructure/read-models/governance-views';
import { writeOnce } from '../../infrastructure/read-models/write-once';

/** States after which a case no longer counts as open. */
const FINISHED = ['REJECTED', 'DUPLICATE', 'CLOSED', 'RATED'];

/** Builds the case view (案件闭环) from governance's topic: open, overdue, on time, satisfaction. */
@Controller()
export class GovernanceProjector {
  constructor(@InjectModel(CASE_VIEW) private readonly cases: Model<CaseView>) {}

  @EventPattern(CaseReported.type)
  async reported(@Payload() event: EventEnvelope<CaseReportedData>): Promise<void> {
    const d = event.data;
    await writeOnce(this.cases, d.caseId, { kind: d.kind, priority: d.priority, districtId: d.districtId, subDistrictId: d.subDistrictId, zoneId: d.zoneId, reportedAt: d.at });
    await this.moveTo(event, 'REPORTED', { dueAt: d.dueAt });
  }

  @EventPattern(CaseAccepted.type)
  accepted(@Payload() event: EventEnvelope<{ caseId: string }>) {
    return this.moveTo(event, 'ACCEPTED');
  }

  @EventPattern(CaseRejected.type)
  rejected(@Payload() event: EventEnvelope<{ caseId: string }>) {
    return this.moveTo(event, 'REJECTED');
  }

  @EventPattern(CaseMarkedDuplicate.type)
  duplicate(@Payload() event: EventEnvelope<{ caseId: string }>) {
    return this.moveTo(event, 'DUPLICATE');
  }

  @EventPattern(CaseDispatched.type)
  dispatched(@Payload() event: EventEnvelope<{ caseId: string }>) {
    return this.moveTo(event, 'DISPATCHED');
  }

  @EventPattern(CaseReturned.type)
  returned(@Payload() event: EventEnvelope<{ caseId: string }>) {
    return this.moveTo(event, 'RETURNED');
  }

  @EventPattern(CaseHandled.type)
  handled(@Payload() event: EventEnvelope<{ caseId: string }>) {
    return this.moveTo(event, 'HANDLED');
  }

  @EventPattern(CaseVerified.type)
  verified(@Payload() event: EventEnvelope<{ caseId: string }>) {
    return this.moveTo(event, 'VERIFIED');
  }

  @EventPattern(CaseReworkRequested.type)
  rework(@Payload() event: EventEnvelope<{ caseId: string }>) {
    return this.moveTo(event, 'REWORK');
  }

  @EventPattern(CaseHeld.type)
  held(@Payload() event: EventEnvelope<{ caseId: string }>) {
    return this.moveTo(event, 'ON_HOLD');
  }

  @EventPattern(CaseResumed.type)
  resumed(@Payload() event: EventEnvelope<CaseResumedData>) {
    return this.moveTo(event, event.data.toState, { dueAt: event.data.dueAt });
  }

  @EventPattern(CaseClosed.type)
  async closed(@Payload() event: EventEnvelope<CaseClosedData>): Promise<void> {
    // Closing happens once: the facts stand whatever arrives later.
    await writeOnce(this.cases, event.data.caseId, { closed: true, onTime: event.data.onTime, closedAt: event.data.at });
    await this.moveTo(event, 'CLOSED');
  }

  @EventPattern(CaseRated.type)
  async rated(@Payload() event: EventEnvelope<CaseRatedData>): Promise<void> {
    await writeOnce(this.cases, event.data.caseId, { satisfaction: event.data.satisfaction });
    await this.moveTo(event, 'RATED');
  }

  @EventPattern(CaseOverdue.type)
  async overdue(@Payload() event: EventEnvelope<{ caseId: string }>): Promise<void> {
    // Raised once per case; the state does not change.
    await writeOnce(this.cases, event.data.caseId, { overdue: true });
    await applyIfNewer(this.cases, event.data.caseId, event.aggregateversion, {});
  }

  @EventPattern(CaseEscalated.type)
  async escalated(@Payload() event: EventEnvelope<CaseEscalatedData>): Promise<void> {
    await applyIfNewer(this.cases, event.data.caseId, event.aggregateversion, { escalationLevel: event.data.toLevel });
  }

  private async moveTo(event: EventEnvelope<{ caseId: string }>, state: string, more: Record<string, unknown> = {}): Promise<void> {
    await applyIfNewer(this.cases, event.data.caseId, event.aggregateversion, { state, open: !FINISHED.includes(state), ...more });
  }
}
