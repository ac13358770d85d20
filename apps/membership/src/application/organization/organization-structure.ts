import { Injectable } from '@nestjs/common';
import { Model } from 'mongoose';
import { AggregateRepository, InjectAggregate, InjectSnapshots, Snapshot } from '@pb/messaging';
import type { Member } from '../../domain/member/member';
import { MAX_ANCESTRY, Organization, OrganizationContents } from '../../domain/organization/organization';
import { Members, Organizations } from '../../infrastructure/aggregates';

/** The most child organizations a merge re-parents in one command. */
export const MAX_MERGED_CHILDREN = 2000;

/** Member records that still hold membership (or are in the pipeline): an ended membership, a later status, is not counted. */
const HELD = { status: { $in: [null, 'FULL', 'PROBATIONARY'] } };

/**
 * What re-parenting, merging and dissolving read of the hierarchy around an organization:
 * its superiors (to refuse a cycle), its standing children, and who is still inside it.
 */
@Injectable()
export class OrganizationStructure {
  constructor(
    @InjectAggregate(Organizations) private readonly organizations: AggregateRepository<Organization>,
    @InjectSnapshots(Organizations) private readonly snapshots: Model<Snapshot<Organization>>,
    @InjectSnapshots(Members) private readonly members: Model<Snapshot<Member>>,
  ) {}

  /** The organization's superiors, nearest first (bounded; a chain that loops stops where it repeats). */
  async ancestryOf(organization: Organization | null): Promise<string[]> {
    const chain: string[] = [];
    let next = organization?.parentId ?? null;
    while (next && chain.length < MAX_ANCESTRY && !chain.includes(next)) {
      chain.push(next);
      const [parent] = await this.organizations.statesOf([next]);
      next = parent?.parentId ?? null;
    }
    return chain;
  }

  /** Child organizations that still stand, by id. */
  async childrenOf(organizationId: string, limit = MAX_MERGED_CHILDREN): Promise<Organization[]> {
    return this.snapshots.find({ parentId: organizationId, dissolvedOn: null }, { _id: 0, version: 0, lastEventAt: 0 }).sort({ _id: 1 }).limit(limit).lean<Organization[]>().exec();
  }

  async contentsOf(organizationId: string): Promise<OrganizationContents> {
    const [members, floatingMembers, incomingTransfers, childOrganizations] = await Promise.all([
      this.members.countDocuments({ organizationId, ...HELD }).exec(),
      this.members.countDocuments({ 'floating.organizationId': organizationId, ...HELD }).exec(),
      this.members.countDocuments({ 'transfer.toOrganizationId': organizationId }).exec(),
      this.snapshots.countDocuments({ parentId: organizationId, dissolvedOn: null }).exec(),
    ]);
    return { members, floatingMembers, incomingTransfers, childOrganizations };
  }
}
