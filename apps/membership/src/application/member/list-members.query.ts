import { ForbiddenException } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { FilterQuery, Model } from 'mongoose';
import { DEVELOPMENT_STAGES, DevelopmentStage, MEMBER_RECORD_STATUSES, MemberRecordStatus } from '@pb/contracts';
import { InjectSnapshots, Snapshot } from '@pb/messaging';
import { Actor, assertInScope, narrowToScope, seesPersonalData } from '@pb/platform';
import { normalizeIdNumber } from '../../domain/member/id-number';
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
  /** ENDED lists ended memberships; without a status they are left out. */
  status?: MemberRecordStatus;
  stage?: DevelopmentStage;
  floating?: boolean;
  /** 按姓名查找: part of the name, within the caller's jurisdiction. */
  name?: string;
  /** 按身份证号查找: exact, through the number's blind index. */
  idNumber?: string;
  /** 按手机号查找: exact, through the number's blind index. */
  phone?: string;
}

/** At most this many records share one phone number in a search (a number is rarely on more than a few). */
const PHONE_MATCHES = 200;

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
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
    // Finding a person by name or number tells who they are: only for roles that see people by name.
    const searching = (['name', 'idNumber', 'phone'] as const).filter((key) => filter[key] !== undefined);
    if (searching.length > 0 && !seesPersonalData(actor)) {
      throw new ForbiddenException(`角色 ${actor.role} 不能按姓名、身份证号或手机号查找党员（${searching.join('、')}）`);
    }
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
    // Ended memberships are listed only when asked for; the others, applicants included, otherwise.
    query.status = filter.status ?? { $ne: 'ENDED' };
    if (filter.name !== undefined) query.name = { $regex: escapeRegex(filter.name.trim()) };
    const ids: string[][] = [];
    if (filter.idNumber !== undefined) {
      const holder = await this.personal.memberWithIdNumber(normalizeIdNumber(filter.idNumber));
      ids.push(holder ? [holder] : []);
    }
    if (filter.phone !== undefined) ids.push(await this.personal.membersWithPhone(filter.phone, PHONE_MATCHES));
    if (ids.length > 0) {
      // The numbers name the candidates; the jurisdiction and the other filters still apply to them.
      const candidates = ids.reduce((a, b) => a.filter((id) => b.includes(id))).filter((id) => !after || id > after);
      query._id = { $in: candidates };
    }
    if (filter.stage) query.stage = filter.stage;
    if (filter.floating !== undefined) query.isFloating = filter.floating;
    if (after && ids.length === 0) query._id = { $gt: after };
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
  @IsIn(MEMBER_RECORD_STATUSES, { message: `status 必须是以下之一：${MEMBER_RECORD_STATUSES.join(', ')}（不填时不含党籍已终止的 ENDED）` })
  status?: MemberRecordStatus;

  @IsOptional()
  @IsIn(DEVELOPMENT_STAGES, { message: `stage 必须是以下之一：${DEVELOPMENT_STAGES.join(', ')}` })
  stage?: DevelopmentStage;

  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'floating 须为 true 或 false' })
  floating?: boolean;

  @IsOptional()
  @IsString({ message: 'name 须为字符串' })
  @Length(1, 50, { message: 'name 长度须在 1 到 50 之间（姓名的一部分即可）' })
  name?: string;

  @IsOptional()
  @IsString({ message: 'idNumber 须为字符串' })
  @Matches(/^\d{17}[\dXx]$/, { message: 'idNumber 须为完整的 18 位居民身份证号码（按身份证号查找为精确匹配）' })
  idNumber?: string;

  @IsOptional()
  @IsString({ message: 'phone 须为字符串' })
  @Matches(/^1[3-9]\d{9}$/, { message: 'phone 须为完整的 11 位手机号码（按手机号查找为精确匹配）' })
  phone?: string;

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
