import { ForbiddenException } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { FilterQuery, Model } from 'mongoose';
import { DEVELOPMENT_STAGES, DevelopmentStage, MEMBER_STATUSES, MemberStatus } from '@pb/contracts';
import { InjectSnapshots, Snapshot } from '@pb/messaging';
import { Actor, assertInScope, narrowToScope, seesPersonalData } from '@pb/platform';
import type { Member } from '../../domain/member/member';
import { Members } from '../../infrastructure/aggregates';
import { MemberOrganizations } from '../../infrastructure/member/member-organizations';
import { MemberPersonalData } from '../../infrastructure/member/member-personal-data';
import { ID_MESSAGE, ID_PATTERN } from '../shared/common.dto';
import { assertMayReadPeople, MemberView, toMemberView, WithheldMemberView, withholdPersonalData } from './member-view';

export interface MemberFilter {
  organizationId?: string;
  zoneId?: string;
  subDistrictId?: string;
  districtId?: string;
  status?: MemberStatus;
  stage?: DevelopmentStage;
  floating?: boolean;
}

export class ListMembers {
  constructor(
    readonly filter: MemberFilter,
    readonly actor: Actor,
    readonly limit: number,
    readonly after: string | null,
  ) {}
}

export interface MemberPage {
  items: (MemberView | WithheldMemberView)[];
  nextCursor: string | null;
}

/** The cursor is opaque to callers: the last member id of the page, encoded. */
export function encodeCursor(lastId: string): string {
  return Buffer.from(JSON.stringify({ a: lastId }), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): string | null {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { a?: unknown };
    return typeof parsed.a === 'string' && parsed.a.length <= 64 ? parsed.a : null;
  } catch {
    return null;
  }
}

/**
 * Members of an organization (its own and the floating members checked in with
 * it), or of a jurisdiction, in member-id order; never more than 200 a page,
 * ID and phone numbers always masked. Grid workers and enterprise contacts get
 * the rows without names, employers and numbers; analysts get none.
 */
@QueryHandler(ListMembers)
export class ListMembersHandler implements IQueryHandler<ListMembers, MemberPage> {
  constructor(
    @InjectSnapshots(Members) private readonly members: Model<Snapshot<Member>>,
    private readonly personal: MemberPersonalData,
    private readonly organizations: MemberOrganizations,
  ) {}

  async execute({ filter, actor, limit, after }: ListMembers): Promise<MemberPage> {
    assertMayReadPeople(actor);
    let organizationId = filter.organizationId;
    if (actor.role === 'ORG_SECRETARY') {
      if (organizationId && organizationId !== actor.organizationId) throw new ForbiddenException('党组织书记只能查看本党组织的党员');
      organizationId = actor.organizationId ?? '-';
    } else if (organizationId) {
      // An organization named in the filter is one the caller may look into: another jurisdiction's is a 403, not an empty page.
      const organization = await this.organizations.find(organizationId);
      if (organization) assertInScope(actor, organization, `党组织 ${organizationId} `);
    }
    const place = narrowToScope(actor, { districtId: filter.districtId, subDistrictId: filter.subDistrictId, zoneId: filter.zoneId });
    const query: FilterQuery<Snapshot<Member>> = {};
    for (const [key, value] of Object.entries(place)) if (value !== undefined) (query as Record<string, unknown>)[key] = value;
    if (organizationId) query.$or = [{ organizationId }, { 'floating.organizationId': organizationId }];
    if (filter.status) query.status = filter.status;
    if (filter.stage) query.stage = filter.stage;
    if (filter.floating !== undefined) query.isFloating = filter.floating;
    if (after) query._id = { $gt: after };
    const found = await this.members
      .find(query, { lastEventAt: 0 })
      .sort({ _id: 1 })
      .limit(limit + 1)
      .lean<(Member & { _id: string; version: number })[]>()
      .exec();
    const page = found.slice(0, limit);
    if (!seesPersonalData(actor)) {
      // Not even decrypted for a caller who is not to see it.
      return {
        items: page.map(({ _id, ...m }) => withholdPersonalData(toMemberView(m, undefined, false))),
        nextCursor: found.length > limit ? encodeCursor(page[page.length - 1]!._id) : null,
      };
    }
    const personal = await this.personal.read(page.map((m) => m._id));
    return {
      items: page.map(({ _id, ...m }) => toMemberView(m, personal.get(_id), false)),
      nextCursor: found.length > limit ? encodeCursor(page[page.length - 1]!._id) : null,
    };
  }
}

export class MemberFilterDto {
  @IsOptional() @Matches(ID_PATTERN, { message: ID_MESSAGE }) organizationId?: string;
  @IsOptional() @Matches(ID_PATTERN, { message: ID_MESSAGE }) districtId?: string;
  @IsOptional() @Matches(ID_PATTERN, { message: ID_MESSAGE }) subDistrictId?: string;
  @IsOptional() @Matches(ID_PATTERN, { message: ID_MESSAGE }) zoneId?: string;

  @IsOptional()
  @IsIn(MEMBER_STATUSES, { message: `status 必须是以下之一：${MEMBER_STATUSES.join(', ')}` })
  status?: MemberStatus;

  @IsOptional()
  @IsIn(DEVELOPMENT_STAGES, { message: `stage 必须是以下之一：${DEVELOPMENT_STAGES.join(', ')}` })
  stage?: DevelopmentStage;

  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'floating 须为 true 或 false' })
  floating?: boolean;

  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit 须为 1 到 200 的整数' })
  @Min(1, { message: 'limit 须为 1 到 200 的整数' })
  @Max(200, { message: 'limit 须为 1 到 200 的整数' })
  limit?: number;

  @IsOptional()
  @IsString()
  @Length(1, 200, { message: 'cursor 无效' })
  cursor?: string;
}
