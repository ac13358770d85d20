import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import {
  EnterpriseProfileUpdated,
  EnterpriseProfileUpdatedData,
  EnterpriseProfileUpdatedV2,
  EnterpriseRegistered,
  EnterpriseRegisteredData,
  EnterpriseRegisteredV2,
  EventEnvelope,
  MemberRecordCorrected,
  MemberRecordCorrectedData,
  MemberRegistered,
  MemberRegisteredData,
  MembershipEnded,
  MembershipEndedData,
  OrganizationDissolved,
  OrganizationDissolvedData,
  OrganizationHostChanged,
  OrganizationHostChangedData,
  OrganizationMerged,
  OrganizationMergedData,
  OrganizationRegistered,
  OrganizationRegisteredData,
} from '@pb/contracts';
import { applyIfNewer, applyIfNewerWithBatch, BatchWrites, VERSION_GUARDED } from '@pb/messaging';
import { coverageOf } from '../../domain/coverage/two-new-coverage';
import {
  ENTERPRISE_COVERAGE_VIEW,
  EnterpriseCoverageView,
  TWO_NEW_EMPLOYMENT_VIEW,
  TwoNewEmploymentView,
  TWO_NEW_HOST_VIEW,
  TwoNewHostView,
} from '../../infrastructure/read-models/coverage-views';
import { writeOnce } from '../../infrastructure/read-models/write-once';

/** What a member event changes in the member's employment: fields absent are left as they are. */
export interface EmploymentChange {
  memberId: string;
  set: { employerCreditCode?: string | null; counted?: boolean };
}

/**
 * The member events 两新 coverage follows, and what each changes. A transfer
 * (MemberTransferCompleted) moves the organization relationship, not the employer: not followed.
 * To follow another event, add its type here and a case below.
 */
export const EMPLOYMENT_EVENTS = [MemberRegistered.type, MemberRecordCorrected.type, MembershipEnded.type];

export function employmentChangeOf(event: EventEnvelope): EmploymentChange | null {
  switch (event.type) {
    case MemberRegistered.type: {
      const d = event.data as MemberRegisteredData;
      return { memberId: d.memberId, set: { employerCreditCode: d.employerCreditCode, counted: true } };
    }
    case MemberRecordCorrected.type: {
      // Only the corrected fields' values mean anything.
      const d = event.data as MemberRecordCorrectedData;
      return d.corrected.includes('employer') ? { memberId: d.memberId, set: { employerCreditCode: d.employerCreditCode } } : null;
    }
    case MembershipEnded.type:
      // 党籍终止: the member counts for no enterprise from now on.
      return { memberId: (event.data as MembershipEndedData).memberId, set: { counted: false } };
    default:
      return null;
  }
}

/** The organization events that change which enterprise hosts it; a dissolved or merged organization covers none. */
export const HOST_EVENTS = [OrganizationRegistered.type, OrganizationHostChanged.type, OrganizationDissolved.type, OrganizationMerged.type];

export function hostChangeOf(event: EventEnvelope): { organizationId: string; hostCreditCode: string | null } | null {
  switch (event.type) {
    case OrganizationRegistered.type: {
      const d = event.data as OrganizationRegisteredData;
      return { organizationId: d.organizationId, hostCreditCode: d.host?.creditCode ?? null };
    }
    case OrganizationHostChanged.type: {
      const d = event.data as OrganizationHostChangedData;
      return { organizationId: d.organizationId, hostCreditCode: d.host?.creditCode ?? null };
    }
    case OrganizationDissolved.type:
      return { organizationId: (event.data as OrganizationDissolvedData).organizationId, hostCreditCode: null };
    case OrganizationMerged.type:
      return { organizationId: (event.data as OrganizationMergedData).organizationId, hostCreditCode: null };
    default:
      return null;
  }
}

/** Recounting settles within this many rounds even when other events of the same enterprise land meanwhile. */
const MAX_RECOUNTS = 5;

