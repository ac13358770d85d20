import { Controller, ForbiddenException, Get, NotFoundException, Param, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor } from '@pb/platform';
import { EventHistory } from '../../application/queries/event-history';
import { recordRefusal, timelineRule } from '../../application/queries/need-to-know';
import { ScopeResolver } from '../../application/queries/scope-resolver';
import { TimelineQuery } from '../../application/queries/scope.dto';

const RECORD_ID = /^[A-Za-z0-9_.:-]{1,128}$/;

/**
 * Cross-service timelines (时间线) and the history of any single record (履历), from the events;
 * by jurisdiction and by role (need-to-know.ts): a record is judged by where it is now and whose it is.
 */
@ApiTags('history 时间线')
@Controller('api')
export class HistoryController {
  constructor(
    private readonly eventLog: EventHistory,
    private readonly scopes: ScopeResolver,
  ) {}

  /** Everything that happened in a jurisdiction, newest first (`before` pages back), for those who administer it. */
  @Get('timeline')
  async timeline(@Query() query: TimelineQuery, @CurrentActor() actor: Actor) {
    const rule = timelineRule(actor);
    if ('refused' in rule) throw new ForbiddenException(rule.refused);
    const { scope, filter } = await this.scopes.resolve(actor, query.scope, query.id);
    const zoneIds = await this.scopes.zoneIdsOf(scope);
    return this.eventLog.timeline({ zoneIds, districtId: filter.districtId, contexts: rule.contexts, since: query.since, before: query.before, limit: query.limit }, actor);
  }

  /** Who did what to one record, when, in order. */
  @Get('history/:recordId')
  async history(@Param('recordId') recordId: string, @CurrentActor() actor: Actor) {
    const found = RECORD_ID.test(recordId) ? await this.eventLog.ofRecord(recordId, actor) : null;
    if (!found) throw new NotFoundException(`没有记录 ${recordId.slice(0, 64)} 的事件`);
    const refusal = recordRefusal(actor, found.standing);
    if (refusal) throw new ForbiddenException(refusal);
    return { recordId, events: found.events };
  }
}
