import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { findDefinition } from '@pb/contracts';
import { MembershipReference } from '@pb/membership-reference';
import { Actor, RecordJurisdiction } from '@pb/platform';
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

/** One event as a timeline or a record's history shows it to its caller. */
export type EventView = ReturnType<typeof present>;

/** What a timeline covers: the scope's zones if it is limited by zone, else its district if any, else the city; and when. */
export interface TimelineWindow {
  zoneIds: string[] | null;
  districtId?: string;
  since?: string;
  before?: string;
  limit: number;
}

/** Cross-service timelines (时间线) and the history of any single record (履历), read from the gateway's event log. */
@Injectable()
export class EventHistory {
  constructor(
    @InjectModel(EVENT_LOG) private readonly log: Model<EventLogEntry>,
    private readonly reference: MembershipReference,
  ) {}

  /** The window's events, newest first, as `actor` may see them; `next` is the `before` of the next page (null: none). */
  async timeline(window: TimelineWindow, actor: Actor): Promise<{ events: EventView[]; next: Date | null }> {
    const where: Record<string, unknown> = {};
    if (window.zoneIds) where.zoneId = { $in: window.zoneIds };
    else if (window.districtId) where.districtId = window.districtId;
    const time: Record<string, Date> = {};
    if (window.since) time.$gte = new Date(window.since);
    if (window.before) time.$lt = new Date(window.before);
    if (Object.keys(time).length > 0) where.time = time;
    const entries = await this.log.find(where).sort({ time: -1 }).limit(window.limit).lean<EventLogEntry[]>().exec();
    return { events: entries.map((e) => present(e, actor)), next: entries.length === window.limit ? entries[entries.length - 1].time : null };
  }

  /**
   * One record's events in order, as `actor` may see them, and where the record lies (null: nowhere in
   * particular, city-wide); null when the log has nothing about it.
   */
  async ofRecord(recordId: string, actor: Actor): Promise<{ events: EventView[]; jurisdiction: RecordJurisdiction | null } | null> {
    const entries = await this.log.find({ subject: recordId }).sort({ version: 1, time: 1 }).limit(1000).lean<EventLogEntry[]>().exec();
    if (entries.length === 0) return null;
    const where = entries.find((e) => e.districtId) ?? entries[0];
    const zone = where.zoneId ? await this.reference.jurisdiction(where.zoneId) : null;
    const jurisdiction = where.districtId ? { districtId: where.districtId, subDistrictId: zone?.subDistrictId ?? null, zoneId: where.zoneId || null } : null;
    return { events: entries.map((e) => present(e, actor)), jurisdiction };
  }
}
