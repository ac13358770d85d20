import { Injectable } from '@nestjs/common';
import { OrganizationRef, pickZoneJointOrganization } from '../../domain/member/member';
import { MemberOrganizations } from '../../infrastructure/member/member-organizations';

/** An organization given directly, or "the joint committee of zone X" for members of enterprises too small for their own. */
export type OrganizationChoice = { organizationId: string } | { jointCommitteeOfZone: string };

@Injectable()
export class OrganizationResolver {
  constructor(private readonly organizations: MemberOrganizations) {}

  async resolve(choice: OrganizationChoice): Promise<{ organization: OrganizationRef | null; organizationId: string }> {
    if ('organizationId' in choice) return { organization: await this.organizations.find(choice.organizationId), organizationId: choice.organizationId };
    const picked = pickZoneJointOrganization(choice.jointCommitteeOfZone, await this.organizations.jointOrganizationsOf(choice.jointCommitteeOfZone));
    return { organization: picked, organizationId: picked.organizationId };
  }
}
