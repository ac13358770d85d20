import { BadRequestException, Injectable } from '@nestjs/common';
import { isISO8601 } from 'class-validator';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { findDefinition } from '@pb/contracts';
import { MembershipReference } from '@pb/membership-reference';
import { Actor, afterPosition, decodePageCursor, pageOf } from '@pb/platform';
import { EVENT_LOG, EventLogEntry } from '../../infrastructure/read-models/event-log';
import { ADMIN_ROLES, RecordStanding, standingOf } from './need-to-know';

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

/** One event as a timeline or a record's history shows it to its caller. */
export type EventView = ReturnType<typeof present>;

/**
 * What a timeline covers: the scope's zones if it is limited by zone, else its district if any, else the city;
 * the contexts the caller's role may see (null: all; see need-to-know.ts); and when.
 */
export interface TimelineWindow {
  zoneIds: string[] | null;
  districtId?: string;
  contexts?: readonly string[] | null;
  since?: string;
  /** Where the previous page ended: its `next`, or (as older clients send) a bare ISO time: everything older. */
  before?: string;
  limit: number;
}

/**
 * The timeline's `before`: the previous page's `next` (that event's time and id, so events sharing a
 * time, like an import batch's, are neither skipped nor repeated), or a bare ISO 8601 time, which
 * clients sent before the cursor existed; anything else is a 400 naming it.
 */
export function timelinePosition(before: string | undefined): { time: Date; eventId: string | null } | null {
  if (before === undefined || before === '') return null;
  const position = decodePageCursor(before);
  if (position && isISO8601(position.key, { strict: true })) return { time: new Date(position.key), eventId: position.id };
  if (isISO8601(before, { strict: true })) return { time: new Date(before), eventId: null };
  throw new BadRequestException(['before 无效：须为上一页返回的 next 或 ISO 8601 时间']);
}

/** Cross-service timelines (时间线) and the history of any single record (履历), read from the gateway's event log. */
@Injectable()
export class EventHistory {
  constructor(
    @InjectModel(EVENT_LOG) private readonly log: Model<EventLogEntry>,
    private readonly reference: MembershipReference,
  ) {}

  /**
   * The window's events, newest first (by time, then event id), as `actor` may see them; `next` is
   * the opaque `before` of the next page (null: none).
   */
  async timeline(window: TimelineWindow, actor: Actor): Promise<{ events: EventView[]; next: string | null }> {
    const position = timelinePosition(window.before);
    const where: Record<string, unknown> = {};
    if (window.zoneIds) where.zoneId = { $in: window.zoneIds };
    else if (window.districtId) where.districtId = window.districtId;
    if (window.contexts) where.context = { $in: [...window.contexts] };
    const time: Record<string, Date> = {};
    if (window.since) time.$gte = new Date(window.since);
    if (position && !position.eventId) time.$lt = position.time;
    if (Object.keys(time).length > 0) where.time = time;
    if (position?.eventId) Object.assign(where, afterPosition('time', position.time, position.eventId, 'desc'));
    const found = await this.log
      .find(where)
      .sort({ time: -1, _id: -1 })
      .limit(window.limit + 1)
      .lean<EventLogEntry[]>()
      .exec();
    const { items, next } = pageOf(found, window.limit, (e) => ({ key: new Date(e.time).toISOString(), id: e._id }));
    return { events: items.map((e) => present(e, actor)), next };
  }

  /**
   * One record's events in order, as `actor` may see them, and its standing: where it lies now (null:
   * nowhere in particular, city-wide) and whose it is; null when the log has nothing about it. The
   * caller judges the standing (need-to-know.ts) before it shows any event.
   */
  async ofRecord(recordId: string, actor: Actor): Promise<{ events: EventView[]; standing: RecordStanding } | null> {
    const entries = await this.log.find({ subject: recordId }).sort({ version: 1, time: 1 }).limit(1000).lean<EventLogEntry[]>().exec();
    if (entries.length === 0) return null;
    const standing = standingOf(entries);
    const zoneId = standing.jurisdiction?.zoneId;
    if (zoneId) standing.jurisdiction!.subDistrictId = (await this.reference.jurisdiction(zoneId))?.subDistrictId ?? standing.jurisdiction!.subDistrictId;
    return { events: entries.map((e) => present(e, actor)), standing };
  }
}
