import { Injectable } from '@nestjs/common';
import { Model } from 'mongoose';
import { InjectSnapshots } from '@pb/messaging';
import type { OrganizationRef } from '../../domain/member/member';
import { Organizations } from '../aggregates';

const FIELDS = { _id: 0, organizationId: 1, name: 1, type: 1, districtId: 1, subDistrictId: 1, zoneId: 1 };

/** The organizations members belong to, read from this service's own organization snapshots. */
@Injectable()
export class MemberOrganizations {
  constructor(@InjectSnapshots(Organizations) private readonly organizations: Model<OrganizationRef & { _id: string }>) {}

  find(organizationId: string): Promise<OrganizationRef | null> {
    return this.organizations.findById(organizationId, FIELDS).lean<OrganizationRef>().exec();
  }

  /** Joint committees and joint branches of a zone (联合党委、联合党支部). */
  jointOrganizationsOf(zoneId: string): Promise<OrganizationRef[]> {
    return this.organizations
      .find({ zoneId, type: { $in: ['JOINT_COMMITTEE', 'JOINT_BRANCH'] } }, FIELDS)
      .limit(50)
      .lean<OrganizationRef[]>()
      .exec();
  }

  /** Organizations with this exact name (the CSV import names them). */
  byName(name: string): Promise<OrganizationRef[]> {
    return this.organizations.find({ name }, FIELDS).limit(5).lean<OrganizationRef[]>().exec();
  }
}
