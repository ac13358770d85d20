import { ForbiddenException } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { FilterQuery, Model } from 'mongoose';
import { InjectSnapshots, Snapshot } from '@pb/messaging';
import { Actor, assertInScope, scopeFilter, seesPersonalData } from '@pb/platform';
import type { Member, OpenTransfer } from '../../domain/member/member';
import { Members } from '../../infrastructure/aggregates';
import { MemberOrganizations } from '../../infrastructure/member/member-organizations';
import { assertMayReadPeople } from '../member/member-view';
import { ID_MESSAGE, ID_PATTERN, PageDto } from '../shared/common.dto';

export class ListOpenTransfers {
  constructor(
    readonly filter: { toOrganizationId?: string; fromOrganizationId?: string; status?: OpenTransfer['status'] },
    readonly actor: Actor,
    readonly limit = 200,
    readonly after?: string,
  ) {}
}

/**
 * A transfer with its member, the sending side's jurisdiction (`from…`, where the member is now)
 * beside the receiving side's (`to…`): a row lies in two jurisdictions, and either side's
 * administrators read it. The name only for those who see personal data.
 */
export type OpenTransferView = OpenTransfer & { memberId: string; name?: string; fromDistrictId: string; fromSubDistrictId: string; fromZoneId: string | null };

/** Open transfers (a receiving organization's inbox, or a sending one's outbox), a page in member id order (`after` the last memberId). */
@QueryHandler(ListOpenTransfers)
export class ListOpenTransfersHandler implements IQueryHandler<ListOpenTransfers, OpenTransferView[]> {
  constructor(
    @InjectSnapshots(Members) private readonly members: Model<Snapshot<Member>>,
    private readonly organizations: MemberOrganizations,
  ) {}

  async execute({ filter, actor, limit, after }: ListOpenTransfers): Promise<OpenTransferView[]> {
    assertMayReadPeople(actor);
    // Organizations named in the filter are ones the caller may look into (a secretary's are narrowed below).
    if (actor.role !== 'ORG_SECRETARY') {
      for (const id of [filter.toOrganizationId, filter.fromOrganizationId]) {
        const organization = id ? await this.organizations.find(id) : null;
        if (organization) assertInScope(actor, organization, `党组织 ${id} `);
      }
    }
    const query: FilterQuery<Snapshot<Member>> = { transfer: { $ne: null } };
    if (filter.toOrganizationId) query['transfer.toOrganizationId'] = filter.toOrganizationId;
    if (filter.fromOrganizationId) query.organizationId = filter.fromOrganizationId;
    if (filter.status) query['transfer.status'] = filter.status;
    if (actor.role === 'ORG_SECRETARY') {
      if (!actor.organizationId) throw new ForbiddenException('党组织书记须关联党组织');
      query.$or = [{ organizationId: actor.organizationId }, { 'transfer.toOrganizationId': actor.organizationId }];
    } else {
      // Sending or receiving side inside the caller's jurisdiction.
      const within = scopeFilter(actor.scope);
      if (Object.keys(within).length > 0) {
        const receiving = Object.fromEntries(Object.entries(within).map(([k, v]) => [`transfer.to${k[0]!.toUpperCase()}${k.slice(1)}`, v]));
        query.$or = [within, receiving];
      }
    }
    if (after) query._id = { $gt: after };
    const found = await this.members
      .find(query, { memberId: 1, name: 1, transfer: 1, districtId: 1, subDistrictId: 1, zoneId: 1 })
      .sort({ _id: 1 })
      .limit(limit)
      .lean<Member[]>()
      .exec();
    const withName = seesPersonalData(actor);
    return found.map((m) => ({
      memberId: m.memberId,
      ...(withName ? { name: m.name } : {}),
      fromDistrictId: m.districtId,
      fromSubDistrictId: m.subDistrictId,
      fromZoneId: m.zoneId,
      ...m.transfer!,
    }));
  }
}

export class TransferFilterDto extends PageDto {
  @IsOptional() @Matches(ID_PATTERN, { message: ID_MESSAGE }) toOrganizationId?: string;
  @IsOptional() @Matches(ID_PATTERN, { message: ID_MESSAGE }) fromOrganizationId?: string;
  @IsOptional() @IsIn(['REQUESTED', 'RETURNED', 'APPROVED'], { message: 'status 必须是 REQUESTED, RETURNED, APPROVED 之一' }) status?: 'REQUESTED' | 'RETURNED' | 'APPROVED';
}
