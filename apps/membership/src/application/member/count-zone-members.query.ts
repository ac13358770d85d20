import { ForbiddenException, NotFoundException } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Model } from 'mongoose';
import { InjectSnapshots, Snapshot } from '@pb/messaging';
import { JurisdictionScope, scopeCovers, scopeFilter } from '@pb/platform';
import type { Jurisdiction } from '../../domain/jurisdiction/jurisdiction';
import type { Member } from '../../domain/member/member';
import { Jurisdictions, Members } from '../../infrastructure/aggregates';

/**
 * Member figures of one zone, limited to a jurisdiction scope. Other handlers
 * (the zone statistics) may execute this query on the QueryBus as well.
 */
export class CountZoneMembers {
  constructor(
    readonly zoneId: string,
    readonly scope: JurisdictionScope,
  ) {}
}

export interface ZoneMemberCounts {
  zoneId: string;
  /** 党员 (full and probationary) whose organization is in the zone. */
  members: number;
  fullMembers: number;
  probationaryMembers: number;
  /** 流动党员 checked in with an organization of the zone. */
  floatingMembers: number;
  /** 入党申请人、积极分子、发展对象 of the zone's organizations. */
  inDevelopment: number;
  /** Open transfers out of or into the zone. */
  pendingTransfers: number;
}

@QueryHandler(CountZoneMembers)
export class CountZoneMembersHandler implements IQueryHandler<CountZoneMembers, ZoneMemberCounts> {
  constructor(
    @InjectSnapshots(Members) private readonly members: Model<Snapshot<Member>>,
    @InjectSnapshots(Jurisdictions) private readonly jurisdictions: Model<Snapshot<Jurisdiction>>,
  ) {}

  async execute({ zoneId, scope }: CountZoneMembers): Promise<ZoneMemberCounts> {
    // Another jurisdiction's zone is refused, as every other record of it is, rather than counted as empty.
    const zone = await this.jurisdictions.findOne({ _id: zoneId }).lean<Snapshot<Jurisdiction>>().exec();
    if (!zone || zone.level !== 'ZONE') throw new NotFoundException(`片区 ${zoneId} 不存在`);
    if (!scopeCovers(scope, { districtId: zone.districtId ?? '', subDistrictId: zone.subDistrictId, zoneId: zone.zoneId ?? zone._id })) {
      throw new ForbiddenException(`片区 ${zoneId} 不在您的管辖范围内`);
    }
    const within = scopeFilter(scope);
    const floatingWithin = Object.fromEntries(Object.entries(within).map(([k, v]) => [`floating.${k}`, v]));
    const [fullMembers, probationaryMembers, floatingMembers, inDevelopment, pendingTransfers] = await Promise.all([
      this.members.countDocuments({ ...within, zoneId, status: 'FULL' }).exec(),
      this.members.countDocuments({ ...within, zoneId, status: 'PROBATIONARY' }).exec(),
      this.members.countDocuments({ ...floatingWithin, 'floating.zoneId': zoneId }).exec(),
      this.members.countDocuments({ ...within, zoneId, status: null }).exec(),
      this.members.countDocuments({ ...within, transfer: { $ne: null }, $or: [{ zoneId }, { 'transfer.toZoneId': zoneId }] }).exec(),
    ]);
    return { zoneId, members: fullMembers + probationaryMembers, fullMembers, probationaryMembers, floatingMembers, inDevelopment, pendingTransfers };
  }
}
