import { Injectable } from '@nestjs/common';
import { Model } from 'mongoose';
import { ORGANIZATION_LIFE_KINDS, OrganizationLifeKind } from '@pb/contracts';
import { MembershipReference, OrganizationReference } from '@pb/membership-reference';
import { InjectSnapshots } from '@pb/messaging';
import type { Activity } from '../../domain/activity/activity';
import { BRANCH_TYPES } from '../../domain/compliance/organization-life';
import { Activities } from '../../infrastructure/aggregates';

export const MAX_BRANCHES = 5000;

/** Reads what compliance needs: the branches (from membership's events) and their held 三会一课. */
@Injectable()
export class OrganizationLifeData {
  constructor(
    @InjectSnapshots(Activities) private readonly activities: Model<Activity>,
    private readonly reference: MembershipReference,
  ) {}

  branches(filter: Record<string, string>): Promise<OrganizationReference[]> {
    return this.reference.organizationsOfTypes(BRANCH_TYPES, filter, MAX_BRANCHES);
  }

  /** A page of the branches, by id: at most `limit` after `afterId` (the first page without it). */
  branchesPage(filter: Record<string, string>, limit: number, afterId?: string): Promise<OrganizationReference[]> {
    return this.reference.organizationsOfTypes(BRANCH_TYPES, filter, limit, afterId);
  }

  /** Start instants of held sessions (minutes recorded) per branch and kind, within [from, to). */
  async heldSessions(branchIds: string[], from: Date, to: Date): Promise<Map<string, Record<OrganizationLifeKind, Date[]>>> {
    const result = new Map<string, Record<OrganizationLifeKind, Date[]>>();
    for (const id of branchIds) result.set(id, emptyKinds());
    if (branchIds.length === 0) return result;
    // Streamed (no cap): every branch of a city over a year.
    const held = this.activities
      .find(
        {
          kind: { $in: [...ORGANIZATION_LIFE_KINDS] },
          organizerIds: { $in: branchIds },
          status: 'PUBLISHED',
          minutes: { $ne: null },
          startsAt: { $gte: from.toISOString(), $lt: to.toISOString() },
        },
        { kind: 1, organizerIds: 1, startsAt: 1 },
      )
      .lean<Pick<Activity, 'kind' | 'organizerIds' | 'startsAt'>[]>()
      .cursor({ batchSize: 1000 });
    for await (const a of held as AsyncIterable<Pick<Activity, 'kind' | 'organizerIds' | 'startsAt'>>) {
      for (const org of a.organizerIds) result.get(org)?.[a.kind as OrganizationLifeKind].push(new Date(a.startsAt));
    }
    return result;
  }
}

function emptyKinds(): Record<OrganizationLifeKind, Date[]> {
  return { BRANCH_ASSEMBLY: [], COMMITTEE_MEETING: [], GROUP_MEETING: [], PARTY_LECTURE: [] };
}
