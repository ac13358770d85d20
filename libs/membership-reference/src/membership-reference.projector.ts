import { Controller, Inject } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { EventEnvelope } from '@pb/contracts';
import { VERSION_GUARDED } from '@pb/messaging';
import { BUILDING_EVENTS, JURISDICTION_EVENTS, MEMBER_EVENTS, MembershipReferenceOptions, ORGANIZATION_EVENTS, referenceChangeOf } from './reference-changes';
import { writeChange } from './reference-writes';
import {
  BUILDING_REFERENCE,
  BuildingReference,
  JURISDICTION_REFERENCE,
  JurisdictionReference,
  MEMBER_REFERENCE,
  MemberReference,
  ORGANIZATION_REFERENCE,
  OrganizationReference,
} from './reference-views';

export const MEMBERSHIP_REFERENCE_OPTIONS = Symbol('MEMBERSHIP_REFERENCE_OPTIONS');

/**
 * Keeps a service's copy of membership's jurisdictions, organizations and buildings (and, with
 * MemberReferenceProjector, its members), from
 * membership's topic. An aggregate's events arrive in order (the relay publishes them in
 * order, keyed by aggregate), so one version per document orders them and a redelivered or
 * older event changes nothing (so no inbox: `VERSION_GUARDED`). No handler reads these
 * documents within its batch, so every write waits for the end of the batch.
 */
@Controller()
export class MembershipReferenceProjector {
  constructor(
    @InjectModel(JURISDICTION_REFERENCE) private readonly jurisdictions: Model<JurisdictionReference>,
    @InjectModel(ORGANIZATION_REFERENCE) private readonly organizations: Model<OrganizationReference>,
    @InjectModel(BUILDING_REFERENCE) private readonly buildings: Model<BuildingReference>,
    @Inject(MEMBERSHIP_REFERENCE_OPTIONS) private readonly options: MembershipReferenceOptions,
  ) {}

  @EventPattern(JURISDICTION_EVENTS, VERSION_GUARDED)
  jurisdictionEvent(@Payload() event: EventEnvelope): Promise<void> {
    return this.apply(this.jurisdictions, event);
  }

  @EventPattern(ORGANIZATION_EVENTS, VERSION_GUARDED)
  organizationEvent(@Payload() event: EventEnvelope): Promise<void> {
    return this.apply(this.organizations, event);
  }

  @EventPattern(BUILDING_EVENTS, VERSION_GUARDED)
  buildingEvent(@Payload() event: EventEnvelope): Promise<void> {
    return this.apply(this.buildings, event);
  }

  private apply<T>(model: Model<T>, event: EventEnvelope): Promise<void> {
    return applyChange(model, event, this.options);
  }
}

/**
 * The members' part of the copy, registered only for a service that reads members
 * (`keepMembers`): a member event is most of membership's traffic, and a copy nobody reads
 * would cost a write in every such service for each of them.
 */
@Controller()
export class MemberReferenceProjector {
  constructor(
    @InjectModel(MEMBER_REFERENCE) private readonly members: Model<MemberReference>,
    @Inject(MEMBERSHIP_REFERENCE_OPTIONS) private readonly options: MembershipReferenceOptions,
  ) {}

  @EventPattern(MEMBER_EVENTS, VERSION_GUARDED)
  memberEvent(@Payload() event: EventEnvelope): Promise<void> {
    return applyChange(this.members, event, this.options);
  }
}

async function applyChange<T>(model: Model<T>, event: EventEnvelope, options: MembershipReferenceOptions): Promise<void> {
  const change = referenceChangeOf(event, options);
  if (change) await writeChange(model, change);
}
