import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { AggregateRepository, InjectAggregate } from '@pb/messaging';
import { Actor, assertInScope, narrowToScope } from '@pb/platform';
import type { Member } from '../../domain/member/member';
import { Members } from '../../infrastructure/aggregates';
import { IdNumberReveal, IdNumberRevealFilter, IdNumberReveals } from '../../infrastructure/member/id-number-reveals';
import { ID_MESSAGE, ID_PATTERN } from '../shared/common.dto';

/** 查看记录: who viewed whose clear ID and phone numbers, for the administrators of the members' jurisdiction. */
export class ListIdNumberReveals {
  constructor(
    readonly filter: IdNumberRevealFilter,
    readonly actor: Actor,
    readonly limit: number,
    readonly before: string | null,
  ) {}
}

export type IdNumberRevealView = Omit<IdNumberReveal, '_id' | 'revealedAt'> & { revealId: string; revealedAt: string };

export interface IdNumberRevealPage {
  items: IdNumberRevealView[];
  /** Pass as `cursor` for the next (older) page; null on the last. */
  nextCursor: string | null;
}

@QueryHandler(ListIdNumberReveals)
export class ListIdNumberRevealsHandler implements IQueryHandler<ListIdNumberReveals, IdNumberRevealPage> {
  constructor(
    private readonly reveals: IdNumberReveals,
    @InjectAggregate(Members) private readonly members: AggregateRepository<Member>,
  ) {}

  async execute({ filter, actor, limit, before }: ListIdNumberReveals): Promise<IdNumberRevealPage> {
    const { districtId, subDistrictId, zoneId, ...ids } = filter;
    // Records are placed where the member was when viewed; the caller reads those of their jurisdiction only.
    const place = narrowToScope(actor, { districtId, subDistrictId, zoneId });
    if (ids.memberId) {
      const [member] = await this.members.statesOf([ids.memberId]);
      if (member) assertInScope(actor, member, `党员 ${ids.memberId} `);
    }
    const found = await this.reveals.list({ ...place, ...ids }, limit + 1, before);
    const page = found.slice(0, limit);
    return {
      // Records from before corrections were audited too have no action: they are clear views.
      items: page.map(({ _id, revealedAt, action, ...rest }) => ({ revealId: _id, action: action ?? 'VIEWED', revealedAt: new Date(revealedAt).toISOString(), ...rest })),
      nextCursor: found.length > limit ? page[page.length - 1]!._id : null,
    };
  }
}

export class IdNumberRevealFilterDto {
  @IsOptional() @Matches(ID_PATTERN, { message: ID_MESSAGE }) districtId?: string;
  @IsOptional() @Matches(ID_PATTERN, { message: ID_MESSAGE }) subDistrictId?: string;
  @IsOptional() @Matches(ID_PATTERN, { message: ID_MESSAGE }) zoneId?: string;
  @IsOptional() @Matches(ID_PATTERN, { message: ID_MESSAGE }) memberId?: string;
  /** The user who viewed (their user id). */
  @IsOptional() @Matches(ID_PATTERN, { message: ID_MESSAGE }) revealedBy?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit 须为 1 到 200 的整数' })
  @Min(1, { message: 'limit 须为 1 到 200 的整数' })
  @Max(200, { message: 'limit 须为 1 到 200 的整数' })
  limit?: number;

  @IsOptional() @Matches(ID_PATTERN, { message: 'cursor 无效' }) cursor?: string;
}
