import { Controller, ForbiddenException, Get, NotFoundException, Param, Query } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { ApiTags } from '@nestjs/swagger';
import { Model } from 'mongoose';
import { findDefinition } from '@pb/contracts';
import { MembershipReference } from '@pb/membership-reference';
import { Actor, CurrentActor, describeScope, scopeCovers } from '@pb/platform';
import { ScopeResolver } from '../../application/queries/scope-resolver';
import { TimelineQuery } from '../../application/queries/scope.dto';
import { EVENT_LOG, EventLogEntry } from '../../infrastructure/read-models/event-log';

const ADMIN_ROLES = ['CITY_ADMIN', 'DISTRICT_ADMIN', 'SUB_DISTRICT_ADMIN', 'SYSTEM'];

/** Removes the payload fields the event's schema marks personal, for roles that need no names. */
function visibleData(entry: EventLogEntry, actor: Actor): Record<string, unknown> {
  if (ADMIN_ROLES.includes(actor.role)) return entry.data;
  const personal = findDefinition(entry.type)?.personalFields ?? [];
  return Object.fromEntries(Object.entries(entry.data ?? {}).filter(([k]) => !personal.includes(k)));
}

function present(entry: EventLogEntry, actor: Actor) {
  return {
    eventId: entry._id,
    type: entry.type,
    context: entry.context,
    subject: entry.subject,
    aggregateType: entry.aggregateType,
    version: entry.version,
    time: entry.time,
    actorId: entry.actorId,
    correlationId: entry.correlationId,
    data: visibleData(entry, actor),
  };
}

/** Cross-service timelines (时间线) and the history of any single record (履历), from the events. */
@ApiTags('history 时间线')
@Controller('api')
export class HistoryController {
  constructor(
    @InjectModel(EVENT_LOG) private readonly log: Model<EventLogEntry>,
    private readonly reference: MembershipReference,
    private readonly scopes: ScopeResolver,
  ) {}

  /** Everything that happened in a jurisdiction, newest first (`before` pages back). */
  @Get('timeline')
  async timeline(@Query() query: TimelineQuery, @CurrentActor() actor: Actor) {
    const { scope, filter } = await this.scopes.resolve(actor, query.scope, query.id);
    const zoneIds = await this.scopes.zoneIdsOf(scope);
    const where: Record<string, unknown> = {};
    if (zoneIds) where.zoneId = { $in: zoneIds };
    else if (filter.districtId) where.districtId = filter.districtId;
    const time: Record<string, Date> = {};
    if (query.since) time.$gte = new Date(query.since);
    if (query.before) time.$lt = new Date(query.before);
    if (Object.keys(time).length > 0) where.time = time;
    const entries = await this.log.find(where).sort({ time: -1 }).limit(query.limit).lean<EventLogEntry[]>().exec();
    return { events: entries.map((e) => present(e, actor)), next: entries.length === query.limit ? entries[entries.length - 1].time : null };
  }

  /** Who did what to one record, when, in order. */
  @Get('history/:recordId')
  async history(@Param('recordId') recordId: string, @CurrentActor() actor: Actor) {
    const entries = /^[A-Za-z0-9_.:-]{1,128}$/.test(recordId)
      ? await this.log.find({ subject: recordId }).sort({ version: 1, time: 1 }).limit(1000).lean<EventLogEntry[]>().exec()
      : [];
    if (entries.length === 0) throw new NotFoundException(`没有记录 ${recordId.slice(0, 64)} 的事件`);
    const where = entries.find((e) => e.districtId) ?? entries[0];
    const zone = where.zoneId ? await this.reference.jurisdiction(where.zoneId) : null;
    const inScope = where.districtId
      ? scopeCovers(actor.scope, { districtId: where.districtId, subDistrictId: zone?.subDistrictId ?? null, zoneId: where.zoneId || null })
      : actor.scope.level === 'CITY';
    if (!inScope) throw new ForbiddenException(`该记录不在您的管辖范围内（${describeScope(actor)}）`);
    return { recordId, events: entries.map((e) => present(e, actor)) };
  }
}
