import { BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Gauge } from 'prom-client';
import type { FilterQuery, Model } from 'mongoose';
import { Clock, metricsRegistry } from '@pb/platform';
import type { NotificationRecord } from '../../domain/notification';
import { NOTIFICATIONS } from '../../infrastructure/notifications.collection';
import { toItem } from '../inbox/my-notifications';
import { sseFrame } from './sse-frame';

/** How often the one poller of the process looks for new and closed items. */
export const POLL_EVERY_MS = 1_000;
/** A comment line this often keeps idle connections (and the proxies on the way) open. */
export const HEARTBEAT_EVERY_MS = 15_000;
/**
 * Items are read from a little before the newest one seen: an insert that commits late, or comes
 * from another instance whose clock is slightly behind, is still found (and sent once: ids sent are
 * remembered for that long).
 */
const OVERLAP_MS = 5_000;
/** At most this many items per read; a busier second is read page by page. */
const PAGE = 500;
/**
 * A stream lasts at most this long, then ends; the console opens a new one with its current access
 * token. So a user disabled or reassigned while connected stops receiving within this time.
 */
export const STREAM_MAX_MS = 15 * 60_000;

const openStreams = new Gauge({ name: 'pb_notification_streams_open', help: 'Live notification streams (SSE) open in this process', registers: [metricsRegistry] });

/** One open stream: whose it is (by audience) and how to write to it. */
export interface LiveConnection {
  audiences: ReadonlySet<string>;
  write(frame: string): void;
  end(): void;
}

/** Where one kind of read (new items by createdAt, closed to-dos by closedAt) has got to. */
interface Cursor {
  at: Date;
  id: string;
  /** Ids sent within the overlap window, with their time, so that re-reading it sends nothing twice. */
  sent: Map<string, number>;
}

/**
 * 实时推送: the service's side of `GET /notifications/stream`. One poller per process (not per
 * connection) reads the notifications created since its last look (`createdAt, _id` order) and the
 * to-dos closed since then, and writes each to the open streams whose user's audiences include it.
 * It runs only while a stream is open. A connection the browser closes is dropped at once.
 */
@Injectable()
export class LiveFeed implements BeforeApplicationShutdown {
  private readonly logger = new Logger(LiveFeed.name);
  private readonly connections = new Set<LiveConnection>();
  private poller?: ReturnType<typeof setTimeout>;
  private heartbeat?: ReturnType<typeof setInterval>;
  private created?: Cursor;
  private closed?: Cursor;
  private polling = false;

  constructor(
    @InjectModel(NOTIFICATIONS) private readonly notifications: Model<NotificationRecord>,
    // The clock the store stamps `createdAt` and `closedAt` with.
    private readonly clock: Clock,
  ) {}

  get size(): number {
    return this.connections.size;
  }

  /** Registers a stream; the returned function drops it (call it when the connection closes). */
  open(connection: LiveConnection): () => void {
    this.connections.add(connection);
    openStreams.set(this.connections.size);
    if (this.connections.size === 1) this.start();
    const ends = setTimeout(() => connection.end(), STREAM_MAX_MS);
    ends.unref();
    return () => {
      clearTimeout(ends);
      if (!this.connections.delete(connection)) return;
      openStreams.set(this.connections.size);
      if (this.connections.size === 0) this.stop();
    };
  }

  // Before the HTTP server closes: it waits for open connections, and a stream never ends by itself.
  beforeApplicationShutdown(): void {
    for (const connection of [...this.connections]) connection.end();
    this.connections.clear();
    openStreams.set(0);
    this.stop();
  }

  private start(): void {
    // From now (and, by the overlap, a few seconds before): what arrives while the first look is
    // still to come is not taken for old news; a stream may see an item its list already showed.
    const now = this.clock.now();
    this.created = { at: now, id: '', sent: new Map() };
    this.closed = { at: now, id: '', sent: new Map() };
    this.heartbeat = setInterval(() => this.broadcast(': heartbeat\n\n'), HEARTBEAT_EVERY_MS);
    this.heartbeat.unref();
    this.schedule();
  }

  private stop(): void {
    clearTimeout(this.poller);
    clearInterval(this.heartbeat);
    this.poller = this.heartbeat = undefined;
    // Nobody listens: the next stream starts from its own time (the console reloads its list on connecting).
    this.created = this.closed = undefined;
  }

  private schedule(): void {
    this.poller = setTimeout(() => void this.poll(), POLL_EVERY_MS);
    this.poller.unref();
  }

  private async poll(): Promise<void> {
    if (this.polling) return;
    this.polling = true;
    try {
      if (this.created) await this.readSince(this.created, 'createdAt', {}, (record) => ['notification', toItem(record, false)]);
      if (this.closed) await this.readSince(this.closed, 'closedAt', { state: 'DONE' }, (record) => ['closed', { id: record._id }]);
    } catch (error) {
      // The database is away: the next look reads from the same place.
      this.logger.warn(`live feed could not read notifications: ${(error as Error).name}`);
    } finally {
      this.polling = false;
      if (this.connections.size > 0) this.schedule();
    }
  }

  private async readSince(
    cursor: Cursor,
    field: 'createdAt' | 'closedAt',
    filter: FilterQuery<NotificationRecord>,
    frame: (record: NotificationRecord) => [string, unknown],
  ): Promise<void> {
    const audiences = this.audiences();
    if (audiences.length === 0) return;
    let from = new Date(cursor.at.getTime() - OVERLAP_MS);
    let fromId = '';
    for (;;) {
      const page = await this.notifications
        .find({
          ...filter,
          audience: { $in: audiences },
          $or: [{ [field]: { $gt: from } }, { [field]: from, _id: { $gt: fromId } }],
        })
        .sort({ [field]: 1, _id: 1 })
        .limit(PAGE)
        .lean<NotificationRecord[]>()
        .exec();
      for (const record of page) {
        const at = (record[field] as Date).getTime();
        if (at > cursor.at.getTime() || (at === cursor.at.getTime() && record._id > cursor.id)) {
          cursor.at = record[field] as Date;
          cursor.id = record._id;
        }
        if (cursor.sent.has(record._id)) continue;
        cursor.sent.set(record._id, at);
        const [event, data] = frame(record);
        this.deliver(record.audience, sseFrame(event, data));
      }
      if (page.length < PAGE) break;
      const last = page[page.length - 1];
      from = last[field] as Date;
      fromId = last._id;
    }
    const forgetBefore = cursor.at.getTime() - OVERLAP_MS;
    for (const [id, at] of cursor.sent) if (at < forgetBefore) cursor.sent.delete(id);
  }

  private audiences(): string[] {
    const all = new Set<string>();
    for (const connection of this.connections) for (const a of connection.audiences) all.add(a);
    return [...all];
  }

  private deliver(audience: string, frame: string): void {
    for (const connection of this.connections) if (connection.audiences.has(audience)) connection.write(frame);
  }

  private broadcast(frame: string): void {
    for (const connection of this.connections) connection.write(frame);
  }
}