/**
 * 两新覆盖: per enterprise (credit code), the members who name it as employer, the organizations
 * it hosts, and from those (domain/coverage) whether it is covered or flagged. Counts come from
 * the employment and host documents, never increments, so a redelivered event changes nothing
 * (no inbox: `VERSION_GUARDED`).
 * Events of different members run side by side: a recount that read before another member's
 * write may land after that member's recount, so each recount checks its figures again after
 * writing them and writes once more if they moved (the last writer always sees the final count).
 */
@Controller()
export class TwoNewCoverageProjector {
  constructor(
    @InjectModel(TWO_NEW_EMPLOYMENT_VIEW) private readonly employments: Model<TwoNewEmploymentView>,
    @InjectModel(TWO_NEW_HOST_VIEW) private readonly hosts: Model<TwoNewHostView>,
    @InjectModel(ENTERPRISE_COVERAGE_VIEW) private readonly enterprises: Model<EnterpriseCoverageView>,
  ) {}

  @EventPattern(EMPLOYMENT_EVENTS, VERSION_GUARDED)
  async employmentChanged(@Payload() event: EventEnvelope): Promise<void> {
    const change = employmentChangeOf(event);
    if (!change) return;
    // A registration naming no employer changes no enterprise's count: its document is created with the batch's others.
    if (event.aggregateversion === 1 && !change.set.employerCreditCode) return applyIfNewerWithBatch(this.employments, change.memberId, 1, change.set);
    // Read and written at once below: the member's document queued by this batch goes first.
    await BatchWrites.createQueuedNow(this.employments, change.memberId);
    // A member's first event has no employer before it to recount (a replay reads nothing more per member).
    const before = event.aggregateversion > 1 ? await this.employments.findById(change.memberId, { employerCreditCode: 1 }).lean<TwoNewEmploymentView>().exec() : null;
    await applyIfNewer(this.employments, change.memberId, event.aggregateversion, change.set);
    await this.recount(before?.employerCreditCode, change.set.employerCreditCode);
  }

  @EventPattern(HOST_EVENTS, VERSION_GUARDED)
  async hostChanged(@Payload() event: EventEnvelope): Promise<void> {
    const change = hostChangeOf(event);
    if (!change) return;
    const before = await this.hosts.findById(change.organizationId, { hostCreditCode: 1 }).lean<TwoNewHostView>().exec();
    await applyIfNewer(this.hosts, change.organizationId, event.aggregateversion, { hostCreditCode: change.hostCreditCode });
    await this.recount(before?.hostCreditCode, change.hostCreditCode);
  }

  // v2 adds the building (BuildingPlacesProjector); name and place are read the same from both.
  @EventPattern([EnterpriseRegistered.type, EnterpriseRegisteredV2.type], VERSION_GUARDED)
  async enterpriseRegistered(@Payload() event: EventEnvelope<EnterpriseRegisteredData>): Promise<void> {
    const { creditCode, name, districtId, subDistrictId, zoneId } = event.data;
    await writeOnce(this.enterprises, creditCode, { registered: true, districtId, subDistrictId, zoneId });
    await applyIfNewer(this.enterprises, creditCode, event.aggregateversion, { name });
    await this.recount(creditCode);
  }

  @EventPattern([EnterpriseProfileUpdated.type, EnterpriseProfileUpdatedV2.type], VERSION_GUARDED)
  async enterpriseRenamed(@Payload() event: EventEnvelope<EnterpriseProfileUpdatedData>): Promise<void> {
    await applyIfNewer(this.enterprises, event.data.creditCode, event.aggregateversion, { name: event.data.name });
  }

  private async recount(...codes: Array<string | null | undefined>): Promise<void> {
    for (const code of new Set(codes.filter((c): c is string => !!c))) {
      let written: string | undefined;
      for (let round = 0; round < MAX_RECOUNTS; round++) {
        const coverage = await this.coverageOf(code);
        const counted = JSON.stringify(coverage);
        if (counted === written) break;
        await writeOnce(this.enterprises, code, { ...coverage });
        written = counted;
      }
    }
  }

  private async coverageOf(code: string) {
    const [members, organizations] = await Promise.all([
      this.employments.countDocuments({ employerCreditCode: code, counted: true }).exec(),
      this.hosts.countDocuments({ hostCreditCode: code }).exec(),
    ]);
    return coverageOf(members, organizations);
  }
}
