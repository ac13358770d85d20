import { ForbiddenException } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { FilterQuery, Model } from 'mongoose';
import { DevelopmentStage, MemberStatus } from '@pb/contracts';
import { InjectSnapshots, Snapshot } from '@pb/messaging';
import { Actor, narrowToScope } from '@pb/platform';
import type { Member } from '../../domain/member/member';
import { Members } from '../../infrastructure/aggregates';
import { MemberPersonalData } from '../../infrastructure/member/member-personal-data';
import { MemberView, toMemberView } from './member-view';

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
  items: MemberView[];
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
 * ID and phone numbers always masked.
 */
@QueryHandler(ListMembers)
export class ListMembersHandler implements IQueryHandler<ListMembers, MemberPage> {
  constructor(
    @InjectSnapshots(Members) private readonly members: Model<Snapshot<Member>>,
    private readonly personal: MemberPersonalData,
  ) {}

  async execute({ filter, actor, limit, after }: ListMembers): Promise<MemberPage> {
    let organizationId = filter.organizationId;
    if (actor.role === 'ORG_SECRETARY') {
      if (organizationId && organizationId !== actor.organizationId) throw new ForbiddenException('党组织书记只能查看本党组织的党员');
      organizationId = actor.organizationId ?? '-';
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
    const personal = await this.personal.read(page.map((m) => m._id));
    return {
      items: page.map(({ _id, ...m }) => toMemberView(m, personal.get(_id), false)),
      nextCursor: found.length > limit ? encodeCursor(page[page.length - 1]!._id) : null,
    };
  }
}
