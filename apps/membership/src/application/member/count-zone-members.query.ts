import { ForbiddenException, Injectable, NotFoundException, OnModuleInit } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Model } from 'mongoose';
import { InjectSnapshots, Snapshot } from '@pb/messaging';
import { JurisdictionScope, scopeCovers, scopeFilter } from '@pb/platform';
import type { Jurisdiction } from '../../domain/jurisdiction/jurisdiction';
import type { Member } from '../../domain/member/member';
import { Jurisdictions, Members } from '../../infrastructure/aggregates';
import { JurisdictionStatistics, PlaceFilter } from '../jurisdiction/jurisdiction-statistics';

/** The members who count in a place (Member.countedIn, kept by the one rule countedPlaceOf). */
function countedIn(place: PlaceFilter): Record<string, unknown> {
  // A member who counts nowhere (countedIn null) is left out of the whole city too.
  return { countedIn: { $ne: null }, ...Object.fromEntries(Object.entries(place).map(([key, value]) => [`countedIn.${key}`, value])) };
}

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
  /**
   * 党员 (full and probationary) who count in the zone (countedPlaceOf, @pb/contracts): placed
   * in an organization of the zone, or floating members checked in there; the dashboards count the same.
   */
  members: number;
  fullMembers: number;
  probationaryMembers: number;
  /** Of `members`, 流动党员 checked in with an organization of the zone and not checked out. */
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
    // The zone is in the caller's scope (checked above), so are the members who count in it.
    const counted = countedIn({ zoneId });
    const [fullMembers, probationaryMembers, floatingMembers, inDevelopment, pendingTransfers] = await Promise.all([
      this.members.countDocuments({ ...counted, status: 'FULL' }).exec(),
      this.members.countDocuments({ ...counted, status: 'PROBATIONARY' }).exec(),
      this.members.countDocuments({ ...counted, 'countedIn.floating': true }).exec(),
      this.members.countDocuments({ ...within, zoneId, status: null }).exec(),
      this.members.countDocuments({ ...within, transfer: { $ne: null }, $or: [{ zoneId }, { 'transfer.toZoneId': zoneId }] }).exec(),
    ]);
    return { zoneId, members: fullMembers + probationaryMembers, fullMembers, probationaryMembers, floatingMembers, inDevelopment, pendingTransfers };
  }
}

/**
 * The members' part of a jurisdiction's statistics (GET /jurisdictions/:id/statistics), by the
 * same rule as the zone's counts and the gateway's dashboards, so a sub-district, district or
 * city is the sum of the members who count in it.
 */
@Injectable()
export class MemberStatistics implements OnModuleInit {
  constructor(
    private readonly statistics: JurisdictionStatistics,
    @InjectSnapshots(Members) private readonly members: Model<Snapshot<Member>>,
  ) {}

  onModuleInit(): void {
    this.statistics.register('members', (place) => this.count(place));
  }

  private async count(place: PlaceFilter): Promise<Record<string, number>> {
    const counted = countedIn(place);
    const [fullMembers, probationaryMembers, floatingMembers] = await Promise.all([
      this.members.countDocuments({ ...counted, status: 'FULL' }).exec(),
      this.members.countDocuments({ ...counted, status: 'PROBATIONARY' }).exec(),
      this.members.countDocuments({ ...counted, 'countedIn.floating': true }).exec(),
    ]);
    return { members: fullMembers + probationaryMembers, fullMembers, probationaryMembers, floatingMembers };
  }
}
