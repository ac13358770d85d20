import { Injectable } from '@nestjs/common';
import { Model } from 'mongoose';
import { InjectSnapshots } from '@pb/messaging';
import type { OrganizationRef } from '../../domain/member/member';
import { Organizations } from '../aggregates';

const FIELDS = { _id: 0, organizationId: 1, name: 1, type: 1, districtId: 1, subDistrictId: 1, zoneId: 1, parentId: 1, dissolvedOn: 1, mergedIntoId: 1 };

/** The organizations members belong to, read from this service's own organization snapshots. */
@Injectable()
export class MemberOrganizations {
  constructor(@InjectSnapshots(Organizations) private readonly organizations: Model<OrganizationRef & { _id: string }>) {}

  find(organizationId: string): Promise<OrganizationRef | null> {
    return this.organizations.findById(organizationId, FIELDS).lean<OrganizationRef>().exec();
  }

  /** Joint committees and joint branches of a zone (联合党委、联合党支部). */
  jointOrganizationsOf(zoneId: string): Promise<OrganizationRef[]> {
    return (
      this.organizations
        // A dissolved or merged joint organization takes no one in: it is no choice at all.
        .find({ zoneId, type: { $in: ['JOINT_COMMITTEE', 'JOINT_BRANCH'] }, dissolvedOn: null }, FIELDS)
        .limit(50)
        .lean<OrganizationRef[]>()
        .exec()
    );
  }

  /** The organizations above this one (上级党组织), nearest first; a broken or cyclic chain stops. */
  async above(organizationId: string): Promise<OrganizationRef[]> {
    const chain: OrganizationRef[] = [];
    let next = (await this.find(organizationId))?.parentId ?? null;
    // Re-parenting refuses cycles; the bound only guards against a damaged snapshot.
    while (next && chain.length < 10 && !chain.some((o) => o.organizationId === next)) {
      const org = await this.find(next);
      if (!org) break;
      chain.push(org);
      next = org.parentId ?? null;
    }
    return chain;
  }

  /** Organizations with this exact name (the CSV import names them). */
  byName(name: string): Promise<OrganizationRef[]> {
    return this.organizations.find({ name }, FIELDS).limit(5).lean<OrganizationRef[]>().exec();
  }
}
